package org.flattenexplorer.ui.viewmodel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.flattenexplorer.data.AclImdbReader;
import org.flattenexplorer.data.BadRowsException;
import org.flattenexplorer.data.DataException;
import org.flattenexplorer.data.DataLocator;
import org.flattenexplorer.data.DatasetPreparer;
import org.flattenexplorer.data.ImdbDownloader;
import org.flattenexplorer.data.LabelMapping;
import org.flattenexplorer.data.LabelledTextFile;
import org.flattenexplorer.data.MissingColumnException;
import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.data.Preprocessing;
import org.flattenexplorer.data.TextFileSettings;
import org.flattenexplorer.data.UnknownLabelsException;
import org.flattenexplorer.ui.task.TaskExecutor;

/**
 * The data panel: which reviews the runs train on (an aclImdb folder, a CSV/TSV file of labelled texts, or the
 * synthetic set), their counts, and the official download with its progress. With no data found it says so
 * instead of failing. A file whose columns, labels or rows need the user's word poses a {@link FileQuestion};
 * the file is used only once it is answered.
 */
public final class DataViewModel implements DatasetSource {
    /** What the runs read: a folder, or a file with its reading settings ({@code file} set), or generated reviews. */
    public record Choice(Path folder, boolean synthetic, TextFileSettings file) {
        static final Choice NONE = new Choice(null, false, null);

        boolean present() {
            return synthetic || folder != null;
        }
    }

    /**
     * What the window must ask before a reviews file can be used.
     *
     * @param options  COLUMNS: the file's column names; POSITIVE_LABEL: the two label values; SKIP_BAD_ROWS: none
     * @param defaults COLUMNS: the text and label columns found (null where none was)
     */
    public record FileQuestion(Kind kind, Path file, TextFileSettings settings, String message, List<String> options,
            List<String> defaults) {
        public enum Kind { COLUMNS, POSITIVE_LABEL, SKIP_BAD_ROWS }
    }

    /** What the runs can use when no data says otherwise: an IMDB train folder's 25,000 reviews. */
    public static final int DEFAULT_AVAILABLE_REVIEWS = 25_000;

    private final TaskExecutor executor;
    private final UiSettings settings;
    private final Path downloadFolder;
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper hasData = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper downloading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper downloadProgress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper downloadText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<FileQuestion> question = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper usesFile = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyIntegerWrapper availableReviews = new ReadOnlyIntegerWrapper(DEFAULT_AVAILABLE_REVIEWS);
    /** The column names of the file in use (for "Change columns"), empty otherwise. */
    private volatile List<String> header = List.of();
    private volatile List<String> columnsInUse = List.of();

    private volatile Choice choice = Choice.NONE;
    private final ReadOnlyObjectWrapper<Choice> chosen = new ReadOnlyObjectWrapper<>(Choice.NONE);
    private volatile ImdbDownloader downloader;
    /** Prepared datasets by data source and preprocessing, least recently used first. */
    private final java.util.LinkedHashMap<String, PreparedDataset> prepared = new java.util.LinkedHashMap<>();
    private static final int KEPT_DATASETS = 4;

    public DataViewModel(TaskExecutor executor, UiSettings settings, Path downloadFolder) {
        this.executor = executor;
        this.settings = settings;
        this.downloadFolder = downloadFolder;
        show(Choice.NONE, Map.of(), "");
    }

    /** Finds the data at start: FLATTEN_EXPLORER_DATA, then the user's last choice, then the default folder. */
    public void locate(DataLocator locator, Optional<String> environmentValue) {
        executor.io(() -> {
            if (environmentValue.isEmpty() && settings.get(UiSettings.DATA_SYNTHETIC).orElse("").equals("true")) {
                executor.ui(this::useSynthetic);
                return;
            }
            Optional<Path> found = environmentValue.isPresent() ? locator.find(Optional.empty())
                    : settings.get(UiSettings.DATA_FOLDER).map(Path::of).or(() -> locator.find(Optional.empty()));
            if (found.isPresent() && Files.isRegularFile(found.get())) {
                openFile(found.get(), rememberedFileSettings(), false);
            } else if (found.isPresent()) {
                openFolder(found.get(), false);
            } else {
                executor.ui(() -> show(Choice.NONE, Map.of(), "No IMDB reviews found. Pick an aclImdb folder, "
                        + "download the official archive (84 MB), or use the synthetic reviews."));
            }
        });
    }

