package org.flattenexplorer.ui.viewmodel;

import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import org.flattenexplorer.training.RunResult;
import org.flattenexplorer.training.SavedRun;

/** One row of the run list: a saved run and whether it is ticked for the comparison chart. */
public final class RunItem {
    private final ReadOnlyObjectWrapper<SavedRun> run;
    private final BooleanProperty ticked = new SimpleBooleanProperty(false);

    public RunItem(SavedRun run) {
        this.run = new ReadOnlyObjectWrapper<>(run);
    }

    public SavedRun run() {
        return run.get();
    }

    void replace(SavedRun newRun) {
        run.set(newRun);
    }

    public ReadOnlyObjectProperty<SavedRun> runProperty() {
        return run.getReadOnlyProperty();
    }

    public BooleanProperty tickedProperty() {
        return ticked;
    }

    public String name() {
        return run().info().name();
    }

    public RunResult result() {
        return run().result();
    }

    /** "0.6650 (epoch 5)" or "-" before any epoch. */
    public String bestValidationText() {
        RunResult r = result();
        return r.bestValidationEpoch().isEmpty() ? "-" : String.format(Locale.ROOT, "%.4f (ep %d)",
                r.bestValidationAccuracy(), r.bestValidationEpoch().getAsInt());
    }

    public String testAccuracyText() {
        Double test = run().info().testAccuracy();
        return test == null ? run().info().status().name().toLowerCase(Locale.ROOT) : String.format(Locale.ROOT, "%.4f", test);
    }
}
