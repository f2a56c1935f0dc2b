package org.flattenexplorer.ui.viewmodel;

import java.util.List;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.flattenexplorer.data.Padding;
import org.flattenexplorer.model.Cell;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Head;
import org.flattenexplorer.model.KerasSummary;

/**
 * The architecture panel's state: every toggle as a writable property, and what follows from them (the spec,
 * the Keras-style summary, the diagram, why the combination is invalid) as read-only properties that update at
 * once. Knows nothing of controls.
 *
 * <p>The Flatten switch and the head chooser are two views of one setting: Flatten on is head FLATTEN; off is
 * the pooling head picked in the chooser, or no head at all.
 */
public final class ArchitectureViewModel {
    /** The question's vocabulary (Keras's num_words-less IMDB index), until a dataset has been prepared. */
    public static final int QUESTION_VOCABULARY = 37_252;

    private final ObjectProperty<Cell> cell = new SimpleObjectProperty<>(Cell.LSTM);
    private final BooleanProperty goBackwards = new SimpleBooleanProperty(false);
    private final BooleanProperty bidirectional = new SimpleBooleanProperty(false);
    private final BooleanProperty returnSequences = new SimpleBooleanProperty(true);
    private final BooleanProperty flatten = new SimpleBooleanProperty(true);
    private final ObjectProperty<Head> pooling = new SimpleObjectProperty<>(Head.NONE);
    private final ObjectProperty<Padding> padding = new SimpleObjectProperty<>(Padding.POST);
    private final BooleanProperty masking = new SimpleBooleanProperty(false);
    private final ObjectProperty<Integer> maxlen = new SimpleObjectProperty<>(500);
    private final ObjectProperty<Integer> embedding = new SimpleObjectProperty<>(128);
    private final ObjectProperty<Integer> units = new SimpleObjectProperty<>(128);
    private final ObjectProperty<Integer> epochs = new SimpleObjectProperty<>(7);
    private final ObjectProperty<Double> learningRate = new SimpleObjectProperty<>(1e-3);
    private final ObjectProperty<Integer> trainSize = new SimpleObjectProperty<>(448);
    private final ObjectProperty<Integer> valSize = new SimpleObjectProperty<>(200);
    private final ObjectProperty<Integer> seed = new SimpleObjectProperty<>(42);
    private final IntegerProperty vocabularySize = new SimpleIntegerProperty(QUESTION_VOCABULARY);
    /** Reviews the data in use holds for training and validation together: the size spinners' ceiling. */
    private final IntegerProperty availableReviews = new SimpleIntegerProperty(DataViewModel.DEFAULT_AVAILABLE_REVIEWS);

    private final ReadOnlyObjectWrapper<HeadChoice> headChoice = new ReadOnlyObjectWrapper<>(HeadChoice.FLATTEN);
    private final ReadOnlyObjectWrapper<ExperimentSpec> spec = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<KerasSummary> summary = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<List<DiagramStep>> diagram = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyStringWrapper invalidReason = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(true);

    /** Settings the panel does not show (dropout, batch, test size, LSTM kind, vocabulary), kept from the last spec loaded. */
    private ExperimentSpec base = ExperimentSpec.question();
    private boolean loading;

    public ArchitectureViewModel() {
        Observable[] inputs = {cell, goBackwards, bidirectional, returnSequences, flatten, pooling, padding, masking, maxlen, embedding, units, epochs,
                learningRate, trainSize, valSize, seed, vocabularySize};
        for (Observable input : inputs) {
            input.addListener(o -> {
                if (!loading) {
                    recompute();
                }
            });
        }
        flatten.addListener((o, was, on) -> {
            if (on && !loading) {
                pooling.set(Head.NONE);
            }
        });
        load(base);
    }

    /** Sets every toggle from a spec (a preset, or a run to re-run); settings the panel lacks come along too. */
    public void load(ExperimentSpec s) {
        loading = true;
        try {
            base = s;
            cell.set(s.model().cell());
            goBackwards.set(s.model().goBackwards());
            bidirectional.set(s.model().bidirectional());
            returnSequences.set(s.model().returnSequences());
            flatten.set(s.model().head() == Head.FLATTEN);
            pooling.set(s.model().head().isPooling() ? s.model().head() : Head.NONE);
            padding.set(s.data().padding());
            masking.set(s.model().masking());
            maxlen.set(s.data().maxlen());
            embedding.set(s.model().embedding());
            units.set(s.model().units());
            epochs.set(s.training().epochs());
            learningRate.set(s.training().lr());
            trainSize.set(s.data().trainSize());
            valSize.set(s.data().valSize());
            seed.set((int) s.training().seed());
        } finally {
            loading = false;
        }
        recompute();
    }

    /** The head chooser: sets return_sequences, Flatten and the pooling head together. */
    public void chooseHead(HeadChoice choice) {
        if (choice == null || choice == headChoice.get()) {
            return;
        }
        loading = true;
        try {
            switch (choice) {
                case FLATTEN -> {
                    returnSequences.set(true);
                    flatten.set(true);
                    pooling.set(Head.NONE);
                }
                case LAST_STATE -> {
                    returnSequences.set(false);
                    flatten.set(false);
                    pooling.set(Head.NONE);
                }
                case GLOBAL_MAX, GLOBAL_AVG -> {
                    returnSequences.set(true);
                    flatten.set(false);
                    pooling.set(choice == HeadChoice.GLOBAL_MAX ? Head.GLOBAL_MAX : Head.GLOBAL_AVG);
                }
            }
        } finally {
            loading = false;
        }
        recompute();
    }

