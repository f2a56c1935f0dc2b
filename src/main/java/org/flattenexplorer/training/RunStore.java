package org.flattenexplorer.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.flattenexplorer.data.Vocabularies;
import org.flattenexplorer.data.Vocabulary;

/**
 * Runs kept as folders: {@code run.json} (spec, seed, data identity), {@code metrics.csv}, {@code batches.csv},
 * {@code vocabulary.json} and {@code model.zip}. A folder is written under a temporary name and renamed into
 * place, so a crash never leaves a half-written run, and nothing already saved is overwritten.
 */
public final class RunStore {
    public static final String RUN_JSON = "run.json";
    public static final String METRICS_CSV = "metrics.csv";
    public static final String BATCHES_CSV = "batches.csv";
    public static final String VOCABULARY_JSON = "vocabulary.json";
    public static final String MODEL_ZIP = "model.zip";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path root;

    public RunStore(Path root) {
        this.root = root;
    }

    /** {@code ~/.flatten-explorer/runs}: where the app keeps its runs. */
    public static Path defaultRoot() {
        return Path.of(System.getProperty("user.home"), ".flatten-explorer", "runs");
    }

    public Path root() {
        return root;
    }

    /** The runs that could be read, newest first, and one message for each folder that could not. */
    public record Listing(List<SavedRun> runs, List<String> problems) {}

    /** Saves a run in a new folder under the store's root. */
    public SavedRun save(RunInfo info, RunResult result, MultiLayerNetwork network, Vocabulary vocabulary) {
        String base = LocalDateTime.now().format(FOLDER_TIME) + "-" + slug(info.name()) + "-s" + info.spec().seed();
        Path folder = root.resolve(base);
        for (int i = 2; Files.exists(folder); i++) {
            folder = root.resolve(base + "-" + i);
        }
        return saveTo(folder, info, result, network, vocabulary);
    }

    /** Saves a run into {@code folder}, which must not exist yet. */
    public static SavedRun saveTo(Path folder, RunInfo info, RunResult result, MultiLayerNetwork network,
                                  Vocabulary vocabulary) {
        if (Files.exists(folder)) {
            throw new IllegalArgumentException("will not overwrite the existing folder " + folder);
        }
        Path parent = folder.toAbsolutePath().getParent();
        Path temp = parent.resolve("." + folder.getFileName() + ".partial-" + System.nanoTime());
        try {
            Files.createDirectories(temp);
            Files.writeString(temp.resolve(RUN_JSON), JSON.writeValueAsString(info));
            Files.writeString(temp.resolve(METRICS_CSV), MetricsCsv.write(result.epochs()));
            Files.writeString(temp.resolve(BATCHES_CSV), batchesCsv(result.batchLosses()));
            Files.writeString(temp.resolve(VOCABULARY_JSON), vocabulary.toJson());
            ModelSerializer.writeModel(network, temp.resolve(MODEL_ZIP).toFile(), false);
            moveAtomically(temp, folder);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("could not save the run to " + folder + ": " + e.getMessage(), e);
        }
        return load(folder);
    }

    /** Reads a run folder. @throws RunFormatException naming the folder and the damage */
    public static SavedRun load(Path folder) {
        try {
            RunInfo info = JSON.readValue(read(folder, RUN_JSON), RunInfo.class);
            if (info.spec() == null || info.status() == null) {
                throw new IllegalArgumentException(RUN_JSON + " has no spec or status");
            }
            List<EpochMetrics> epochs = MetricsCsv.read(read(folder, METRICS_CSV));
            List<Double> batches = Files.exists(folder.resolve(BATCHES_CSV))
                    ? readBatches(read(folder, BATCHES_CSV)) : List.of();
            if (!Files.isRegularFile(folder.resolve(MODEL_ZIP))) {
                throw new IllegalArgumentException(MODEL_ZIP + " is missing");
            }
            return new SavedRun(folder, info, epochs, batches);
        } catch (IOException | RuntimeException e) {
            throw new RunFormatException("the run folder " + folder + " is damaged: " + reason(e), e);
        }
    }

    /** The trained network of a saved run. */
    public static MultiLayerNetwork loadNetwork(SavedRun run) {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(run.folder().resolve(MODEL_ZIP).toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new RunFormatException("the model of run " + run.folder() + " cannot be read: " + reason(e), e);
        }
    }

    /** The vocabulary the run was trained with, so it can be inspected without its data. */
    public static Vocabulary loadVocabulary(SavedRun run) {
        try {
            return Vocabularies.fromJson(read(run.folder(), VOCABULARY_JSON));
        } catch (IOException | RuntimeException e) {
            throw new RunFormatException("the vocabulary of run " + run.folder() + " cannot be read: " + reason(e), e);
        }
    }

    public Listing list() {
        List<SavedRun> runs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return new Listing(runs, problems);
        }
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                try {
                    runs.add(load(folder));
                } catch (RunFormatException e) {
                    problems.add(e.getMessage());
                }
            }
        } catch (IOException e) {
            problems.add("cannot list " + root + ": " + e.getMessage());
        }
        runs.sort(Comparator.comparing((SavedRun r) -> r.info().createdAt()).reversed());
        return new Listing(runs, problems);
    }

    /** Gives a run a new display name; only run.json changes, replaced atomically. */
    public static SavedRun rename(SavedRun run, String newName) {
        if (newName == null || newName.isBlank()) {
            throw new IllegalArgumentException("a run needs a non-empty name");
        }
        Path json = run.folder().resolve(RUN_JSON);
        Path temp = run.folder().resolve(RUN_JSON + ".tmp");
        try {
            Files.writeString(temp, JSON.writeValueAsString(run.info().withName(newName.strip())));
            moveAtomically(temp, json);
        } catch (IOException e) {
            throw new UncheckedIOException("could not rename run " + run.folder() + ": " + e.getMessage(), e);
        }
        return load(run.folder());
    }

    public static void delete(SavedRun run) {
        try {
            deleteTree(run.folder());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + run.folder() + ": " + e.getMessage(), e);
        }
    }

    /** Bytes the runs take on disk. */
    public long diskUsage() {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    public static String now() {
        return LocalDateTime.now().withNano(0).toString();
    }

    private static String read(Path folder, String file) throws IOException {
        Path path = folder.resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(file + " is missing");
        }
        return Files.readString(path, StandardCharsets.UTF_8);
    }

    private static String batchesCsv(List<Double> losses) {
        StringBuilder out = new StringBuilder("step,loss\n");
        for (int i = 0; i < losses.size(); i++) {
            out.append(i + 1).append(',').append(String.format(Locale.ROOT, "%.6f", losses.get(i))).append('\n');
        }
        return out.toString();
    }

    private static List<Double> readBatches(String csv) {
        List<Double> losses = new ArrayList<>();
        String[] lines = csv.strip().split("\\R");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            if (f.length != 2) {
                throw new IllegalArgumentException(BATCHES_CSV + " line " + (i + 1) + " is malformed");
            }
            losses.add(Double.parseDouble(f[1]));
        }
        return losses;
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String reason(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }

    private static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return s.isEmpty() ? "run" : s.substring(0, Math.min(40, s.length()));
    }

    private static void deleteQuietly(Path folder) {
        try {
            deleteTree(folder);
        } catch (IOException ignored) {
            // best effort: a leftover hidden .partial folder is skipped by list()
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
