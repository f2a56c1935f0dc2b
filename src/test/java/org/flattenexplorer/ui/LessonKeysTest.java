package org.flattenexplorer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.flattenexplorer.lesson.StepView;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.ui.task.FxTaskExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The lesson with the keyboard alone, in the real window: Ctrl+L, Right, a number, Left, N, Esc. */
@ExtendWith(ApplicationExtension.class)
class LessonKeysTest {
    @TempDir
    Path temp;
    private MainView view;
    private FxTaskExecutor executor;

    @Start
    void start(Stage stage) throws Exception {
        executor = new FxTaskExecutor();
        view = TestWindow.open(stage, executor, Files.createDirectories(temp.resolve("runs")), temp, 1280, 720,
                TinySpecs::shrink);
    }

    @AfterEach
    void tearDown() {
        executor.shutdown();
    }

    @Test
    void aTeacherStepsThroughTheLessonWithTheKeyboardAlone(FxRobot robot) throws Exception {
        waitUntil(() -> view.viewModel().data().messageProperty().get().startsWith("No IMDB reviews"));
        robot.interact(() -> view.viewModel().data().useSynthetic());
        ExperimentSpec mine = view.viewModel().architecture().spec();
        robot.clickOn("#progressBar"); // the keyboard focus in the window, nothing started

        robot.press(KeyCode.CONTROL).press(KeyCode.L).release(KeyCode.L).release(KeyCode.CONTROL);
        assertThat(view.lesson().activeProperty().get()).isTrue();
        assertThat(view.lesson().indexProperty().get()).isZero();
        assertThat(view.tabs().getSelectionModel().getSelectedItem().getText()).isEqualTo("Model");

        robot.type(KeyCode.RIGHT); // step 2 trains the Flatten run live
        assertThat(view.lesson().indexProperty().get()).isEqualTo(1);
        waitUntil(() -> !view.lesson().textProperty().get().contains("\u2026"));
        assertThat(view.tabs().getSelectionModel().getSelectedItem().getText()).isEqualTo("Training");

        robot.type(KeyCode.DIGIT4); // step 4, the hidden states of that run
        assertThat(view.lesson().indexProperty().get()).isEqualTo(3);
        assertThat(view.lesson().viewProperty().get()).isEqualTo(StepView.HIDDEN_STATES);
        waitUntil(() -> view.hiddenStates().getInspection() != null);
        assertThat(view.tabs().getSelectionModel().getSelectedItem().getText()).isEqualTo("Hidden states");

        robot.type(KeyCode.LEFT);
        assertThat(view.lesson().indexProperty().get()).isEqualTo(2);
        boolean notes = view.lesson().notesShownProperty().get();
        robot.type(KeyCode.N);
        assertThat(view.lesson().notesShownProperty().get()).isEqualTo(!notes);

        waitUntil(() -> !view.viewModel().training().runningProperty().get());
        robot.type(KeyCode.ESCAPE);
        assertThat(view.lesson().activeProperty().get()).isFalse();
        assertThat(view.viewModel().architecture().spec()).isEqualTo(mine);
    }

    private static void waitUntil(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.getAsBoolean();
        });
    }
}
