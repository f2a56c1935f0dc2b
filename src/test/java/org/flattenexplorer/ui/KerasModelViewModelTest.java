package org.flattenexplorer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flattenexplorer.data.Padding;
import org.flattenexplorer.model.ArchitectureSpec;
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
                .hasSize(TinySpecs.flatten().maxlen());
        app.architecture().load(ArchitectureSpec.question().toBuilder().returnSequences(false).head(Head.NONE).build());
        keras.trainHere();
        assertThat(app.architecture().spec().head()).isEqualTo(Head.FLATTEN);
        assertThat(app.architecture().spec().returnSequences()).isTrue();
        assertThat(app.architecture().spec().maxlen()).isEqualTo(TinySpecs.flatten().maxlen());
        assertThat(app.architecture().spec().units()).isEqualTo(TinySpecs.flatten().units());
        assertThat(app.architecture().spec().padding()).isEqualTo(Padding.POST);
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
}
