package org.flattenexplorer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.stage.Stage;
import org.flattenexplorer.data.DatasetPreparer;
import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.training.RunInfo;
import org.flattenexplorer.training.RunResult;
import org.flattenexplorer.training.RunStore;
import org.flattenexplorer.training.TrainingEvent;
import org.flattenexplorer.training.TrainingListener;
import org.flattenexplorer.training.TrainingRun;
import org.flattenexplorer.ui.task.FxTaskExecutor;
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
 * The window at a 1280 x 720 projector and a 1366 x 768 laptop, in normal and projector mode (in a window):
 * menus, presets, Train/Stop, the progress, the live and compare charts, the run list, the Hidden states views
 * and the lesson's controls lie on the screen, and no label is cut to "..." without a tooltip.
 */
@ExtendWith(ApplicationExtension.class)
class WindowFitsScreensTest {
    private static final List<String> ALWAYS = List.of("menuBar", "trainButton", "stopButton", "progressBar",
            "lossChart", "accuracyChart", "compareChart");
    private static final List<String> PRESETS = List.of("preset-question-flatten", "preset-question-last",
            "preset-last-pre", "preset-last-masked", "preset-global-max", "morePresets", "compareAll");
    /** The side panel may scroll (its lower spinners may lie below the fold), but the panel itself must fit. */
    private static final List<String> PANELS = List.of("sidePanel", "runTable", "log", "returnSequences", "flatten",
            "goBackwards", "bidirectional");

    @TempDir
    static Path temp;
    private static Path runs;
    private MainView view;
    private Stage stage;
    private FxTaskExecutor executor;

    /** Two small runs on the synthetic reviews, so the run list has rows to lay out. */
    @BeforeAll
    static void trainTwoRuns() throws Exception {
        runs = Files.createDirectories(temp.resolve("runs"));
        RunStore store = new RunStore(runs);
        for (ExperimentSpec spec : List.of(TinySpecs.flatten(), TinySpecs.lastState())) {
            PreparedDataset data = DatasetPreparer.synthetic(spec.data());
            TrainingRun run = new TrainingRun(spec, data);
            RunResult result = run.run(TrainingListener.NONE);
            store.save(RunInfo.of(spec.describe(), result, spec, data), result, run.network(), data.vocabulary());
        }
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        executor = new FxTaskExecutor();
        view = TestWindow.open(stage, executor, runs, temp, 1280, 720, TinySpecs::shrink);
    }

