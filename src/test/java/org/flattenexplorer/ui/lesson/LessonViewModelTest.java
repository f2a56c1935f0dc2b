package org.flattenexplorer.ui.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.flattenexplorer.lesson.Highlight;
import org.flattenexplorer.lesson.Lesson;
import org.flattenexplorer.lesson.LessonStep;
import org.flattenexplorer.lesson.StepView;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.training.RunStore;
import org.flattenexplorer.training.SavedRun;
import org.flattenexplorer.ui.TinySpecs;
import org.flattenexplorer.ui.hidden.HiddenStatesViewModel;
import org.flattenexplorer.ui.task.CurrentThreadTaskExecutor;
import org.flattenexplorer.ui.viewmodel.ExplorerViewModel;
import org.flattenexplorer.ui.viewmodel.RunItem;
import org.flattenexplorer.ui.viewmodel.UiSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lesson in the window, without the FX toolkit (every job runs in place): each step puts the window in its
 * state, trains what is missing, reuses what is saved, and leaving gives the user's spec back.
 */
class LessonViewModelTest {
    @TempDir
    Path temp;
    private ExplorerViewModel app;
    private HiddenStatesViewModel hidden;
    private LessonViewModel lesson;
    private final Lesson shipped = Lesson.shipped();

    @BeforeEach
    void setUp() {
        CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
        app = new ExplorerViewModel(executor, new RunStore(temp.resolve("runs")), UiSettings.inMemory(),
                temp.resolve("data"));
        app.data().useSynthetic();
        hidden = new HiddenStatesViewModel(Runnable::run, Runnable::run);
        lesson = new LessonViewModel(shipped, TinySpecs::shrink, app, hidden, executor);
    }

    private int step(String title) {
        for (int i = 0; i < shipped.steps().size(); i++) {
            if (shipped.steps().get(i).title().equals(title)) {
                return i;
            }
        }
        throw new AssertionError("no step " + title);
    }

    private List<SavedRun> saved() {
        return app.runs().runs().stream().map(RunItem::run).toList();
    }

    @Test
    void aStepWithoutItsRunTrainsItLiveAndThenStatesItsNumbers() {
        lesson.start();
        lesson.jump(step("Train the question's model and watch it overfit"));

        assertThat(saved()).hasSize(1);
        SavedRun run = saved().get(0);
        assertThat(run.info().spec()).isEqualTo(lesson.spec("flatten"));
        assertThat(lesson.viewProperty().get()).isEqualTo(StepView.TRAINING);
        assertThat(app.training().epochs()).hasSize(run.epochs().size());
        assertThat(lesson.textProperty().get()).contains(String.format(Locale.ROOT, "Training accuracy reaches %.3f",
                run.result().bestTrainingAccuracy())).doesNotContain("\u2026");
        assertThat(lesson.statusProperty().get()).isEmpty();
    }

    @Test
    void aStepWhoseRunIsSavedReusesItInsteadOfTraining() {
        lesson.start();
        lesson.jump(step("Train the question's model and watch it overfit"));
        SavedRun first = saved().get(0);
        lesson.leave();
        app.training().epochs(); // the live curves of that run are on screen

        LessonViewModel again = new LessonViewModel(shipped, TinySpecs::shrink, app, hidden,
                new CurrentThreadTaskExecutor());
        again.start();
        again.jump(step("Train the question's model and watch it overfit"));

        assertThat(saved()).containsExactly(first);
        assertThat(app.training().log()).anyMatch(line -> line.startsWith("Replaying the saved run"));
        assertThat(again.textProperty().get()).contains(String.format(Locale.ROOT, "%.3f",
                first.result().bestValidationAccuracy()));
    }

    @Test
    void steppingForwardAndBackPutsTheWindowBackInEachStepsState() {
        lesson.start();
        int compare = step("The last state stays at chance");
        lesson.jump(compare);
        assertThat(saved()).hasSize(2);
        assertThat(app.runs().ticked()).extracting(r -> r.info().spec())
                .containsExactlyInAnyOrder(lesson.spec("flatten"), lesson.spec("last"));
        assertThat(app.runs().metricProperty().get().toString()).isEqualTo("accuracy");

        lesson.next(); // the hidden states of the Flatten run, padding framed, the animation asked for
        LessonStep hiddenStep = shipped.steps().get(compare + 1);
        assertThat(lesson.viewProperty().get()).isEqualTo(StepView.HIDDEN_STATES);
        assertThat(hidden.modelProperty().get().spec()).isEqualTo(lesson.spec("flatten"));
        assertThat(hidden.getInspection()).isNotNull();
        assertThat(hidden.highlightProperty().get()).isEqualTo(hiddenStep.highlight()).isEqualTo(Highlight.PADDING);
        assertThat(hidden.playRequestsProperty().get()).isEqualTo(1);
        assertThat(app.architecture().spec()).isEqualTo(lesson.spec("flatten"));

        lesson.back();
        assertThat(lesson.indexProperty().get()).isEqualTo(compare);
        assertThat(lesson.viewProperty().get()).isEqualTo(StepView.COMPARE);
        assertThat(app.architecture().spec()).isEqualTo(lesson.spec("flatten"));
        assertThat(app.runs().ticked()).hasSize(2);
        assertThat(hidden.highlightProperty().get()).isEqualTo(Highlight.NONE);
        assertThat(saved()).as("going back trains nothing again").hasSize(2);
    }

    @Test
    void leavingGivesTheUsersOwnSpecBack() {
        ExperimentSpec mine = TinySpecs.lastState().toBuilder().units(12).seed(7).build();
        app.architecture().load(mine);
        lesson.start();
        assertThat(app.architecture().spec()).isEqualTo(lesson.spec("flatten"));
        lesson.leave();
        assertThat(lesson.activeProperty().get()).isFalse();
        assertThat(app.architecture().spec()).isEqualTo(mine);
    }

    @Test
    void onGeneratedReviewsEveryStepThatQuotesRunsSaysSo() {
        lesson.start();
        assertThat(lesson.syntheticNoteProperty().get()).as("the first step quotes no run").isEmpty();
        lesson.next();
        assertThat(lesson.syntheticNoteProperty().get()).contains("generated reviews");
    }

    @Test
    void theWindowsHandoutTrainsWhatIsMissingThenWritesEveryStep() throws Exception {
        lesson.start();
        Path file = temp.resolve("handout.html");
        String[] said = new String[1];
        lesson.exportHandout(file, message -> said[0] = message);

        assertThat(said[0]).startsWith("Wrote the lesson's handout");
        assertThat(saved()).hasSize(shipped.usedRuns().size());
        String page = java.nio.file.Files.readString(file);
        for (int i = 0; i < shipped.steps().size(); i++) {
            assertThat(page).contains("<h2>" + (i + 1) + ". ");
        }
        assertThat(page).contains("data:image/png;base64,").doesNotContain("\u2026");
    }
}