    /** The user picked a folder (the aclImdb folder or the one holding it). */
    public void chooseFolder(Path folder) {
        if (Files.isRegularFile(folder)) {
            chooseFile(folder);
            return;
        }
        executor.io(() -> openFolder(folder, true));
    }

    public void useSynthetic() {
        settings.put(UiSettings.DATA_SYNTHETIC, "true");
        show(new Choice(null, true, null), Map.of(), "");
    }

    /** The user picked a CSV/TSV file of labelled texts (File > Open reviews): columns and labels detected. */
    public void chooseFile(Path file) {
        executor.io(() -> openFile(file, TextFileSettings.defaults(), true));
    }

    /** Asks for the text and label columns of the file in use (the data panel's "Columns..."). */
    public void changeColumns() {
        Choice c = choice;
        if (c.file() != null && !header.isEmpty()) {
            question.set(new FileQuestion(FileQuestion.Kind.COLUMNS, c.folder(), c.file(),
                    "Which column holds the review text, which its label?", header, columnsInUse));
        }
    }

    /** The text and label columns chosen; the file is read again with them. */
    public void answerColumns(FileQuestion q, String textColumn, String labelColumn) {
        question.set(null);
        reopen(q, q.settings().withColumns(textColumn, labelColumn));
    }

    /** The label value that means positive; the other one is negative. */
    public void answerPositiveLabel(FileQuestion q, String positive) {
        question.set(null);
        String negative = q.options().stream().filter(v -> !v.equals(positive)).findFirst().orElse("");
        reopen(q, q.settings().withLabels(new LabelMapping(positive, negative)));
    }

    /** Skip the bad rows (they stay listed in the counts and the training log). */
    public void answerSkipBadRows(FileQuestion q) {
        question.set(null);
        reopen(q, q.settings().withSkipBadRows(true));
    }

    /** The question was dismissed: the data in use stays as it was. */
    public void cancelQuestion(FileQuestion q) {
        question.set(null);
        message.set("Not opened: " + q.file().getFileName() + " (" + firstSentence(q.message()) + ")");
    }

    private void reopen(FileQuestion q, TextFileSettings s) {
        executor.io(() -> openFile(q.file(), s, true));
    }

