package org.flattenexplorer.ui.viewmodel;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.flattenexplorer.data.AclImdbReader;
import org.flattenexplorer.data.DataException;
import org.flattenexplorer.data.DataLocator;
import org.flattenexplorer.data.DatasetPreparer;
import org.flattenexplorer.data.ImdbDownloader;
import org.flattenexplorer.data.SubsetManifest;
import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.data.Preprocessing;
import org.flattenexplorer.ui.task.TaskExecutor;

/**
 * The data panel: which reviews the runs train on (an aclImdb folder, or the synthetic set), their counts, and
 * the official download with its progress. With no data found it says so instead of failing.
 */
public final class DataViewModel implements DatasetSource {
    /** What the runs read. */
    public record Choice(Path folder, boolean synthetic) {
        static final Choice NONE = new Choice(null, false);

        boolean present() {
            return synthetic || folder != null;
        }
    }

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

    private volatile Choice choice = Choice.NONE;
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
            if (found.isPresent()) {
                openFolder(found.get(), false);
            } else {
                executor.ui(() -> show(Choice.NONE, Map.of(), "No IMDB reviews found. Pick an aclImdb folder, "
                        + "download the official archive (84 MB), or use the synthetic reviews."));
            }
        });
    }

    /** The user picked a folder (the aclImdb folder or the one holding it). */
    public void chooseFolder(Path folder) {
        executor.io(() -> openFolder(folder, true));
    }

    public void useSynthetic() {
        settings.put(UiSettings.DATA_SYNTHETIC, "true");
        show(new Choice(null, true), Map.of(), "");
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
            executor.ui(() -> show(new Choice(root, false), c, ""));
        } catch (DataException e) {
            executor.ui(() -> show(choice, countsOf(choice), e.getMessage()));
        }
    }

    /** Downloads and extracts the official archive into the default data folder, then uses it. */
    public void download() {
        if (downloading.get()) {
            return;
        }
        ImdbDownloader d = new ImdbDownloader();
        downloader = d;
        downloading.set(true);
        downloadProgress.set(-1);
        downloadText.set("Connecting...");
        executor.io(() -> {
            try {
                Path folder = d.install(downloadFolder, Optional.of(SubsetManifest.bundled()), this::progress);
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
        if (c.synthetic()) {
            source.set("Synthetic reviews (generated, no download needed)");
            counts.set("as many as the training and validation sizes ask for");
        } else if (c.folder() != null) {
            source.set(c.folder().toString());
            counts.set(formatCounts(splitCounts));
        } else {
            source.set("No data");
            counts.set("");
        }
        message.set(problem);
    }

    private static Map<String, Integer> countsOf(Choice c) {
        return c.folder() == null ? Map.of() : AclImdbReader.counts(c.folder());
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
        String key = (c.synthetic() ? "synthetic" : c.folder().toString()) + "\n" + p;
        PreparedDataset dataset = prepared.remove(key);
        if (dataset == null) {
            dataset = c.synthetic() ? DatasetPreparer.synthetic(p) : DatasetPreparer.fromFolder(c.folder(), p);
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
    public ReadOnlyBooleanProperty downloadingProperty() { return downloading.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty downloadProgressProperty() { return downloadProgress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty downloadTextProperty() { return downloadText.getReadOnlyProperty(); }
}
