package org.flattenexplorer.ui.viewmodel;

import java.nio.file.Path;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.flattenexplorer.data.Padding;
import org.flattenexplorer.inspect.InspectedModel;
import org.flattenexplorer.keras.ImportCheck;
import org.flattenexplorer.keras.KerasModelReport;
import org.flattenexplorer.keras.OpenedKerasModel;
import org.flattenexplorer.model.ArchitectureSpec;
import org.flattenexplorer.model.Implementation;
import org.flattenexplorer.training.Failures;
import org.flattenexplorer.ui.task.TaskExecutor;

/**
 * File > Open Keras model: a user's Keras 2 model opened off the UI thread, its report (summary, import, check),
 * the model for the Hidden states tab when it is of the app's family, and "Train this architecture here", which
 * loads its spec into the architecture panel. A file that cannot be opened leaves one sentence in {@link #problem}.
 */
public final class KerasModelViewModel {
    private final TaskExecutor executor;
    private final ArchitectureViewModel architecture;
    private final ReadOnlyStringWrapper report = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<InspectedModel> model = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ArchitectureSpec> trainable = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper opening = new ReadOnlyBooleanWrapper(false);

    public KerasModelViewModel(TaskExecutor executor, ArchitectureViewModel architecture) {
        this.executor = executor;
        this.architecture = architecture;
    }

    /**
     * Opens {@code h5} with its tokenizer (null: none, then only the report). The check runs against the project's
     * reference pass on a few seeded inputs, as {@code import --keras} does.
     */
    public void open(Path h5, Path tokenizer, Padding padding) {
        opening.set(true);
        problem.set("");
        executor.io(() -> {
            try {
                OpenedKerasModel opened = OpenedKerasModel.open(h5, tokenizer, padding, padding);
                ImportCheck.Result check = opened.compatible()
                        ? ImportCheck.againstReference(opened.file(), opened.imported(), 4) : null;
                String text = KerasModelReport.text(opened, check);
                InspectedModel inspected = opened.family().isPresent() && opened.vocabulary() != null
                        && check != null && check.passes() ? opened.inspected() : null;
                ArchitectureSpec spec = opened.family().map(f -> f.spec().toBuilder().implementation(Implementation.FAST)
                        .trainSize(ArchitectureSpec.question().trainSize()).valSize(ArchitectureSpec.question().valSize())
                        .build()).orElse(null);
                executor.ui(() -> {
                    report.set(text);
                    trainable.set(spec);
                    model.set(inspected);
                    opening.set(false);
                });
            } catch (RuntimeException | LinkageError e) {
                executor.ui(() -> {
                    problem.set(Failures.explain(e));
                    opening.set(false);
                });
            }
        });
    }

    /** "Train this architecture here": the imported model's spec in the architecture panel, ready to toggle and train. */
    public void trainHere() {
        ArchitectureSpec spec = trainable.get();
        if (spec != null) {
            architecture.load(spec);
        }
    }

    /** The last report, for the report dialog. */
    public ReadOnlyStringProperty reportProperty() { return report.getReadOnlyProperty(); }
    /** Why the last file could not be opened; empty when it could. */
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }
    /** The imported model as the Hidden states tab reads a run; null when it is not of the app's family. */
    public ReadOnlyObjectProperty<InspectedModel> modelProperty() { return model.getReadOnlyProperty(); }
    /** The spec "Train this architecture here" loads; null when the model is not of the app's family. */
    public ReadOnlyObjectProperty<ArchitectureSpec> trainableProperty() { return trainable.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty openingProperty() { return opening.getReadOnlyProperty(); }
}
