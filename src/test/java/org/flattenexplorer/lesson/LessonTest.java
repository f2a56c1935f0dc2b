package org.flattenexplorer.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.flattenexplorer.data.EncodedSplit;
import org.flattenexplorer.model.Preset;
import org.flattenexplorer.training.EpochMetrics;
import org.flattenexplorer.training.RunResult;
import org.flattenexplorer.training.RunStatus;
import org.junit.jupiter.api.Test;

/** The lesson file: what the shipped lesson holds, what a broken one is told, how its numbers are filled in. */
class LessonTest {

    @Test
    void theShippedLessonWalksTheQuestionInTenSteps() {
        Lesson lesson = Lesson.shipped();
        assertThat(lesson.title()).isEqualTo("What is this Flatten layer doing in my LSTM?");
        assertThat(lesson.steps()).hasSize(10);
        assertThat(lesson.steps()).extracting(LessonStep::view).contains(StepView.ARCHITECTURE, StepView.TRAINING,
                StepView.COMPARE, StepView.HIDDEN_STATES, StepView.CONTRIBUTIONS, StepView.SIDE_BY_SIDE,
                StepView.SUMMARY);
        assertThat(lesson.runs()).containsValues(Preset.QUESTION_FLATTEN, Preset.QUESTION_LAST, Preset.LAST_PRE,
                Preset.LAST_MASKED, Preset.GLOBAL_AVG);
        assertThat(lesson.usedRuns()).containsExactly("flatten", "last", "pre", "masked", "avg");
        assertThat(lesson.steps().stream().filter(LessonStep::animate)).hasSize(1);
    }

    @Test
    void noStepOfTheShippedLessonStatesANumberWrittenInAdvance() {
        // numbers come from {run.fact} placeholders; digits in the prose may only be positions like t = 10
        for (LessonStep step : Lesson.shipped().steps()) {
            String prose = (step.title() + " " + step.text() + " " + step.notes()).replaceAll("\\{[^}]*}", "")
                    .replace("t = 10", "").replace("t = 300", "").replace("Dense(1", "").replace("Pooling1D", "");
            assertThat(prose).as(step.title()).doesNotContainPattern("\\d");
        }
    }

    @Test
    void aBrokenLessonFileIsToldWhichStepAndWhatIsWrong() {
        assertThatThrownBy(() -> read("""
                {"title": "t", "runs": {"a": "question-flatten"},
                 "steps": [{"title": "one", "view": "training", "runs": ["b"], "text": "x"}]}"""))
                .hasMessageContaining("step 1").hasMessageContaining("unknown run 'b'");
        assertThatThrownBy(() -> read("""
                {"title": "t", "runs": {"a": "question-flatten"},
                 "steps": [{"title": "one", "view": "training", "runs": ["a"], "text": "{a.bestVall}"}]}"""))
                .hasMessageContaining("step 1").hasMessageContaining("unknown fact 'bestVall'");
        assertThatThrownBy(() -> read("""
                {"title": "t", "runs": {"a": "question-flatten"},
                 "steps": [{"title": "one", "view": "movie", "runs": ["a"], "text": "x"}]}"""))
                .hasMessageContaining("unknown value 'movie'");
        assertThatThrownBy(() -> read("""
                {"title": "t", "runs": {"a": "no-such-preset"}, "steps": []}"""))
                .hasMessageContaining("run 'a'").hasMessageContaining("no-such-preset");
        assertThatThrownBy(() -> read("""
                {"title": "t", "runs": {"a": "question-flatten"},
                 "steps": [{"title": "one", "view": "side-by-side", "runs": ["a"], "text": "x"}]}"""))
                .hasMessageContaining("needs 2 run(s)");
        assertThatThrownBy(() -> read("{ not json")).hasMessageContaining("not valid JSON");
    }

    @Test
    void factsReadAsPendingUntilTheirRunIsThereThenAsItsMetrics() {
        String template = "train {f.bestTrain}, val {f.bestVal} in epoch {f.bestValEpoch}, lowest val_loss in epoch "
                + "{f.minValLossEpoch}; Dense {f.denseWeights} weights";
        LessonFacts facts = new LessonFacts();
        assertThat(facts.fill(template)).isEqualTo("train \u2026, val \u2026 in epoch \u2026, lowest val_loss in epoch "
                + "\u2026; Dense \u2026 weights");

        RunResult run = new RunResult(RunStatus.FINISHED, List.of(
                new EpochMetrics(1, 0.70, 0.51, 0.69, 0.50, 2),
                new EpochMetrics(2, 0.40, 0.85, 0.58, 0.71, 2),
                new EpochMetrics(3, 0.10, 0.97, 0.80, 0.74, 2)), List.of(), 0.7, 6);
        facts.run("f", run).spec("f", Preset.QUESTION_FLATTEN.spec(), 12_512);
        assertThat(facts.fill(template)).isEqualTo(String.format(Locale.ROOT,
                "train %.3f, val %.3f in epoch 3, lowest val_loss in epoch 2; Dense 64,001 weights", 0.97, 0.74));
    }

    @Test
    void theFirstPaddedReviewIsTheFirstWithAtLeastHalfItsStepsPadding() {
        EncodedSplit split = new EncodedSplit(List.of(review(), review(), review()),
                new int[][] {{5, 6, 7, 0}, {5, 6, 0, 0}, {5, 0, 0, 0}}, new int[] {1, 0, 1});
        assertThat(ReviewChoice.FIRST_PADDED.pick(split)).isEqualTo(1);
        assertThat(ReviewChoice.parse("2").pick(split)).isEqualTo(2);
        assertThat(ReviewChoice.parse("7").pick(split)).isEqualTo(2);
        assertThatThrownBy(() -> ReviewChoice.parse("-1")).hasMessageContaining("row number");
    }

    private static org.flattenexplorer.data.Review review() {
        return new org.flattenexplorer.data.Review("test", "pos", 1, 8, "a review");
    }

    private static Lesson read(String json) throws Exception {
        return Lesson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
