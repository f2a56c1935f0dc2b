package org.flattenexplorer.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.flattenexplorer.data.Vocabularies;
import org.flattenexplorer.data.Vocabulary;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.KerasSummary;

/**
 * Runs kept as folders: {@code run.json} (spec, seed, data identity), {@code metrics.csv}, {@code batches.csv},
 * {@code vocabulary.json} and {@code model.zip}. A folder is written under a hidden temporary name
 * ({@code .NAME.partial-PID-N}) and renamed into place, so a crash never leaves a half-written run, and nothing
 * already saved is overwritten; the leftovers of a killed save are removed the next time the store is read.
 * Reading never lets one damaged folder hide the others: each is skipped and named with its reason, and a
 * model is checked against its {@code run.json} before it is used.
 */
public final class RunStore {
    public static final String RUN_JSON = "run.json";
    public static final String METRICS_CSV = "metrics.csv";
    public static final String BATCHES_CSV = "batches.csv";
    public static final String VOCABULARY_JSON = "vocabulary.json";
    public static final String MODEL_ZIP = "model.zip";
    /** The system property that moves the run store (the window's too: tests, screenshots). */
    public static final String ROOT_PROPERTY = "flatten.runs";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** {@code .NAME.partial-PID-NANOS}, or {@code .NAME.partial-NANOS} as older versions named them. */
    private static final Pattern PARTIAL = Pattern.compile("^\\..+\\.partial-(\\d+)(?:-(\\d+))?$");
    /** A partial folder without a process id is left alone this long (another program may be saving it). */
    private static final Duration UNOWNED_PARTIAL_AGE = Duration.ofMinutes(10);
    /** vocabulary.json, metrics and run.json beside the weights: a generous bound per word and per run. */
    private static final long BYTES_PER_WORD = 32;
    private static final long BYTES_PER_RUN = 256 * 1024;

    /** Where a save's bytes go: the real disk, or in tests one that fills up. */
    interface Disk {
        OutputStream create(Path file) throws IOException;
    }

    static final Disk REAL_DISK = file -> Files.newOutputStream(file, StandardOpenOption.CREATE_NEW);

    private final Path root;
    private final Disk disk;

    public RunStore(Path root) {
        this(root, REAL_DISK);
    }

    RunStore(Path root, Disk disk) {
        this.root = root;
        this.disk = disk;
    }

    /** {@code ~/.flatten-explorer/runs}, or {@code -Dflatten.runs}: where the app keeps its runs. */
    public static Path defaultRoot() {
        String moved = System.getProperty(ROOT_PROPERTY);
        return moved != null && !moved.isBlank() ? Path.of(moved)
                : Path.of(System.getProperty("user.home"), ".flatten-explorer", "runs");
    }

    public Path root() {
        return root;
    }

    /** The runs that could be read, newest first, and one message for each folder that could not. */
    public record Listing(List<SavedRun> runs, List<String> problems) {}

    /** About the bytes a saved run of this spec takes (the weights as float32, the vocabulary, the metrics). */
    public static long bytesNeeded(ExperimentSpec spec, int vocabularySize) {
        return 4 * KerasSummary.of(spec, vocabularySize).totalParams() + BYTES_PER_WORD * vocabularySize
                + BYTES_PER_RUN;
    }

    /**
     * Checks before training that a run of this size can be saved here: the folder is a folder (or can be
     * created), can be written, and its disk has room. @throws OutputException naming the folder and what to do
     */
    public void requireWritable(long bytes) {
        OutputCheck.SYSTEM.store(root, bytes);
    }

