package org.flattenexplorer.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.flattenexplorer.data.Padding;
import org.flattenexplorer.inspect.DivergingColorMap;
import org.flattenexplorer.keras.NpyWriter;
import org.flattenexplorer.keras.SequenceStates;
import org.flattenexplorer.training.RunStore;
import org.flattenexplorer.ui.hidden.HiddenStateHeatmapSkin;
import org.flattenexplorer.ui.task.FxTaskExecutor;
import org.flattenexplorer.ui.viewmodel.ExplorerViewModel;
import org.flattenexplorer.ui.viewmodel.KerasModelViewModel;
import org.flattenexplorer.ui.viewmodel.UiSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Keras dialog's sequences pane on the shared Masking -> LSTM model: pick a sequence, see its states. */
@ExtendWith(ApplicationExtension.class)
class KerasSequencesPaneTest {
    @TempDir
    static Path temp;
    private KerasModelViewModel vm;
    private KerasSequencesPane pane;

    @Start
    void start(Stage stage) {
        vm = new ExplorerViewModel(new FxTaskExecutor(), new RunStore(temp.resolve("runs")), UiSettings.inMemory(),
                temp.resolve("data")).keras();
        pane = new KerasSequencesPane(vm, () -> stage);
        stage.setScene(new Scene(pane, 700, 500));
        stage.setWidth(700);
        stage.setHeight(500);
        stage.show();
    }

    @Test
    void pickingASequenceDrawsItsStatesHeatmap(FxRobot robot) throws Exception {
        Random random = new Random(4);
        float[] data = new float[2 * 10 * 42];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        java.util.Arrays.fill(data, (10 + 8) * 42, 20 * 42, 0f); // sequence 1: its last 2 steps padded
        Path npy = NpyWriter.float32(temp.resolve("two.npy"), new int[] {2, 10, 42}, data);
        Path model = Path.of(System.getProperty("flatten.test.keras"), "masking_zero_lstm.h5");

        robot.interact(() -> vm.open(model, null, Padding.PRE));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.numericProperty().get());
        robot.interact(() -> vm.openSequences(npy));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.sequenceProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(pane.index().isDisabled()).isFalse();
        robot.interact(() -> pane.index().getValueFactory().increment(1));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.sequenceProperty().get().index() == 1);
        WaitForAsyncUtils.waitForFxEvents();

        SequenceStates s = vm.sequenceProperty().get();
        WritableImage image = ((HiddenStateHeatmapSkin) pane.heatmap().getSkin()).image();
        assertThat((int) image.getWidth()).isEqualTo(32);
        assertThat((int) image.getHeight()).isEqualTo(10);
        for (int[] tu : new int[][] {{0, 0}, {3, 17}, {9, 31}}) {
            assertThat(image.getPixelReader().getArgb(tu[1], tu[0])).as("t=%d u=%d", tu[0], tu[1])
                    .isEqualTo(DivergingColorMap.argb(s.states()[tu[0]][tu[1]], s.maxAbs()));
        }
        assertThat(pane.heatmap().getOutlinedRow()).isEqualTo(7);
        assertThat(pane.heatmap().getReview().padding()[9]).isTrue();
        assertThat(robot.lookup("#sequenceText").queryAs(Label.class).getText())
                .contains("sequence 1 of 2 from two.npy").contains("8 real, 2 masked");
        // the spinner stops at the last sequence
        robot.interact(() -> pane.index().getValueFactory().increment(5));
        assertThat(pane.index().getValue()).isEqualTo(1);
    }
}
