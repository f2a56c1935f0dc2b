package org.flattenexplorer.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.flattenexplorer.training.EpochMetrics;
import org.flattenexplorer.training.RunStore;
import org.flattenexplorer.training.TrainingEvent;
import org.flattenexplorer.ui.task.CurrentThreadTaskExecutor;
import org.flattenexplorer.ui.viewmodel.ExplorerViewModel;
import org.flattenexplorer.ui.viewmodel.TrainingViewModel;
import org.flattenexplorer.ui.viewmodel.UiSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The live curves redraw each chart once for the changes of one moment (an epoch's end changes several things). */
@ExtendWith(ApplicationExtension.class)
class LiveChartsTest {
    @TempDir
    static Path temp;
    private TrainingViewModel training;
    private LiveCharts live;

    @Start
    void start(Stage stage) {
        training = new ExplorerViewModel(new CurrentThreadTaskExecutor(), new RunStore(temp.resolve("runs")),
                UiSettings.inMemory(), temp.resolve("data")).training();
        live = new LiveCharts(training, new ThemeManager());
        stage.setScene(new Scene(live, 1000, 300));
        stage.show();
    }

    @Test
    void anEpochsEndRedrawsEachChartOnce(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        int loss = live.lossViewer().redraws();
        int accuracy = live.accuracyViewer().redraws();

        // the epoch's point, its best-epoch marker and the shading: three changes of the accuracy chart
        robot.interact(() -> {
            training.handle(new TrainingEvent.BatchEnd(1, 2, 4, 4, 0.6, 0.65, 0.55));
            training.handle(new TrainingEvent.EpochEnd(new EpochMetrics(1, 0.65, 0.55, 0.69, 0.52, 3.0), 2, 4));
        });
        WaitForAsyncUtils.waitForFxEvents(5);

        assertThat(live.lossViewer().redraws() - loss).isEqualTo(1);
        assertThat(live.accuracyViewer().redraws() - accuracy).isEqualTo(1);
    }
}