    @AfterEach
    void tearDown() {
        executor.shutdown();
        // the stage is shared with the next test class: leave it as TestFX made it
        WaitForAsyncUtils.asyncFx(() -> {
            stage.setFullScreen(false);
            stage.setWidth(1280);
            stage.setHeight(800);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aProjectorOf1280x720ShowsEverythingInNormalMode(FxRobot robot) throws Exception {
        checkEveryView(robot, 1280, 720, false);
    }

    @Test
    void aProjectorOf1280x720ShowsEverythingInProjectorMode(FxRobot robot) throws Exception {
        checkEveryView(robot, 1280, 720, true);
    }

    @Test
    void aLaptopOf1366x768ShowsEverythingInNormalMode(FxRobot robot) throws Exception {
        checkEveryView(robot, 1366, 768, false);
    }

    @Test
    void aLaptopOf1366x768ShowsEverythingInProjectorMode(FxRobot robot) throws Exception {
        checkEveryView(robot, 1366, 768, true);
    }

    @Test
    void theWelcomePanelFitsAProjectorWithNothingCut(FxRobot robot) throws Exception {
        waitUntil(() -> view.viewModel().data().messageProperty().get().startsWith("No IMDB reviews"));
        resize(robot, 1280, 720, true);
        assertThat(problems(robot, List.of("welcome", "useSynthetic", "welcomeLesson"))).isEmpty();
    }

    @Test
    void aLongFailureWrapsInsteadOfSqueezingTrainAndStop(FxRobot robot) throws Exception {
        useSyntheticReviews(robot);
        resize(robot, 1280, 720, true);
        String failure = "Could not save the run: No space left on device while writing model.zip into "
                + "/home/teacher/.flatten-explorer/runs/20261202-141917-flatten-post-padding-128-units-s42; free "
                + "some space (the run list shows what each run takes) and train again.";
        robot.interact(() -> view.viewModel().training().handle(new TrainingEvent.Failed(failure, null)));
        settle(robot);
        assertThat(problems(robot, List.of("trainButton", "stopButton", "progressText"))).isEmpty();
        assertThat(robot.lookup("#trainButton").queryButton().getWidth())
                .isGreaterThanOrEqualTo(robot.lookup("#trainButton").queryButton().prefWidth(-1) - 0.5);
    }

    /** After the window's own search for data (none here) has ended: the synthetic reviews, and the saved runs. */
    private void useSyntheticReviews(FxRobot robot) throws Exception {
        waitUntil(() -> view.viewModel().runs().runs().size() == 2
                && view.viewModel().data().messageProperty().get().startsWith("No IMDB reviews"));
        robot.interact(() -> view.viewModel().data().useSynthetic());
    }

    private void checkEveryView(FxRobot robot, int width, int height, boolean projector) throws Exception {
        useSyntheticReviews(robot);
        javafx.scene.control.TableView<?> runTable = robot.lookup("#runTable").queryTableView(); // before it folds
        resize(robot, width, height, projector);
        List<String> problems = new ArrayList<>();
        List<String> training = new ArrayList<>(ALWAYS);
        training.addAll(PRESETS);
        if (!projector) {
            training.addAll(PANELS);
        }
        problems.addAll(problems(robot, training));
        if (projector) {
            assertThat(view.sidePanelShownProperty().get()).as("projector mode folds the controls").isFalse();
            robot.interact(view::togglePanels); // F9 brings them back
            problems.addAll(problems(robot, PANELS));
            robot.interact(view::togglePanels); // and folds them again for the room
        }

        robot.interact(() -> view.tabs().getSelectionModel().select(tab("Hidden states")));
        robot.interact(() -> runTable.getSelectionModel().select(0));
        waitUntil(() -> view.hiddenStates().getInspection() != null);
        problems.addAll(problems(robot, List.of("hidden-tabs", "flatten-play", "flatten-strip", "compareRun")));

        robot.interact(() -> {
            view.tabs().getSelectionModel().select(tab("Training"));
            view.startLesson();
        });
        waitUntil(() -> !view.lesson().textProperty().get().isEmpty());
        problems.addAll(problems(robot, List.of("lessonBar", "lessonNext", "lessonBack", "lessonLeave",
                "lessonHandout", "lessonText", "lessonDot10", "modelSummaryTable", "modelDiagram")));
        robot.interact(() -> view.lesson().leave());
        assertThat(problems).as(width + " x " + height + (projector ? " projector" : "")).isEmpty();
    }

    private javafx.scene.control.Tab tab(String text) {
        return view.tabs().getTabs().stream().filter(t -> t.getText().equals(text)).findFirst().orElseThrow();
    }

    private void resize(FxRobot robot, int width, int height, boolean projector) {
        robot.interact(() -> {
            view.theme().projectorProperty().set(projector);
            view.theme().fullScreenProperty().set(false);
            stage.setWidth(width);
            stage.setHeight(height);
        });
        settle(robot);
    }

    private List<String> problems(FxRobot robot, List<String> ids) {
        settle(robot);
        List<String> problems = new ArrayList<>();
        robot.interact(() -> {
            String shots = System.getProperty("flatten.test.shots");
            if (shots != null) { // -Dflatten.test.shots=DIR: what was checked, to look at
                try {
                    Path file = Files.createDirectories(Path.of(shots)).resolve("fit-" + (int) stage.getWidth() + "x"
                            + (int) stage.getHeight() + (view.theme().projectorProperty().get() ? "-projector" : "")
                            + "-" + System.nanoTime() + ".png");
                    javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(
                            stage.getScene().snapshot(null), null), "png", file.toFile());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            problems.addAll(ScreenFit.offScreen(stage.getScene(), ids));
            problems.addAll(ScreenFit.truncated(stage.getScene()));
        });
        return problems.stream().distinct().toList();
    }

    private static void settle(FxRobot robot) {
        robot.interact(() -> { });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> { });
    }

    private static void waitUntil(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.getAsBoolean();
        });
    }
}
