package org.flattenexplorer.ui.hidden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.flattenexplorer.cli.Provenance;
import org.flattenexplorer.data.DatasetPreparer;
import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.inspect.InspectedModel;
import org.flattenexplorer.inspect.ReviewFilter;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Implementation;
import org.flattenexplorer.model.Preset;
import org.flattenexplorer.training.RunStore;
import org.flattenexplorer.training.SavedRun;
import org.flattenexplorer.training.TrainingListener;
import org.flattenexplorer.training.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Hidden states pane with a real model on the real subset: each review picked from the validation list is the
 * one drawn, with the probability the list gave it and all 500 steps. The model is the question's Flatten preset
 * trained for one epoch (the fast LSTM; FLATTEN_INSPECT_LSTM=stock for DL4J's), or the run folder FLATTEN_INSPECT_RUN.
 *
 * <p>It is also the README's measurement of pick-to-drawn times: with FLATTEN_INSPECT_TIMINGS=FILE it writes each
 * pick's time as JSON there (never asserted: a shared machine's timings are no test), and with
 * FLATTEN_INSPECT_PREFIX screenshots (FLATTEN_INSPECT_COMPARE: a second run for the side-by-side view).
 */
@ExtendWith(ApplicationExtension.class)
class RealRunScreenshotTest {
    private static final int PICKS = 6;

    private HiddenStatesPane pane;
    private HiddenStatesViewModel vm;

    @Start
    void start(Stage stage) {
        org.flattenexplorer.ui.UiCompilation.keepDrawingCodeOffC2(); // as the window does: its timings are the app's
        vm = new HiddenStatesViewModel(new org.flattenexplorer.ui.task.FxTaskExecutor());
        pane = new HiddenStatesPane(vm);
        stage.setScene(new Scene(pane, 1270, 790));
        stage.show();
    }

    @Test
    void eachPickedReviewIsDrawnWithTheProbabilityTheListGaveIt(FxRobot robot) throws Exception {
        String runFolder = System.getenv("FLATTEN_INSPECT_RUN");
        Path subset = Path.of(System.getProperty("flatten.test.data"));
        InspectedModel model;
        PreparedDataset data;
        if (runFolder != null) {
            SavedRun saved = RunStore.load(Path.of(runFolder));
            model = InspectedModel.of(saved);
            data = DatasetPreparer.fromFolder(subset, saved.info().spec().data());
        } else {
            Implementation lstm = Implementation.fromCliName(System.getenv().getOrDefault("FLATTEN_INSPECT_LSTM", "fast"));
            ExperimentSpec spec = Preset.QUESTION_FLATTEN.spec().toBuilder().implementation(lstm).epochs(1)
                    .testSize(0).build();
            data = DatasetPreparer.fromFolder(subset, spec.data());
            TrainingRun run = new TrainingRun(spec, data);
            run.run(TrainingListener.NONE);
            model = InspectedModel.of("question-flatten, 1 epoch, " + lstm.cliName(), run);
        }
        String compare = System.getenv("FLATTEN_INSPECT_COMPARE");
        InspectedModel other = compare == null ? null : InspectedModel.load(Path.of(compare));
        InspectedModel shown = model;
        PreparedDataset reviews = data;
        robot.interact(() -> {
            vm.modelProperty().set(shown);
            vm.compareModelProperty().set(other);
            vm.datasetProperty().set(reviews);
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !pane.picker().reviews().getItems().isEmpty()
                && !Float.isNaN(pane.picker().reviews().getItems().get(0).prediction()));

        List<Map<String, Object>> timings = new ArrayList<>();
        for (int i = 0; i < PICKS; i++) {
            int pick = i;
            robot.interact(() -> pane.picker().reviews().getSelectionModel().select(pick));
            ReviewFilter.Row row = pane.picker().reviews().getItems().get(pick);
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.getInspection() != null
                    && java.util.Arrays.equals(vm.getInspection().review().tokens(), data.validation().tokens()[row.row()])
                    && vm.statusProperty().get().contains("draw"));
            WaitForAsyncUtils.waitForFxEvents();

            assertThat(vm.getInspection().readout().probability()).as("review %d", row.row())
                    .isCloseTo(row.prediction(), within(1e-5));
            assertThat(vm.getInspection().timeSteps()).isEqualTo(500);
            assertThat(pane.picker().tokens().getItems()).hasSize(500);
            timings.add(Map.of("review", row.row(), "probe_ms", vm.getInspection().probeNanos() / 1e6,
                    "request_to_drawn_ms", vm.lastUpdateMillisProperty().get()));
            System.out.printf("review %d: probe %.1f ms, request to drawn %.1f ms%n", row.row(),
                    vm.getInspection().probeNanos() / 1e6, vm.lastUpdateMillisProperty().get());
        }
        writeTimings(model, timings);
        screenshots(robot);
    }

    private static void writeTimings(InspectedModel model, List<Map<String, Object>> timings) throws Exception {
        String file = System.getenv("FLATTEN_INSPECT_TIMINGS");
        if (file == null) {
            return;
        }
        StringBuilder command = new StringBuilder();
        for (String variable : List.of("FLATTEN_INSPECT_LSTM", "FLATTEN_INSPECT_RUN", "FLATTEN_INSPECT_TIMINGS")) {
            if (System.getenv(variable) != null) {
                command.append(variable).append('=').append(System.getenv(variable)).append(' ');
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("commit", Provenance.currentCommit());
        report.put("command", command + "mvn test -Dtest=RealRunScreenshotTest");
        report.put("model", model.name());
        report.put("lstm", model.spec().model().implementation().cliName());
        report.put("timings", timings);
        new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .writeValue(Path.of(file).toFile(), report);
    }

    private void screenshots(FxRobot robot) throws Exception {
        String prefix = System.getenv("FLATTEN_INSPECT_PREFIX");
        if (prefix == null) {
            return;
        }
        robot.interact(() -> vm.playIndexProperty().set(vm.getInspection().units() * 140 + 17));
        WaitForAsyncUtils.waitForFxEvents();
        HiddenStatesPaneTest.snapshot(robot, pane, Path.of(prefix + "pane.png"));
        select(robot, 1);
        HiddenStatesPaneTest.snapshot(robot, pane, Path.of(prefix + "side-by-side.png"));
        select(robot, 2);
        HiddenStatesPaneTest.snapshot(robot, pane, Path.of(prefix + "explain.png"));
    }

    private void select(FxRobot robot, int tab) {
        robot.interact(() -> ((javafx.scene.control.TabPane) pane.getCenter()).getSelectionModel().select(tab));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
