package org.flattenexplorer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.flattenexplorer.inspect.InspectFixtures;
import org.flattenexplorer.model.Preset;
import org.flattenexplorer.training.RunStore;
import org.flattenexplorer.ui.task.FxTaskExecutor;
import org.flattenexplorer.ui.viewmodel.RunItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window (headless) over a run folder with damage in it: every readable run is listed, every damaged
 * folder is named (all of them behind Details), a zero-byte model.zip is explained in full on the Hidden states
 * tab, and a failed training keeps Train and Stop readable with its full sentence one click away.
 */
@ExtendWith(ApplicationExtension.class)
class WindowErrorsViewTest {
    @TempDir
    static Path temp;
    private static Path runs;
    private static Path emptyModel;
    private MainView view;
    private FxTaskExecutor executor;

    @BeforeAll
    static void damagedStore() throws Exception {
        runs = Files.createDirectories(temp.resolve("runs"));
        Path good = InspectFixtures.save(Preset.QUESTION_FLATTEN, runs.resolve("good")).folder();
        emptyModel = copy(good, runs.resolve("empty-model"));
        Files.write(emptyModel.resolve(RunStore.MODEL_ZIP), new byte[0]);
        Files.writeString(emptyModel.resolve(RunStore.RUN_JSON), Files.readString(emptyModel.resolve(RunStore.RUN_JSON))
                .replaceFirst("\"name\" : \"[^\"]*\"", "\"name\" : \"empty model\""));
        Path noDate = copy(good, runs.resolve("no-date"));
        Files.writeString(noDate.resolve(RunStore.RUN_JSON), Files.readString(noDate.resolve(RunStore.RUN_JSON))
                .replaceAll("\"createdAt\" : \"[^\"]*\",", ""));
        Files.writeString(copy(good, runs.resolve("garbage")).resolve(RunStore.RUN_JSON), "{ nope");
        Files.delete(copy(good, runs.resolve("no-metrics")).resolve(RunStore.METRICS_CSV));
    }

    private static Path copy(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    @Start
    void start(Stage stage) {
        executor = new FxTaskExecutor();
        view = TestWindow.open(stage, executor, runs, temp, 1260, 780);
    }

    @AfterEach
    void tearDown() {
        executor.shutdown();
    }

    /** Past the welcome panel (it covers the window while no data is chosen), once the start-up search is done. */
    private void useSyntheticReviews(FxRobot robot) throws Exception {
        waitUntil(() -> robot.lookup("#welcome").tryQuery().map(n -> n.getParent().isVisible()).orElse(false));
        robot.interact(() -> view.viewModel().data().useSynthetic());
        waitUntil(() -> view.viewModel().data().hasDataProperty().get());
    }

    @Test
    void everyReadableRunIsListedAndEveryDamagedFolderNamed(FxRobot robot) throws Exception {
        useSyntheticReviews(robot);
        TableView<RunItem> table = robot.lookup("#runTable").queryTableView();
        waitUntil(() -> table.getItems().size() == 3);
        Label message = robot.lookup("#runsMessage").queryAs(Label.class);

        assertThat(message.isVisible()).isTrue();
        assertThat(message.isWrapText()).isTrue();
        assertThat(message.getText()).startsWith("2 run folders could not be read");
        robot.clickOn("#runsProblemsDetails");
        waitUntil(() -> robot.lookup("#errorDetails").tryQuery().isPresent());
        TextArea details = robot.lookup("#errorDetails").queryAs(TextArea.class);

        assertThat(details.getText()).contains(runs.resolve("garbage").toString())
                .contains(runs.resolve("no-metrics").toString()).contains("metrics.csv is missing");
        close(robot, details.getScene().getWindow());
    }

    @Test
    void anEmptyModelFileIsExplainedInFullOnTheHiddenStatesTab(FxRobot robot) throws Exception {
        useSyntheticReviews(robot);
        TableView<RunItem> table = robot.lookup("#runTable").queryTableView();
        waitUntil(() -> table.getItems().size() == 3);
        robot.clickOn("Hidden states");
        RunItem broken = table.getItems().stream().filter(i -> i.name().equals("empty model")).findFirst().orElseThrow();

        robot.interact(() -> table.getSelectionModel().select(broken));
        Label notice = robot.lookup("#hidden-notice").queryAs(Label.class);
        waitUntil(() -> notice.getText().contains("0 bytes"));

        assertThat(notice.getText()).contains(emptyModel.toString()).contains("train it again");
        assertThat(notice.isVisible()).isTrue();
        assertThat(notice.isWrapText()).isTrue();
        assertThat(shownText(notice)).as("drawn in full, not cut").isEqualTo(notice.getText());
    }

    @Test
    void aFailedTrainingKeepsTrainAndStopReadableWithItsFullTextOneClickAway(FxRobot robot) throws Exception {
        useSyntheticReviews(robot);
        robot.interact(() -> view.viewModel().architecture()
                .load(TinySpecs.flatten().toBuilder().units(1024).maxlen(2000).build()));
        robot.clickOn("#trainButton");
        waitUntil(() -> !view.viewModel().training().failureProperty().get().isEmpty()
                && !view.viewModel().training().runningProperty().get());

        assertThat(shownText(robot.lookup("#trainButton").queryAs(Button.class))).isEqualTo("Train");
        assertThat(shownText(robot.lookup("#stopButton").queryAs(Button.class))).isEqualTo("Stop");
        Hyperlink details = robot.lookup("#failureDetails").queryAs(Hyperlink.class);
        assertThat(details.isVisible()).isTrue();
        robot.clickOn(details);
        waitUntil(() -> robot.lookup("#errorMessage").tryQuery().isPresent());
        Label full = robot.lookup("#errorMessage").queryAs(Label.class);

        assertThat(full.getText()).isEqualTo(view.viewModel().training().failureProperty().get())
                .contains("this model needs about").contains("fewer units");
        assertThat(full.isWrapText()).isTrue();
        close(robot, full.getScene().getWindow());
    }

    /** What a control draws: its text node's text, which ends in "..." when the control is too small for it. */
    private static String shownText(javafx.scene.control.Labeled labeled) {
        return ((Text) labeled.lookup(".text")).getText();
    }

    private static void close(FxRobot robot, Window window) {
        robot.interact(() -> ((Stage) window).close());
    }

    private static void waitUntil(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.getAsBoolean();
        });
    }
}