    private void openFile(Path file, TextFileSettings s, boolean remember) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            LabelledTextFile.Contents contents = LabelledTextFile.read(absolute, s);
            if (remember) {
                rememberFile(absolute, s);
            }
            executor.ui(() -> {
                header = contents.header();
                columnsInUse = List.of(contents.textColumnName(), contents.labelColumnName());
                show(new Choice(absolute, false, s), Map.of(), "");
                counts.set(fileCounts(contents, s));
                availableReviews.set(Math.max(2, contents.rows().size() - (s.testFile() != null ? 0
                        : (int) Math.round(contents.rows().size() * s.testFraction()))));
            });
        } catch (MissingColumnException e) {
            executor.ui(() -> question.set(new FileQuestion(FileQuestion.Kind.COLUMNS, absolute, s, e.getMessage(),
                    e.header(), java.util.Arrays.asList(s.textColumn(), s.labelColumn()))));
        } catch (UnknownLabelsException e) {
            if (e.values().size() == 2) {
                executor.ui(() -> question.set(new FileQuestion(FileQuestion.Kind.POSITIVE_LABEL, absolute, s,
                        e.getMessage(), e.values(), List.of())));
            } else {
                executor.ui(() -> show(choice, countsOf(choice), e.getMessage()));
            }
        } catch (BadRowsException e) {
            executor.ui(() -> question.set(new FileQuestion(FileQuestion.Kind.SKIP_BAD_ROWS, absolute, s,
                    e.getMessage(), List.of(), List.of())));
        } catch (DataException e) {
            executor.ui(() -> show(choice, countsOf(choice), e.getMessage()));
        }
    }

    static String fileCounts(LabelledTextFile.Contents c, TextFileSettings s) {
        String counts = String.format(Locale.ROOT, "%,d reviews: %,d positive · %,d negative (columns %s, %s; "
                        + "labels %s)", c.rows().size(), c.positives(), c.negatives(), c.textColumnName(),
                c.labelColumnName(), c.labels().describe());
        if (s.testFile() == null) {
            counts += String.format(Locale.ROOT, "; %.0f%% held out for testing", 100 * s.testFraction());
        }
        return counts + c.skippedNote().map(n -> "; " + n).orElse("");
    }

    private void rememberFile(Path file, TextFileSettings s) {
        settings.putAll(java.util.Map.of(UiSettings.DATA_FOLDER, file.toString(),
                UiSettings.DATA_FILE_TEXT_COLUMN, s.textColumn() == null ? "" : s.textColumn(),
                UiSettings.DATA_FILE_LABEL_COLUMN, s.labelColumn() == null ? "" : s.labelColumn(),
                UiSettings.DATA_FILE_LABELS, s.labels() == null ? "" : s.labels().positive() + "," + s.labels().negative(),
                UiSettings.DATA_FILE_SKIP_BAD_ROWS, String.valueOf(s.skipBadRows())));
        settings.put(UiSettings.DATA_SYNTHETIC, null);
    }

    private TextFileSettings rememberedFileSettings() {
        TextFileSettings s = TextFileSettings.defaults()
                .withColumns(settings.get(UiSettings.DATA_FILE_TEXT_COLUMN).orElse(null),
                        settings.get(UiSettings.DATA_FILE_LABEL_COLUMN).orElse(null))
                .withSkipBadRows(settings.get(UiSettings.DATA_FILE_SKIP_BAD_ROWS).orElse("").equals("true"));
        String labels = settings.get(UiSettings.DATA_FILE_LABELS).orElse("");
        try {
            return labels.isBlank() ? s : s.withLabels(LabelMapping.parse(labels));
        } catch (DataException e) {
            return s;
        }
    }

    private static String firstSentence(String message) {
        int colon = message.indexOf(": ");
        return colon > 0 && colon < message.length() - 2 ? message.substring(colon + 2) : message;
    }

    private void openFolder(Path folder, boolean remember) {
        Path root = AclImdbReader.resolveRoot(folder);
        try {
            AclImdbReader.checkLayout(root);
            Map<String, Integer> c = AclImdbReader.counts(root);
            if (remember) {
                settings.put(UiSettings.DATA_FOLDER, root.toString());
                settings.put(UiSettings.DATA_SYNTHETIC, null);
            }
            executor.ui(() -> {
                show(new Choice(root, false, null), c, "");
                availableReviews.set(Math.max(2, c.getOrDefault("train/pos", 0) + c.getOrDefault("train/neg", 0)));
            });
        } catch (DataException e) {
            executor.ui(() -> show(choice, countsOf(choice), e.getMessage()));
        }
    }

    /** Downloads and extracts the official archive (all 50,000 reviews) into the default data folder, then uses it. */
    public void download() {
        download(new ImdbDownloader());
    }

    /** The same with another downloader (tests serve a small archive from 127.0.0.1). */
    public void download(ImdbDownloader d) {
        if (downloading.get()) {
            return;
        }
        downloader = d;
        downloading.set(true);
        downloadProgress.set(-1);
        downloadText.set("Connecting...");
        executor.io(() -> {
            try {
                // every review of the archive (25,000 train, 25,000 test); tests and CI use the subset folder
                Path folder = d.install(downloadFolder, Optional.empty(), this::progress);
                executor.ui(() -> downloadText.set("Downloaded to " + folder));
                openFolder(folder, true);
            } catch (java.util.concurrent.CancellationException e) {
                executor.ui(() -> downloadText.set("Download cancelled"));
            } catch (RuntimeException e) {
                executor.ui(() -> downloadText.set("Download failed: " + e.getMessage()));
            } finally {
                executor.ui(() -> downloading.set(false));
            }
        });
    }

    public void cancelDownload() {
        ImdbDownloader d = downloader;
        if (d != null) {
            d.cancel();
        }
    }

    private long lastProgress;

    private void progress(long done, long total, String phase) {
        long now = System.nanoTime();
        if (now - lastProgress < 100_000_000L && done < total) {
            return;
        }
        lastProgress = now;
        double fraction = total > 0 ? (double) done / total : -1;
        String text = String.format(Locale.ROOT, "%s %.1f / %.1f MB", phase, done / 1e6, total / 1e6);
        executor.ui(() -> {
            downloadProgress.set(fraction);
            downloadText.set(text);
        });
    }

    private void show(Choice c, Map<String, Integer> splitCounts, String problem) {
        choice = c;
        hasData.set(c.present());
        usesFile.set(c.file() != null);
        if (c.synthetic()) {
            source.set("Synthetic reviews (generated, no download needed)");
            counts.set("as many as the training and validation sizes ask for");
            availableReviews.set(DatasetPreparer.MAX_SYNTHETIC_REVIEWS);
        } else if (c.file() != null) {
            source.set(c.folder().toString());
        } else if (c.folder() != null) {
            source.set(c.folder().toString());
            counts.set(formatCounts(splitCounts));
        } else {
            source.set("No data");
            counts.set("");
        }
        message.set(problem);
        chosen.set(c); // last: its listeners see the rest of the new choice
    }

    private static Map<String, Integer> countsOf(Choice c) {
        return c.folder() == null || c.file() != null ? Map.of() : AclImdbReader.counts(c.folder());
    }

    static String formatCounts(Map<String, Integer> c) {
        return String.format(Locale.ROOT, "train: %,d pos · %,d neg    test: %,d pos · %,d neg",
                c.getOrDefault("train/pos", 0), c.getOrDefault("train/neg", 0),
                c.getOrDefault("test/pos", 0), c.getOrDefault("test/neg", 0));
    }

    /**
     * Called on the training thread: the reviews for one run, encoded with its preprocessing. The last few are
     * kept, so a lesson moving between post- and pre-padded runs does not prepare them again.
     */
    @Override
    public synchronized PreparedDataset prepare(Preprocessing p) {
        Choice c = choice;
        if (!c.present()) {
            throw new DataException("No data chosen: pick an aclImdb folder, download it, or use the synthetic reviews.");
        }
        String key = (c.synthetic() ? "synthetic" : c.folder().toString()) + "\n"
                + (c.file() == null ? "" : c.file().describe()) + "\n" + p;
        PreparedDataset dataset = prepared.remove(key);
        if (dataset == null) {
            dataset = c.synthetic() ? DatasetPreparer.synthetic(p) : c.file() != null
                    ? DatasetPreparer.fromTextFile(c.folder(), c.file(), p) : DatasetPreparer.fromFolder(c.folder(), p);
        }
        prepared.put(key, dataset); // most recently used last
        if (prepared.size() > KEPT_DATASETS) {
            prepared.remove(prepared.keySet().iterator().next());
        }
        return dataset;
    }

    /** True when the runs train on generated reviews. */
    public boolean synthetic() {
        return choice.synthetic();
    }

    public ReadOnlyStringProperty sourceProperty() { return source.getReadOnlyProperty(); }
    public ReadOnlyStringProperty countsProperty() { return counts.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty hasDataProperty() { return hasData.getReadOnlyProperty(); }
    /** The data in use: a new value each time the user picks other data. */
    public ReadOnlyObjectProperty<Choice> choiceProperty() { return chosen.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty downloadingProperty() { return downloading.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty downloadProgressProperty() { return downloadProgress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty downloadTextProperty() { return downloadText.getReadOnlyProperty(); }
    /** A question about a reviews file, null when none is pending. */
    public ReadOnlyObjectProperty<FileQuestion> questionProperty() { return question.getReadOnlyProperty(); }
    /** How many reviews the training and validation splits can draw from (the train folder, or a file less its test share). */
    public ReadOnlyIntegerProperty availableReviewsProperty() { return availableReviews.getReadOnlyProperty(); }
    /** True when the runs read a CSV/TSV file (its columns can be changed). */
    public ReadOnlyBooleanProperty usesFileProperty() { return usesFile.getReadOnlyProperty(); }
}
