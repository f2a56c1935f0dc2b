package org.flattenexplorer.ui.hidden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.flattenexplorer.data.DatasetPreparer;
import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.inspect.InspectedModel;
import org.flattenexplorer.training.RunStore;
import org.flattenexplorer.training.SavedRun;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Screenshots and request-to-drawn timings of the pane with a real run: set FLATTEN_INSPECT_RUN to a run folder
 * (and FLATTEN_INSPECT_COMPARE to a second one); skipped otherwise.
 */
@ExtendWith(ApplicationExtension.class)
class RealRunScreenshotTest {
    private HiddenStatesPane pane;
    private HiddenStatesViewModel vm;

    @Start
    void start(Stage stage) {
        vm = new HiddenStatesViewModel();
        pane = new HiddenStatesPane(vm);
        stage.setScene(new Scene(pane, 1270, 790));
        stage.show();
    }

    @Test
    void screenshotsAndTimingsWithARealRun(FxRobot robot) throws Exception {
        String dir = System.getenv("FLATTEN_INSPECT_RUN");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir)));
        SavedRun saved = RunStore.load(Path.of(dir));
        InspectedModel model = InspectedModel.of(saved);
        PreparedDataset data = DatasetPreparer.fromFolder(Path.of(System.getenv("FLATTEN_INSPECT_DATA")),
                saved.info().spec().preprocessing());
        String compare = System.getenv("FLATTEN_INSPECT_COMPARE");
        InspectedModel other = compare == null ? null : InspectedModel.load(Path.of(compare));
        String runs = System.getenv().getOrDefault("FLATTEN_INSPECT_RUNS", "");
        robot.interact(() -> {
            for (String r : runs.split(":")) {
                if (!r.isBlank()) {
                    vm.runs().add(org.flattenexplorer.inspect.Explanation.Evidence.of(RunStore.load(Path.of(r))));
                }
            }
            vm.modelProperty().set(model);
            vm.compareModelProperty().set(other);
            vm.datasetProperty().set(data);
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !pane.picker().reviews().getItems().isEmpty()
                && pane.picker().reviews().getItems().get(0).toString().contains("p="));
        java.util.List<java.util.Map<String, Object>> timings = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int row = i;
            robot.interact(() -> pane.picker().reviews().getSelectionModel().select(row));
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.getInspection() != null
                    && vm.statusProperty().get().contains("draw") && !vm.statusProperty().get().startsWith("Probing"));
            WaitForAsyncUtils.waitForFxEvents();
            System.out.printf("review %d: probe %.1f ms, request to drawn %.1f ms%n", row,
                    vm.getInspection().probeNanos() / 1e6, vm.lastUpdateMillisProperty().get());
            timings.add(java.util.Map.of("review", row, "probe_ms", vm.getInspection().probeNanos() / 1e6,
                    "request_to_drawn_ms", vm.lastUpdateMillisProperty().get()));
        }
        String timingsFile = System.getenv("FLATTEN_INSPECT_TIMINGS");
        if (timingsFile != null) {
            java.util.Map<String, Object> report = new java.util.LinkedHashMap<>();
            report.put("run", dir);
            report.put("lstm", saved.info().spec().lstm().cliName());
            report.put("timings", timings);
            new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValue(Path.of(timingsFile).toFile(), report);
        }
        robot.interact(() -> vm.playIndexProperty().set(vm.getInspection().units() * 140 + 17));
        WaitForAsyncUtils.waitForFxEvents();
        HiddenStatesPaneTest.snapshot(robot, pane, Path.of(System.getenv().getOrDefault("FLATTEN_INSPECT_PREFIX", "target/real") + "pane.png"));
        TabsHelper.select(robot, pane, 1);
        HiddenStatesPaneTest.snapshot(robot, pane, Path.of(System.getenv().getOrDefault("FLATTEN_INSPECT_PREFIX", "target/real") + "side-by-side.png"));
        TabsHelper.select(robot, pane, 2);
        HiddenStatesPaneTest.snapshot(robot, pane, Path.of(System.getenv().getOrDefault("FLATTEN_INSPECT_PREFIX", "target/real") + "explain.png"));
        assertThat(vm.getInspection()).isNotNull();
    }

    static final class TabsHelper {
        static void select(FxRobot robot, HiddenStatesPane pane, int tab) {
            robot.interact(() -> ((javafx.scene.control.TabPane) pane.getCenter()).getSelectionModel().select(tab));
            WaitForAsyncUtils.waitForFxEvents();
        }
    }
}
