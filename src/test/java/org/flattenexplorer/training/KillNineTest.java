package org.flattenexplorer.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Preset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 (SIGKILL: no shutdown hook, no finally) of a real process, in the middle of training and in the middle
 * of a save: no run already saved changes, no half-written run appears, and the hidden leftover of the killed
 * save is removed the next time the store is read.
 */
class KillNineTest {
    private static final long WAIT_SECONDS = 120;

    @TempDir
    Path temp;
    private Path root;
    private SavedRun older;
    private Map<String, String> olderFiles;

    @BeforeEach
    void anOlderRun() throws Exception {
        root = temp.resolve("runs");
        ExperimentSpec spec = TrainingFixtures.small(Preset.QUESTION_LAST, 1);
        TrainingRun run = new TrainingRun(spec, TrainingFixtures.synthetic(spec));
        RunResult result = run.run(TrainingListener.NONE);
        older = new RunStore(root).save(RunInfo.of("older", result, spec, run.data()), result, run.network(),
                run.data().vocabulary());
        olderFiles = contents(older.folder());
    }

    @Test
    void killedWhileTrainingLeavesTheStoreAsItWas() throws Exception {
        Process p = java("-D" + RunStore.ROOT_PROPERTY + "=" + root, "org.flattenexplorer.Launcher", "train",
                "--synthetic", "--maxlen", "40", "--units", "8", "--embedding", "8", "--train-size", "64",
                "--val-size", "32", "--test-size", "32", "--epochs", "500");

        String seen = waitFor(p, "Epoch 3/");
        kill9(p);

        assertThat(seen).contains("Epoch 3/500");
        assertThat(entries(root)).containsExactly(older.folder().getFileName().toString());
        assertThat(contents(older.folder())).isEqualTo(olderFiles);
        assertThat(new RunStore(root).list().runs()).extracting(SavedRun::folder).containsExactly(older.folder());
    }

    @Test
    void killedWhileSavingLeavesOnlyAHiddenLeftoverThatTheNextStartRemoves() throws Exception {
        long usage = new RunStore(root).diskUsage();
        Process p = java("org.flattenexplorer.training.SaveThenHang", root.toString());

        String seen = waitFor(p, "SAVING");
        kill9(p);

        assertThat(seen).contains(".partial-" + p.pid() + "-");
        List<String> leftovers = entries(root).stream().filter(n -> n.contains(".partial-")).toList();
        assertThat(leftovers).singleElement().asString().startsWith(".");
        assertThat(root.resolve(leftovers.get(0)).resolve(RunStore.MODEL_ZIP)).isNotEmptyFile();
        assertThat(new RunStore(root).diskUsage()).isEqualTo(usage); // a leftover is no run

        RunStore.Listing listing = new RunStore(root).list();

        assertThat(listing.runs()).extracting(SavedRun::folder).containsExactly(older.folder());
        assertThat(listing.problems()).isEmpty();
        assertThat(entries(root)).containsExactly(older.folder().getFileName().toString());
        assertThat(contents(older.folder())).isEqualTo(olderFiles);
    }

    private static Process java(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=3g", "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("OMP_NUM_THREADS", "1");
        return builder.start();
    }

    /** Reads the process's output until a line contains {@code marker}; returns everything read. */
    private static String waitFor(Process p, String marker) throws Exception {
        StringBuilder seen = new StringBuilder();
        CompletableFuture<Boolean> found = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (seen) {
                        seen.append(line).append('\n');
                    }
                    if (line.contains(marker)) {
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        });
        boolean ok = found.get(WAIT_SECONDS, TimeUnit.SECONDS);
        synchronized (seen) {
            assertThat(ok).as("the process never printed " + marker + ":\n" + seen).isTrue();
            return seen.toString();
        }
    }

    /** SIGKILL, as kill -9 sends it (Process.destroyForcibly on Linux). */
    private static void kill9(Process p) throws InterruptedException {
        p.destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(128 + 9);
    }

    private static List<String> entries(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** Each file's name and a digest of its bytes. */
    private static Map<String, String> contents(Path folder) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path f : list.toList()) {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
                files.put(f.getFileName().toString(), java.util.HexFormat.of().formatHex(digest));
            }
        }
        return files;
    }
}