    /** Saves a run in a new folder under the store's root. */
    public SavedRun save(RunInfo info, RunResult result, MultiLayerNetwork network, Vocabulary vocabulary) {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new OutputException(OutputCheck.runsFolderIsAFile(root));
        }
        String base = LocalDateTime.now().format(FOLDER_TIME) + "-" + slug(info.name()) + "-s"
                + info.spec().training().seed();
        Path folder = root.resolve(base);
        for (int i = 2; Files.exists(folder); i++) {
            folder = root.resolve(base + "-" + i);
        }
        return saveTo(folder, info, result, network, vocabulary, disk);
    }

    /** Saves a run into {@code folder}, which must not exist yet. */
    public static SavedRun saveTo(Path folder, RunInfo info, RunResult result, MultiLayerNetwork network,
                                  Vocabulary vocabulary) {
        return saveTo(folder, info, result, network, vocabulary, REAL_DISK);
    }

    private static SavedRun saveTo(Path folder, RunInfo info, RunResult result, MultiLayerNetwork network,
                                   Vocabulary vocabulary, Disk disk) {
        if (Files.exists(folder)) {
            throw new OutputException("will not overwrite the existing folder " + folder
                    + ": choose a new folder name");
        }
        Path parent = folder.toAbsolutePath().getParent();
        removeStalePartials(parent, folder.getFileName().toString());
        Path temp = parent.resolve("." + folder.getFileName() + ".partial-" + ProcessHandle.current().pid() + "-"
                + System.nanoTime());
        try {
            Files.createDirectories(temp);
            write(disk, temp.resolve(RUN_JSON), JSON.writeValueAsString(info));
            write(disk, temp.resolve(METRICS_CSV), MetricsCsv.write(result.epochs()));
            write(disk, temp.resolve(BATCHES_CSV), batchesCsv(result.batchLosses()));
            write(disk, temp.resolve(VOCABULARY_JSON), vocabulary.toJson());
            try (OutputStream model = disk.create(temp.resolve(MODEL_ZIP))) {
                ModelSerializer.writeModel(network, model, false);
            }
            moveAtomically(temp, folder);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp);
            throw new OutputException("could not save the run to " + folder, e);
        }
        return load(folder);
    }

    private static void write(Disk disk, Path file, String text) throws IOException {
        try (OutputStream out = disk.create(file)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Reads a run folder. A run.json without a name gets the folder's name; one without a creation time is
     * listed last. @throws RunFormatException naming the folder and the damage
     */
    public static SavedRun load(Path folder) {
        try {
            RunInfo info;
            try {
                info = JSON.readValue(read(folder, RUN_JSON), RunInfo.class);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(Failures.json(RUN_JSON, e), e);
            }
            if (info == null || info.spec() == null || info.status() == null) {
                throw new IllegalArgumentException(RUN_JSON + " has no spec or status");
            }
            info.spec().invalidReason().ifPresent(reason -> {
                throw new IllegalArgumentException(RUN_JSON + "'s spec is not valid: " + reason.lines().findFirst()
                        .orElse(reason));
            });
            if (info.name() == null || info.name().isBlank()) {
                info = info.withName(folder.getFileName().toString());
            }
            List<EpochMetrics> epochs = MetricsCsv.read(read(folder, METRICS_CSV));
            List<Double> batches = Files.exists(folder.resolve(BATCHES_CSV))
                    ? readBatches(read(folder, BATCHES_CSV)) : List.of();
            if (!Files.isRegularFile(folder.resolve(MODEL_ZIP))) {
                throw new IllegalArgumentException(MODEL_ZIP + " is missing");
            }
            return new SavedRun(folder, info, epochs, batches);
        } catch (IOException | RuntimeException e) {
            throw new RunFormatException("the run folder " + folder + " is damaged: " + reason(e)
                    + ": delete it or copy it again", e);
        }
    }

    /** The trained network of a saved run, checked against its run.json and vocabulary. */
    public static MultiLayerNetwork loadNetwork(SavedRun run) {
        return loadNetwork(run, loadVocabulary(run));
    }

    /**
     * The trained network of a saved run, checked against its run.json (layer sizes, maxlen, units, embedding)
     * and the vocabulary it will be fed (the Embedding's rows). @throws RunFormatException when they disagree
     */
    public static MultiLayerNetwork loadNetwork(SavedRun run, Vocabulary vocabulary) {
        Path zip = run.folder().resolve(MODEL_ZIP);
        MultiLayerNetwork network;
        try {
            if (Files.size(zip) == 0) {
                throw new RunFormatException("the model of run " + run.folder() + " cannot be read: " + MODEL_ZIP
                        + " is empty (0 bytes), so the save did not complete: delete this run and train it again",
                        null);
            }
            network = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false);
        } catch (RunFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new RunFormatException("the model of run " + run.folder() + " cannot be read: " + reason(e)
                    + ": delete this run and train it again", e);
        }
        ModelCheck.mismatch(run.info().spec(), vocabulary.inputDim(), network.getLayerWiseConfigurations())
                .ifPresent(problem -> {
                    throw new RunFormatException("the model of run " + run.folder() + " does not match its "
                            + RUN_JSON + " (" + problem + "): it was copied from another run or " + RUN_JSON
                            + " was edited; delete this run or train it again", null);
                });
        return network;
    }

    /** The vocabulary the run was trained with, so it can be inspected without its data. */
    public static Vocabulary loadVocabulary(SavedRun run) {
        try {
            return Vocabularies.fromJson(read(run.folder(), VOCABULARY_JSON));
        } catch (IOException | RuntimeException e) {
            throw new RunFormatException("the vocabulary of run " + run.folder() + " cannot be read: " + reason(e), e);
        }
    }

    /**
     * Every run that can be read, newest first (runs without a creation time last), and one message for each
     * folder that cannot; the leftovers of saves killed midway are removed first.
     */
    public Listing list() {
        List<SavedRun> runs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (Files.exists(root) && !Files.isDirectory(root)) {
            problems.add(OutputCheck.runsFolderIsAFile(root));
            return new Listing(runs, problems);
        }
        if (!Files.isDirectory(root)) {
            return new Listing(runs, problems);
        }
        removeStalePartials(root, null);
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                try {
                    runs.add(load(folder));
                } catch (RuntimeException e) {
                    problems.add(e instanceof RunFormatException ? e.getMessage()
                            : "the run folder " + folder + " cannot be read: " + Failures.explain(e));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            problems.add("cannot list the runs folder " + root + ": " + Failures.explain(e));
        }
        runs.sort(NEWEST_FIRST);
        return new Listing(runs, problems);
    }

    /** By creation time, newest first; runs without one last, then by folder name. */
    static final Comparator<SavedRun> NEWEST_FIRST = Comparator
            .comparing((SavedRun r) -> r.info().createdAt(), Comparator.nullsFirst(Comparator.<String>naturalOrder()))
            .thenComparing(r -> r.folder().getFileName().toString())
            .reversed();

    /**
     * Removes the hidden {@code .NAME.partial-PID-N} folders of saves whose process is gone (killed midway), in
     * {@code folder}; only those of {@code name} when it is given. Finished runs are never touched.
     */
    static void removeStalePartials(Path folder, String name) {
        if (folder == null || !Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path p : entries.filter(Files::isDirectory).toList()) {
                String file = p.getFileName().toString();
                Matcher m = PARTIAL.matcher(file);
                if (m.matches() && (name == null || file.startsWith("." + name + ".partial-")) && isStale(p, m)) {
                    deleteQuietly(p);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // cannot look: the leftovers stay hidden and are tried again next time
        }
    }

    private static boolean isStale(Path partial, Matcher m) {
        if (m.group(2) != null) {
            long pid = Long.parseLong(m.group(1));
            return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        }
        try {
            FileTime modified = Files.getLastModifiedTime(partial);
            return modified.toInstant().isBefore(Instant.now().minus(UNOWNED_PARTIAL_AGE));
        } catch (IOException e) {
            return false;
        }
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
            throw new OutputException("could not rename run " + run.folder(), e);
        }
        return load(run.folder());
    }

    public static void delete(SavedRun run) {
        try {
            deleteTree(run.folder());
        } catch (IOException e) {
            throw new OutputException("could not delete " + run.folder(), e);
        }
    }

    /** Bytes the runs take on disk (hidden folders, such as a save in progress, are not runs). */
    public long diskUsage() {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !root.relativize(p).getName(0).toString().startsWith(".")).mapToLong(p -> {
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
        return e.getMessage() != null && (e instanceof IllegalArgumentException || e instanceof RunFormatException)
                ? Failures.clean(e.getMessage()) : Failures.explain(e);
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
