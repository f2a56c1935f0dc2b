package org.flattenexplorer.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Preset;
import org.junit.jupiter.api.Test;

/** The window's background warm-up: the question's model, out of the way of a user's run, changing no result. */
class TrainingWarmUpTest {

    @Test
    void warmsUpTheQuestionsModelItself() {
        ExperimentSpec spec = TrainingWarmUp.spec();
        ExperimentSpec question = Preset.QUESTION_FLATTEN.spec();
        assertThat(spec.model()).isEqualTo(question.model());
        assertThat(spec.data().maxlen()).isEqualTo(question.data().maxlen());
        assertThat(spec.training().batch()).isEqualTo(question.training().batch());
        assertThat(spec.data().trainSize()).isLessThanOrEqualTo(64);
        int batch = question.training().batch();
        assertThat(spec.data().valSize() % batch).as("its validation ends with a batch of the question's leftover size")
                .isEqualTo(question.data().valSize() % batch);
        assertThat(spec.data().valSize() / batch).as("and has several full batches, split differently").isGreaterThan(1);
    }

    @Test
    void givesWayToAWaitingRunAfterTheBatchItIsIn() {
        assertThat(TrainingWarmUp.run(() -> true)).as("a run already waiting: nothing starts").isFalse();
        AtomicInteger asked = new AtomicInteger();
        // the user's run arrives during the first batch
        assertThat(TrainingWarmUp.run(() -> asked.incrementAndGet() > 1)).isFalse();
        assertThat(asked.get()).as("asked before it starts and after the first batch, then stopped").isEqualTo(2);
    }

    @Test
    void aRunAfterTheWarmUpGivesTheSameResultsAsWithout() {
        ExperimentSpec spec = TrainingFixtures.small(Preset.QUESTION_FLATTEN, 2);
        RunResult before = new TrainingRun(spec, TrainingFixtures.synthetic(spec)).run(TrainingListener.NONE);
        AtomicInteger batches = new AtomicInteger();
        TrainingWarmUp.run(() -> batches.incrementAndGet() > 3);
        RunResult after = new TrainingRun(spec, TrainingFixtures.synthetic(spec)).run(TrainingListener.NONE);
        for (int e = 0; e < before.epochs().size(); e++) {
            EpochMetrics a = before.epochs().get(e);
            EpochMetrics b = after.epochs().get(e);
            assertThat(b.loss()).as("epoch %d loss", e + 1).isEqualTo(a.loss());
            assertThat(b.valLoss()).as("epoch %d val_loss", e + 1).isEqualTo(a.valLoss());
            assertThat(b.accuracy()).isEqualTo(a.accuracy());
        }
    }
}