    private void recompute() {
        ExperimentSpec.Builder b = base.toBuilder();
        long chosenSeed = orDefault(seed.get(), (int) base.training().seed());
        if (chosenSeed != base.training().seed()) {
            b.seed(chosenSeed); // a seed typed in is the whole run's; a loaded run keeps its own data seed
        }
        ExperimentSpec s = b
                .cell(cell.get() == null ? Cell.LSTM : cell.get())
                .goBackwards(goBackwards.get())
                .bidirectional(bidirectional.get())
                .returnSequences(returnSequences.get())
                .head(flatten.get() ? Head.FLATTEN : pooling.get())
                .padding(padding.get())
                .masking(masking.get())
                .maxlen(orDefault(maxlen.get(), base.data().maxlen()))
                .embedding(orDefault(embedding.get(), base.model().embedding()))
                .units(orDefault(units.get(), base.model().units()))
                .epochs(orDefault(epochs.get(), base.training().epochs()))
                .lr(learningRate.get() == null ? base.training().lr() : learningRate.get())
                .trainSize(orDefault(trainSize.get(), base.data().trainSize()))
                .valSize(orDefault(valSize.get(), base.data().valSize()))
                .build();
        KerasSummary table = summarize(s, vocabularySize.get());
        headChoice.set(choiceOf(s));
        spec.set(s);
        summary.set(table);
        diagram.set(DiagramStep.of(s, table));
        invalidReason.set(s.invalidReason().orElse(""));
        valid.set(s.isValid());
        note.set(s.model().flattenIsNoOp()
                ? "Flatten is a no-op here: with return_sequences=False the " + s.model().cell().kerasType()
                        + " outputs one vector per review (None, " + s.model().stateWidth()
                        + "), so the Dense layer reads the last hidden state."
                : "");
    }

    static KerasSummary summarize(ExperimentSpec s, int vocab) {
        try {
            return KerasSummary.of(s, vocab);
        } catch (RuntimeException e) {
            return new KerasSummary(List.of(), false, s.invalidReason().orElse(String.valueOf(e.getMessage())));
        }
    }

    static HeadChoice choiceOf(ExperimentSpec s) {
        if (!s.model().returnSequences()) {
            return HeadChoice.LAST_STATE;
        }
        return switch (s.model().head()) {
            case FLATTEN -> HeadChoice.FLATTEN;
            case GLOBAL_MAX -> HeadChoice.GLOBAL_MAX;
            case GLOBAL_AVG -> HeadChoice.GLOBAL_AVG;
            case NONE -> null;
        };
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    public ObjectProperty<Cell> cellProperty() { return cell; }
    public BooleanProperty goBackwardsProperty() { return goBackwards; }
    public BooleanProperty bidirectionalProperty() { return bidirectional; }
    public BooleanProperty returnSequencesProperty() { return returnSequences; }
    public BooleanProperty flattenProperty() { return flatten; }
    public ObjectProperty<Padding> paddingProperty() { return padding; }
    public BooleanProperty maskingProperty() { return masking; }
    public ObjectProperty<Integer> maxlenProperty() { return maxlen; }
    public ObjectProperty<Integer> embeddingProperty() { return embedding; }
    public ObjectProperty<Integer> unitsProperty() { return units; }
    public ObjectProperty<Integer> epochsProperty() { return epochs; }
    public ObjectProperty<Double> learningRateProperty() { return learningRate; }
    public ObjectProperty<Integer> trainSizeProperty() { return trainSize; }
    public IntegerProperty availableReviewsProperty() { return availableReviews; }
    /** The largest training size the data allows next to the validation size (at least 2). */
    public javafx.beans.binding.IntegerBinding maxTrainSize() {
        return javafx.beans.binding.Bindings.createIntegerBinding(
                () -> Math.max(2, availableReviews.get() - (valSize.get() == null ? 0 : valSize.get())), availableReviews, valSize);
    }
    /** The largest validation size the data allows next to the training size (at least 1). */
    public javafx.beans.binding.IntegerBinding maxValSize() {
        return javafx.beans.binding.Bindings.createIntegerBinding(
                () -> Math.max(1, availableReviews.get() - (trainSize.get() == null ? 0 : trainSize.get())), availableReviews, trainSize);
    }
    public ObjectProperty<Integer> valSizeProperty() { return valSize; }
    public ObjectProperty<Integer> seedProperty() { return seed; }
    public IntegerProperty vocabularySizeProperty() { return vocabularySize; }

    public ReadOnlyObjectProperty<HeadChoice> headChoiceProperty() { return headChoice.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<ExperimentSpec> specProperty() { return spec.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<KerasSummary> summaryProperty() { return summary.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<List<DiagramStep>> diagramProperty() { return diagram.getReadOnlyProperty(); }
    public ReadOnlyStringProperty invalidReasonProperty() { return invalidReason.getReadOnlyProperty(); }
    public ReadOnlyStringProperty noteProperty() { return note.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty validProperty() { return valid.getReadOnlyProperty(); }

    public ExperimentSpec spec() {
        return spec.get();
    }
}
