package org.flattenexplorer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.flattenexplorer.model.ArchitectureSpec;
import org.flattenexplorer.model.Head;
import org.flattenexplorer.model.InvalidSpecException;
import org.flattenexplorer.model.Preset;
import org.junit.jupiter.api.Test;

class TrainingRunTest {

    @Test
    void sameSpecSeedAndDataGiveTheSameMetricsToThePrintedDigit() {
        ArchitectureSpec spec = TrainingFixtures.small(Preset.QUESTION_FLATTEN, 2);

        RunResult first = new TrainingRun(spec, TrainingFixtures.synthetic(spec)).run(TrainingListener.NONE);
        RunResult second = new TrainingRun(spec, TrainingFixtures.synthetic(spec)).run(TrainingListener.NONE);

        assertThat(printed(second)).isEqualTo(printed(first));
        assertThat(second.testAccuracy()).isEqualTo(first.testAccuracy());
    }

    @Test
    void aDifferentSeedGivesDifferentNumbers() {
        ArchitectureSpec spec = TrainingFixtures.small(Preset.QUESTION_FLATTEN, 1);
        ArchitectureSpec other = spec.toBuilder().seed(spec.seed() + 1).build();

        RunResult a = new TrainingRun(spec, TrainingFixtures.synthetic(spec)).run(TrainingListener.NONE);
        RunResult b = new TrainingRun(other, TrainingFixtures.synthetic(spec)).run(TrainingListener.NONE);

        assertThat(printed(b)).isNotEqualTo(printed(a));
    }

    @Test
    void reportsEveryBatchThenEachEpochThenFinishedWithTestAccuracy() {
        ArchitectureSpec spec = TrainingFixtures.small(Preset.QUESTION_LAST, 2);
        List<TrainingEvent> events = new ArrayList<>();

        RunResult result = new TrainingRun(spec, TrainingFixtures.synthetic(spec)).run(events::add);

        int batchesPerEpoch = 256 / 32;
        assertThat(events).hasSize(2 * batchesPerEpoch + 2 + 1);
        assertThat(events.get(batchesPerEpoch)).isInstanceOf(TrainingEvent.EpochEnd.class);
        assertThat(events.get(events.size() - 1)).isInstanceOf(TrainingEvent.Finished.class);
        TrainingEvent.BatchEnd last = (TrainingEvent.BatchEnd) events.get(batchesPerEpoch - 1);
        assertThat(last.batch()).isEqualTo(last.batches()).isEqualTo(batchesPerEpoch);
        assertThat(result.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(result.epochs()).extracting(EpochMetrics::epoch).containsExactly(1, 2);
        assertThat(result.batchLosses()).hasSize(2 * batchesPerEpoch);
        assertThat(result.testAccuracy()).isBetween(0.0, 1.0);
    }

    @Test
    void cancelStopsAfterTheCurrentBatchAndKeepsCompletedEpochs() {
        ArchitectureSpec spec = TrainingFixtures.small(Preset.QUESTION_FLATTEN, 5);
        TrainingRun run = new TrainingRun(spec, TrainingFixtures.synthetic(spec));
        List<TrainingEvent> events = new ArrayList<>();

        RunResult result = run.run(event -> {
            events.add(event);
            if (event instanceof TrainingEvent.BatchEnd b && b.epoch() == 2 && b.batch() == 3) {
                run.cancel();
            }
        });

        assertThat(result.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(result.epochs()).hasSize(1);
        assertThat(events.get(events.size() - 1)).isInstanceOf(TrainingEvent.Cancelled.class);
        long batchesAfterCancel = events.stream().filter(e -> e instanceof TrainingEvent.BatchEnd b
                && (b.epoch() > 2 || (b.epoch() == 2 && b.batch() > 3))).count();
        assertThat(batchesAfterCancel).isZero();
    }

    @Test
    void trainingAccuracyCountsTheTrainingStepsOwnPredictions() {
        // No dropout and a vanishing learning rate: the weights stay put, so the running accuracy over the
        // epoch's batches must equal the accuracy of the same network evaluated on the training split.
        ArchitectureSpec spec = TrainingFixtures.small(Preset.QUESTION_FLATTEN, 1).toBuilder()
                .dropout(0).lr(1e-12).build();
        TrainingRun run = new TrainingRun(spec, TrainingFixtures.synthetic(spec));
        SplitEvaluator.Score before = SplitEvaluator.evaluate(run.network(), run.data().train(), 32, false);

        RunResult result = run.run(TrainingListener.NONE);

        assertThat(result.epochs().get(0).accuracy()).isEqualTo(before.accuracy());
        assertThat(result.epochs().get(0).loss()).isCloseTo(before.loss(), org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void flattenLearnsTheSyntheticSetWhereTheLastStateAfterPostPaddingCannot() {
        ArchitectureSpec flatten = TrainingFixtures.small(Preset.QUESTION_FLATTEN, 6);
        ArchitectureSpec last = TrainingFixtures.small(Preset.QUESTION_LAST, 6);

        RunResult f = new TrainingRun(flatten, TrainingFixtures.synthetic(flatten)).run(TrainingListener.NONE);
        RunResult l = new TrainingRun(last, TrainingFixtures.synthetic(last)).run(TrainingListener.NONE);

        assertThat(f.bestTrainingAccuracy()).isGreaterThan(0.9);
        assertThat(l.bestTrainingAccuracy()).isLessThan(0.7);
        assertThat(f.bestValidationAccuracy()).isGreaterThan(l.bestValidationAccuracy() + 0.2);
    }

    @Test
    void anInvalidSpecIsRefusedBeforeAnythingIsBuilt() {
        ArchitectureSpec spec = TrainingFixtures.small(Preset.QUESTION_FLATTEN, 1).toBuilder().head(Head.NONE).build();

        assertThatThrownBy(() -> new TrainingRun(spec, TrainingFixtures.synthetic(spec)))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("one label per review");
    }

    private static List<String> printed(RunResult r) {
        return r.epochs().stream().map(KerasProgress::metrics).toList();
    }
}
