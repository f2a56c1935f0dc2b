package org.flattenexplorer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Preset;
import org.flattenexplorer.training.Failures;
import org.flattenexplorer.training.OutputException;
import org.flattenexplorer.training.RunInfo;
import org.flattenexplorer.training.RunResult;
import org.flattenexplorer.training.RunStore;
import org.flattenexplorer.training.SavedRun;
import org.flattenexplorer.training.TrainingFixtures;
import org.flattenexplorer.training.TrainingListener;
import org.flattenexplorer.training.TrainingRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: a 1 MB tmpfs. Mounting needs root with the right to mount (CI as root on Debian; not in an
 * unprivileged container), so these tests are skipped where mount fails; RunStoreTest covers the same save path
 * with a disk that rejects writes, everywhere.
 */
class FullDiskTest {
    @TempDir
    static Path temp;
    private static Path disk;
    private static boolean mounted;

    @BeforeAll
    static void mountATinyDisk() throws Exception {
        disk = Files.createDirectories(temp.resolve("disk"));
        try {
            Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk.toString())
                    .redirectErrorStream(true).start();
            mounted = mount.waitFor(20, TimeUnit.SECONDS) && mount.exitValue() == 0;
        } catch (java.io.IOException e) {
            mounted = false;
        }
    }

    @AfterAll
    static void unmount() throws Exception {
        if (mounted) {
            new ProcessBuilder("umount", disk.toString()).start().waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void trainRefusesBeforeTrainingWhenTheRunWouldNotFit() {
        assumeTrue(mounted, "cannot mount a tmpfs here");
        CliRunner cli = new CliRunner();

        int code = cli.run("train", "--synthetic", "--train-size", "64", "--val-size", "32", "--test-size", "32",
                "--epochs", "1", "--out", disk.resolve("run").toString());

        assertThat(code).isEqualTo(2);
        assertThat(cli.stderr()).startsWith("error: not enough free space for --out").contains("only")
                .contains("free some space or choose a folder on another disk");
        assertThat(cli.stdout()).doesNotContain("Epoch 1/");
        assertThat(disk.resolve("run")).doesNotExist();
    }

    @Test
    void aDiskThatFillsUpBeforeTheSaveLosesNothingAlreadySaved() throws Exception {
        assumeTrue(mounted, "cannot mount a tmpfs here");
        ExperimentSpec spec = TrainingFixtures.small(Preset.QUESTION_LAST, 1);
        TrainingRun run = new TrainingRun(spec, TrainingFixtures.synthetic(spec));
        RunResult result = run.run(TrainingListener.NONE);
        RunInfo info = RunInfo.of("tiny", result, spec, run.data());
        SavedRun earlier = RunStore.saveTo(disk.resolve("earlier"), info, result, run.network(), run.data().vocabulary());
        long free = Files.getFileStore(disk).getUsableSpace();
        Files.write(disk.resolve("filler"), new byte[(int) Math.max(0, free - 8 * 1024)]);

        assertThatThrownBy(() -> RunStore.saveTo(disk.resolve("later"), info, result, run.network(),
                run.data().vocabulary())).isInstanceOf(OutputException.class)
                .satisfies(e -> assertThat(Failures.explain(e)).startsWith("could not save the run to " + disk)
                        .contains("the disk is full").contains("free some space"));

        try (Stream<Path> entries = Files.list(disk)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("earlier", "filler");
        }
        assertThat(RunStore.loadNetwork(RunStore.load(earlier.folder()))).isNotNull();
    }
}
