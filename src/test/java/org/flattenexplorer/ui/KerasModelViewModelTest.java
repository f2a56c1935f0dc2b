package org.flattenexplorer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flattenexplorer.data.Padding;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Head;
import org.flattenexplorer.training.RunStore;
import org.flattenexplorer.ui.task.CurrentThreadTaskExecutor;
import org.flattenexplorer.ui.viewmodel.ExplorerViewModel;
import org.flattenexplorer.ui.viewmodel.KerasModelViewModel;
import org.flattenexplorer.ui.viewmodel.UiSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File > Open Keras model without the toolkit: the report, the model for the Hidden states tab, "Train here". */
class KerasModelViewModelTest {
    @TempDir
    static Path temp;
    static Path h5;
    static Path tokenizer;

    /** A small run of the app's own, written in Keras's HDF5 layout by this project (not by Keras). */
    @BeforeAll
    static void writeModel() throws Exception {
        TinyKerasModel files = TinyKerasModel.write(temp);
        h5 = files.h5();
        tokenizer = files.tokenizer();
    }

    private static ExplorerViewModel app() {
        return new ExplorerViewModel(new CurrentThreadTaskExecutor(), new RunStore(temp.resolve("runs")),
                UiSettings.inMemory(), temp.resolve("data"));
    }

    @Test
    void aModelOfTheFamilyOpensWithItsReportAndCanBeTrainedHere() {
        ExplorerViewModel app = app();
        KerasModelViewModel keras = app.keras();

        keras.open(h5, tokenizer, Padding.POST);

        assertThat(keras.problemProperty().get()).isEmpty();
        assertThat(keras.reportProperty().get()).contains("In the app's family").contains("flatten_1 (Flatten)")
                .contains("the import computes what Keras computes");
        assertThat(keras.modelProperty().get()).isNotNull();
        assertThat(keras.modelProperty().get().inspect("a good film").readout().contributions())
                .hasSize(TinySpecs.flatten().data().maxlen());
        app.architecture().load(ExperimentSpec.question().toBuilder().returnSequences(false).head(Head.NONE).build());
        keras.trainHere();
        assertThat(app.architecture().spec().model().head()).isEqualTo(Head.FLATTEN);
        assertThat(app.architecture().spec().model().returnSequences()).isTrue();
        assertThat(app.architecture().spec().data().maxlen()).isEqualTo(TinySpecs.flatten().data().maxlen());
        assertThat(app.architecture().spec().model().units()).isEqualTo(TinySpecs.flatten().model().units());
        assertThat(app.architecture().spec().data().padding()).isEqualTo(Padding.POST);
    }

    @Test
    void aModelWithoutTokenizerGivesTheReportButNoHiddenStates() {
        KerasModelViewModel keras = app().keras();

        keras.open(h5, null, Padding.PRE);

        assertThat(keras.reportProperty().get()).contains("Compatibility: every layer is supported");
        assertThat(keras.modelProperty().get()).isNull();
        assertThat(keras.trainableProperty().get()).isNotNull();
    }

    @Test
    void aFileThatIsNotAModelLeavesOneSentenceAndNothingElse() throws Exception {
        KerasModelViewModel keras = app().keras();
        Path text = Files.writeString(temp.resolve("notes.h5"), "hello");

        keras.open(text, null, Padding.PRE);

        assertThat(keras.problemProperty().get()).contains("notes.h5 is not an HDF5 file").doesNotContain("Exception");
        assertThat(keras.modelProperty().get()).isNull();
        assertThat(keras.reportProperty().get()).isEmpty();
    }

    /** 3 sequences of the shared Masking model's input, 10 x 42; sequence 1 has its last 3 steps padded. */
    private static Path maskingSequences() throws Exception {
        java.util.Random random = new java.util.Random(2);
        float[] data = new float[3 * 10 * 42];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        java.util.Arrays.fill(data, (10 + 7) * 42, 20 * 42, 0f);
        return org.flattenexplorer.keras.NpyWriter.float32(temp.resolve("masking.npy"), new int[] {3, 10, 42}, data);
    }

    private static Path masking() {
        return Path.of(System.getProperty("flatten.test.keras"), "masking_zero_lstm.h5");
    }

    @Test
    void aModelThatReadsNumbersShowsTheStatesOfTheChosenSequenceOfANpyFile() throws Exception {
        KerasModelViewModel keras = app().keras();
        keras.open(masking(), null, Padding.PRE);
        assertThat(keras.numericProperty().get()).isTrue();
        assertThat(keras.modelProperty().get()).isNull();

        keras.openSequences(maskingSequences());

        assertThat(keras.sequencesProblemProperty().get()).isEmpty();
        assertThat(keras.sequenceCountProperty().get()).isEqualTo(3);
        org.flattenexplorer.keras.SequenceStates first = keras.sequenceProperty().get();
        assertThat(first.index()).isZero();
        assertThat(first.states()).hasNumberOfRows(10);
        assertThat(first.states()[0]).hasSize(32);
        assertThat(first.referenceDifference()).isLessThanOrEqualTo(1e-5);
        assertThat(keras.sequenceTextProperty().get()).contains("sequence 0 of 3 from masking.npy")
                .contains("Output of lstm_1 (LSTM) (None, 32): [");

        keras.showSequence(1);

        assertThat(keras.sequenceProperty().get().index()).isEqualTo(1);
        assertThat(keras.sequenceProperty().get().readRow()).isEqualTo(6);
        assertThat(KerasModelViewModel.steps(keras.sequenceProperty().get()).padding())
                .containsExactly(false, false, false, false, false, false, false, true, true, true);
        assertThat(keras.sequenceTextProperty().get()).contains("7 real, 3 masked");
    }

    @Test
    void aBadSequencesFileLeavesOneSentenceAndKeepsTheSequenceShown() throws Exception {
        KerasModelViewModel keras = app().keras();
        keras.open(masking(), null, Padding.PRE);
        keras.openSequences(maskingSequences());
        Path wrong = Files.writeString(temp.resolve("wrong.csv"), "1,2,3\n");

        keras.openSequences(wrong);

        assertThat(keras.sequencesProblemProperty().get()).contains("wrong.csv line 1 has 3 numbers; the model reads "
                + "420 numbers").doesNotContain("Exception");
        assertThat(keras.sequenceProperty().get()).isNotNull();
        assertThat(keras.sequenceCountProperty().get()).isEqualTo(3);
        assertThat(keras.readingProperty().get()).isFalse();
    }

    @Test
    void aModelThatReadsTokenIdsTakesNoSequences() {
        KerasModelViewModel keras = app().keras();
        keras.open(h5, tokenizer, Padding.POST);

        assertThat(keras.numericProperty().get()).isFalse();
        keras.openSequences(temp.resolve("any.npy"));
        assertThat(keras.sequencesProblemProperty().get()).contains("reads token ids");
    }
}
