package org.flattenexplorer.ui.viewmodel;

import java.nio.file.Path;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.flattenexplorer.data.Padding;
import org.flattenexplorer.inspect.EncodedReview;
import org.flattenexplorer.inspect.InspectedModel;
import org.flattenexplorer.keras.ImportCheck;
import org.flattenexplorer.keras.KerasModelException;
import org.flattenexplorer.keras.KerasModelReport;
import org.flattenexplorer.keras.NumericSequences;
import org.flattenexplorer.keras.OpenedKerasModel;
import org.flattenexplorer.keras.SequenceStates;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Implementation;
import org.flattenexplorer.training.Failures;
import org.flattenexplorer.ui.task.TaskExecutor;

/**
 * File > Open Keras model: a user's Keras 2 model opened off the UI thread, its report (summary, import, check),
 * the model for the Hidden states tab when it is of the app's family, and "Train this architecture here", which
 * loads its spec into the architecture panel. A file that cannot be opened leaves one sentence in {@link #problem}.
 *
 * <p>A model that reads numbers ({@link #numericProperty}) takes a .npy or CSV file of its input sequences
 * ({@link #openSequences}); the chosen sequence's hidden states ({@link #showSequence}) are computed off the UI
 * thread, and a file that cannot be read leaves one sentence in {@link #sequencesProblemProperty}.
 */
public final class KerasModelViewModel {
    private final TaskExecutor executor;
    private final ArchitectureViewModel architecture;
    private final ReadOnlyStringWrapper report = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<InspectedModel> model = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ExperimentSpec> trainable = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper opening = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper numeric = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<SequenceStates> sequence = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper sequenceCount = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyStringWrapper sequenceText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper sequencesProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper reading = new ReadOnlyBooleanWrapper(false);
    /** The last model opened, when it reads numbers (UI thread). */
    private OpenedKerasModel numericModel;
    /** The sequences file in use for it (UI thread). */
    private NumericSequences sequences;

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
                ExperimentSpec spec = opened.family().map(f -> f.spec().toBuilder().implementation(Implementation.FAST)
                        .trainSize(ExperimentSpec.question().data().trainSize())
                        .valSize(ExperimentSpec.question().data().valSize())
                        .build()).orElse(null);
                boolean readsNumbers = opened.compatible() && readsNumbers(opened);
                executor.ui(() -> {
                    numericModel = readsNumbers ? opened : null;
                    sequences = null;
                    sequence.set(null);
                    sequenceCount.set(0);
                    sequenceText.set("");
                    sequencesProblem.set("");
                    numeric.set(readsNumbers);
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

    private static boolean readsNumbers(OpenedKerasModel opened) {
        try {
            NumericSequences.inputShape(opened.file());
            return true;
        } catch (KerasModelException e) {
            return false;
        }
    }

    /** Reads a .npy or CSV file of sequences for the model that reads numbers, and shows its first sequence. */
    public void openSequences(Path file) {
        OpenedKerasModel m = numericModel;
        if (m == null) {
            sequencesProblem.set("The model opened last reads token ids, not numeric sequences");
            return;
        }
        reading.set(true);
        sequencesProblem.set("");
        executor.io(() -> {
            try {
                NumericSequences read = NumericSequences.read(file, m.file());
                SequenceStates first = SequenceStates.of(m, read, 0);
                executor.ui(() -> {
                    if (numericModel == m) {
                        sequences = read;
                        sequenceCount.set(read.count());
                        show(first);
                    }
                    reading.set(false);
                });
            } catch (RuntimeException | LinkageError e) {
                fail(e);
            }
        });
    }

    /** Shows sequence {@code index} (from 0) of the file in use; nothing when there is none such. */
    public void showSequence(int index) {
        OpenedKerasModel m = numericModel;
        NumericSequences in = sequences;
        if (m == null || in == null || index < 0 || index >= in.count()
                || sequence.get() != null && sequence.get().index() == index) {
            return;
        }
        reading.set(true);
        executor.io(() -> {
            try {
                SequenceStates states = SequenceStates.of(m, in, index);
                executor.ui(() -> {
                    if (numericModel == m && sequences == in) {
                        show(states);
                    }
                    reading.set(false);
                });
            } catch (RuntimeException | LinkageError e) {
                fail(e);
            }
        });
    }

    private void show(SequenceStates states) {
        sequenceText.set(String.join("\n", states.summary()) + "\nOutput of " + states.outputLayer() + " "
                + states.output().shapeText() + ": " + states.outputText()
                + (states.notes().isEmpty() ? "" : "\nNote: " + String.join("; ", states.notes())));
        sequence.set(states);
    }

    private void fail(Throwable e) {
        String message = Failures.explain(e);
        executor.ui(() -> {
            sequencesProblem.set(message);
            reading.set(false);
        });
    }

    /** The steps of a sequence as the heatmap labels its rows: masked steps are its light (padding) rows. */
    public static EncodedReview steps(SequenceStates states) {
        int n = states.timeSteps();
        String[] words = new String[n];
        for (int t = 0; t < n; t++) {
            words[t] = states.masked()[t] ? "<masked>" : "x_" + t;
        }
        return new EncodedReview(new int[n], words, states.masked().clone());
    }

    /** "Train this architecture here": the imported model's spec in the architecture panel, ready to toggle and train. */
    public void trainHere() {
        ExperimentSpec spec = trainable.get();
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
    public ReadOnlyObjectProperty<ExperimentSpec> trainableProperty() { return trainable.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty openingProperty() { return opening.getReadOnlyProperty(); }
    /** Whether the last model opened reads numeric sequences (then {@link #openSequences} applies). */
    public ReadOnlyBooleanProperty numericProperty() { return numeric.getReadOnlyProperty(); }
    /** The sequence shown: its hidden states, input and the model's output; null before a file is read. */
    public ReadOnlyObjectProperty<SequenceStates> sequenceProperty() { return sequence.getReadOnlyProperty(); }
    /** How many sequences the file in use holds (0: none read). */
    public ReadOnlyIntegerProperty sequenceCountProperty() { return sequenceCount.getReadOnlyProperty(); }
    /** The shown sequence in words: which one, its shape and masking, the check, the model's output. */
    public ReadOnlyStringProperty sequenceTextProperty() { return sequenceText.getReadOnlyProperty(); }
    /** Why the last sequences file could not be read; empty when it could. */
    public ReadOnlyStringProperty sequencesProblemProperty() { return sequencesProblem.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty readingProperty() { return reading.getReadOnlyProperty(); }
}
