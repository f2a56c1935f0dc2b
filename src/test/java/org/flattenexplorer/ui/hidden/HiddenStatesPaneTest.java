package org.flattenexplorer.ui.hidden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.flattenexplorer.inspect.DivergingColorMap;
import org.flattenexplorer.inspect.InspectFixtures;
import org.flattenexplorer.inspect.Inspection;
import org.flattenexplorer.model.Preset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class HiddenStatesPaneTest {
    private HiddenStatesPane pane;
    private HiddenStatesViewModel vm;

    @Start
    void start(Stage stage) {
        vm = new HiddenStatesViewModel(new org.flattenexplorer.ui.task.FxTaskExecutor());
        pane = new HiddenStatesPane(vm);
        stage.setScene(new Scene(pane, 1270, 1040)); // tall enough for a pixel per time step: hovering hits one row
        stage.setWidth(1270); // the stage is shared across test classes: another may have sized it
        stage.setHeight(1040);
        stage.show();
    }

    private Inspection show(FxRobot robot, Preset preset, String text) throws Exception {
        robot.interact(() -> {
            vm.modelProperty().set(InspectFixtures.model(preset));
            vm.showText(text);
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.getInspection() != null
                && vm.getInspection().modelName().equals(preset.title()) && vm.getInspection().review().words()[0].equals(text.split(" ")[0]));
        WaitForAsyncUtils.waitForFxEvents();
        return vm.getInspection();
    }

    @Test
    void theHeatmapPixelAtTAndUHasTheColourOfHtU(FxRobot robot) throws Exception {
        Inspection in = show(robot, Preset.QUESTION_FLATTEN, "a great film");
        HiddenStateHeatmap heatmap = pane.matrices().states().heatmap();
        WritableImage image = ((HiddenStateHeatmapSkin) heatmap.getSkin()).image();

        assertThat((int) image.getWidth()).isEqualTo(in.units());
        assertThat((int) image.getHeight()).isEqualTo(in.timeSteps());
        for (int[] tu : new int[][] {{0, 0}, {1, 7}, {150, 15}, {199, 3}}) {
            assertThat(image.getPixelReader().getArgb(tu[1], tu[0])).as("t=%d u=%d", tu[0], tu[1])
                    .isEqualTo(DivergingColorMap.argb(in.states().at(tu[0], tu[1]), in.states().maxAbs()));
        }
    }

    @Test
    void hoveringACellReportsItsTimeStepUnitValueAndToken(FxRobot robot) throws Exception {
        Inspection in = show(robot, Preset.QUESTION_FLATTEN, "a great film");
        HiddenStateHeatmap heatmap = pane.matrices().states().heatmap();
        Bounds b = heatmap.localToScreen(heatmap.getBoundsInLocal());
        double cellsWidth = b.getWidth() - HiddenStateHeatmapSkin.GUTTER;
        int t = 1;
        int u = 5;
        double x = b.getMinX() + HiddenStateHeatmapSkin.GUTTER + (u + 0.5) * cellsWidth / in.units();
        double rowHeight = b.getHeight() / in.timeSteps();
        assertThat(rowHeight).as("a pixel or more per time step").isGreaterThanOrEqualTo(1);
        double y = Math.ceil(b.getMinY() + t * rowHeight + 1e-6); // the first whole pixel inside row t

        robot.moveTo(new javafx.geometry.Point2D(x, y));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(heatmap.getHoverText()).isEqualTo(in.describeCell(t, u)).endsWith("token = great");
        assertThat(pane.matrices().hoverLabel().getText()).isEqualTo(in.describeCell(t, u));
    }

    @Test
    void theScrubberStepsThroughTheFlattenedIndexTTimesUPlusU(FxRobot robot) throws Exception {
        Inspection in = show(robot, Preset.QUESTION_FLATTEN, "a great film");
        int units = in.units();

        robot.interact(() -> pane.animation().scrubber().setValue(2 * units + 6)); // entries 0..2U+5 unrolled
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(pane.animation().arithmeticLabel().getText())
                .startsWith("index = t * " + units + " + u = 2 * " + units + " + 5 = " + (2 * units + 5))
                .contains("(film)");
        assertThat(pane.animation().strip().revealedProperty().get()).isEqualTo(2 * units + 6);
        assertThat(pane.matrices().states().heatmap().getCursorRow()).isEqualTo(2);
    }

    @Test
    void playUnrollsEveryRowThenTheLastStateModelKeepsOnlyItsLastRow(FxRobot robot) throws Exception {
        Inspection in = show(robot, Preset.QUESTION_LAST, "a great film");

        robot.interact(() -> vm.playIndexProperty().set(0));
        robot.interact(() -> pane.animation().togglePlay());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.playIndexProperty().get() == in.timeSteps() * in.units());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(pane.animation().strip().valuesProperty().get()).containsExactly(in.states().values()[in.timeSteps() - 1]);
        assertThat(pane.animation().caption().getText()).contains("only h_199").contains("keeps " + in.units());
        assertThat(pane.matrices().states().heatmap().getOutlinedRow()).isEqualTo(in.timeSteps() - 1);
        assertThat(in.readout().contributingSteps()).isEqualTo(1);
    }

    @Test
    void theContributionsEquationShowsBarsPlusBiasEqualsTheLogit(FxRobot robot) throws Exception {
        Inspection in = show(robot, Preset.QUESTION_FLATTEN, "a great film");

        assertThat(pane.contributions().equation().getText())
                .contains(String.format(java.util.Locale.ROOT, "logit %+.4f", in.readout().logit()));
        System.out.printf("probe + draw on the FX thread (tiny model): %.1f ms%n", vm.lastUpdateMillisProperty().get());
        snapshot(robot, pane, Path.of("target/hidden-pane-test.png"));
    }

    static void snapshot(FxRobot robot, javafx.scene.Node node, Path file) throws Exception {
        Image[] shot = new Image[1];
        robot.interact(() -> shot[0] = node.snapshot(null, null));
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(shot[0], null), "png", file.toFile());
    }

    @Test
    void thePickerOffScreenLeavesANewDatasetForLaterAndListsItWhenShown(FxRobot robot) throws Exception {
        org.flattenexplorer.data.PreparedDataset data = org.flattenexplorer.training.TrainingFixtures.synthetic(
                org.flattenexplorer.ui.TinySpecs.flatten());
        javafx.scene.control.ListView<?> list = robot.lookup("#review-list").queryAs(javafx.scene.control.ListView.class);
        robot.interact(() -> {
            vm.setFollowing(false); // another tab in front: a run starting must not filter on the UI thread
            vm.datasetProperty().set(data);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(list.getItems()).isEmpty();

        robot.interact(() -> vm.setFollowing(true));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(list.getItems()).hasSize(data.validation().size());
        robot.interact(() -> vm.datasetProperty().set(null));
    }
}
