package org.flattenexplorer.ui.viewmodel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.flattenexplorer.charts.CompareCurve;
import org.flattenexplorer.charts.CompareMetric;
import org.flattenexplorer.training.EpochMetrics;
import org.flattenexplorer.training.Failures;
import org.flattenexplorer.training.RunStore;
import org.flattenexplorer.training.SavedRun;
import org.flattenexplorer.ui.task.TaskExecutor;

/**
 * The run list: every saved run of the store, newest first, with the ticked ones drawn on the comparison chart.
 * Renames, deletes and exports go through the store off the UI thread.
 */
public final class RunListViewModel {
    private final RunStore store;
    private final TaskExecutor executor;
    private final ObservableList<RunItem> runs = FXCollections.observableArrayList(
            item -> new javafx.beans.Observable[] {item.tickedProperty(), item.runProperty()});
    private final ObjectProperty<CompareMetric> metric = new SimpleObjectProperty<>(CompareMetric.VAL_ACCURACY);
    private final ReadOnlyObjectWrapper<List<CompareCurve>> comparison = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyStringWrapper diskUsage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ObservableList<String> problemsView = FXCollections.unmodifiableObservableList(problems);

    public RunListViewModel(RunStore store, TaskExecutor executor) {
        this.store = store;
        this.executor = executor;
        runs.addListener((ListChangeListener<RunItem>) c -> updateComparison());
        metric.addListener(o -> updateComparison());
    }

    /** Reads the store again (at start, and after a change made elsewhere). */
    public void refresh() {
        executor.io(() -> {
            RunStore.Listing listing = store.list();
            String usage = usageText();
            executor.ui(() -> {
                runs.setAll(listing.runs().stream().map(RunItem::new).toList());
                diskUsage.set(usage);
                problems.setAll(listing.problems());
                message.set(summary(listing.problems()));
            });
        });
    }

    /** The one problem in full, or how many folders could not be read (each one: Details). */
    static String summary(List<String> problems) {
        if (problems.isEmpty()) {
            return "";
        }
        if (problems.size() == 1) {
            return problems.get(0);
        }
        return problems.size() + " run folders could not be read (every other run is listed); see Details for "
                + "each folder and why";
    }

    /** A run the training view model just saved: first in the list, ticked. */
    public void added(SavedRun run) {
        RunItem item = new RunItem(run);
        item.tickedProperty().set(true);
        runs.add(0, item);
        executor.io(() -> {
            String usage = usageText();
            executor.ui(() -> diskUsage.set(usage));
        });
    }

    /** Ticks exactly these runs (after "Compare all"). */
    public void tickOnly(List<SavedRun> group) {
        List<Path> folders = group.stream().map(SavedRun::folder).toList();
        for (RunItem item : runs) {
            item.tickedProperty().set(folders.contains(item.run().folder()));
        }
    }

    public void rename(RunItem item, String newName) {
        if (newName == null || newName.isBlank()) {
            return;
        }
        executor.io(() -> {
            try {
                SavedRun renamed = RunStore.rename(item.run(), newName);
                executor.ui(() -> {
                    item.replace(renamed);
                    message.set("");
                });
            } catch (RuntimeException e) {
                executor.ui(() -> message.set(Failures.explain(e)));
            }
        });
    }

    public void delete(RunItem item) {
        executor.io(() -> {
            try {
                RunStore.delete(item.run());
                String usage = usageText();
                executor.ui(() -> {
                    runs.remove(item);
                    diskUsage.set(usage);
                });
            } catch (RuntimeException e) {
                executor.ui(() -> message.set(Failures.explain(e)));
            }
        });
    }

    /** Writes the per-epoch metrics of the ticked runs (or all, if none is ticked) to one CSV file. */
    public void exportCsv(Path file, Consumer<String> done) {
        List<SavedRun> chosen = ticked().isEmpty() ? runs.stream().map(RunItem::run).toList() : ticked();
        executor.io(() -> {
            try {
                Files.writeString(file, csv(chosen));
                executor.ui(() -> done.accept("Wrote the metrics of " + chosen.size() + " runs to " + file));
            } catch (IOException | RuntimeException e) {
                executor.ui(() -> done.accept(Failures.explain("Could not write " + file, e)));
            }
        });
    }

    static String csv(List<SavedRun> chosen) {
        StringBuilder out = new StringBuilder("run,name,seed,status,test_accuracy,epoch,loss,accuracy,val_loss,val_accuracy,seconds\n");
        for (SavedRun run : chosen) {
            String name = '"' + run.info().name().replace("\"", "\"\"") + '"';
            String test = run.info().testAccuracy() == null ? "" : String.format(Locale.ROOT, "%.6f", run.info().testAccuracy());
            for (EpochMetrics m : run.epochs()) {
                out.append(run.folder().getFileName()).append(',').append(name).append(',')
                        .append(run.info().spec().training().seed()).append(',')
                        .append(run.info().status().name().toLowerCase(Locale.ROOT)).append(',').append(test).append(',')
                        .append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.3f", m.epoch(), m.loss(),
                                m.accuracy(), m.valLoss(), m.valAccuracy(), m.seconds()))
                        .append('\n');
            }
        }
        return out.toString();
    }

    public List<SavedRun> ticked() {
        return runs.stream().filter(i -> i.tickedProperty().get()).map(RunItem::run).toList();
    }

    private void updateComparison() {
        comparison.set(CompareCurve.of(ticked(), metric.get().value()));
    }

    private String usageText() {
        long bytes = store.diskUsage();
        return String.format(Locale.ROOT, "Runs on disk: %.1f MB in %s", bytes / 1e6, store.root());
    }

    public ObservableList<RunItem> runs() { return runs; }
    public ObjectProperty<CompareMetric> metricProperty() { return metric; }
    public ReadOnlyObjectProperty<List<CompareCurve>> comparisonProperty() { return comparison.getReadOnlyProperty(); }
    public ReadOnlyStringProperty diskUsageProperty() { return diskUsage.getReadOnlyProperty(); }
    /** One line for the run list: a damaged folder, or how many, or a failed rename or delete; empty when none. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    /** Every run folder that could not be read at the last refresh, each with its reason (the runs folder too). */
    public ObservableList<String> problems() { return problemsView; }
}
