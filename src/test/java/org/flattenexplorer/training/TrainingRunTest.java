package org.flattenexplorer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.flattenexplorer.data.EncodedSplit;
import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.data.Review;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Head;
import org.flattenexplorer.model.InvalidSpecException;
import org.flattenexplorer.model.Preset;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TrainingRunTest {

    @Test
    void sameSpecSeedAndDataGiveTheSameMetricsToThePrintedDigit() {
        ExperimentSpec spec = TrainingFixtures.small(Preset.QUESTION_FLATTEN, 2);

        RunResult first = new TrainingRun(spec, TrainingFixtures.synthetic(spec)).run(TrainingListener.NONE);
        RunResult second = new TrainingRun(spec, TrainingFixtures.synthetic(spec)).run(TrainingListener.NONE);

        assertThat(printed(second)).isEqualTo(printed(first));
        assertThat(second.testAccuracy()).isEqualTo(first.testAccuracy());
    }

    @Test
    void aDifferentSeedGivesDifferentNumbers() {
        ExperimentSpec spec = TrainingFixtures.small(Preset.QUESTION_FLATTEN, 1);
        ExperimentSpec other = spec.toBuilder().seed(spec.training().seed() + 1).build();

        RunResult a = new TrainingRun(spec, TrainingFixtures.synthetic(spec)).run(TrainingListener.NONE);
        RunResult b = new TrainingRun(other, TrainingFixtures.synthetic(spec)).run(TrainingListener.NONE);

        assertThat(printed(b)).isNotEqualTo(printed(a));
    }

    @Test
    void reportsEveryBatchThenEachEpochThenFinishedWithTestAccuracy() {
        ExperimentSpec spec = TrainingFixtures.small(Preset.QUESTION_LAST, 2);
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
        ExperimentSpec spec = TrainingFixtures.small(Preset.QUESTION_FLATTEN, 5);
        TrainingRun run = new TrainingRun(spec, TrainingFixtures.synthetic(spec));
        List<TrainingEvent> events = new ArrayList<>();
        INDArray[] afterEpoch1 = new INDArray[1];
        INDArray[] atCancel = new INDArray[1];

        RunResult result = run.run(event -> {
            events.add(event);
            if (event instanceof TrainingEvent.EpochEnd) {
                afterEpoch1[0] = run.network().params().dup();
            }
            if (event instanceof TrainingEvent.BatchEnd b && b.epoch() == 2 && b.batch() == 3) {
                atCancel[0] = run.network().params().dup();
                run.cancel();
            }
        });

        assertThat(result.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(result.epochs()).hasSize(1);
        assertThat(events.get(events.size() - 1)).isInstanceOf(TrainingEvent.Cancelled.class);
        long batchesAfterCancel = events.stream().filter(e -> e instanceof TrainingEvent.BatchEnd b
                && (b.epoch() > 2 || (b.epoch() == 2 && b.batch() > 3))).count();
        assertThat(batchesAfterCancel).isZero();
        // the model that gets saved is the one its metrics describe: epoch 1's, not epoch 2's first 3 steps
        assertThat(run.network().params()).isEqualTo(afterEpoch1[0]).isNotEqualTo(atCancel[0]);
        EpochMetrics epoch1 = result.epochs().get(0);
        SplitEvaluator.Score val = SplitEvaluator.evaluate(run.network(), run.data().validation(), 100, false);
        assertThat(val.accuracy()).isEqualTo(epoch1.valAccuracy());
        assertThat(val.loss()).isCloseTo(epoch1.valLoss(), Offset.offset(1e-9));
    }

    @Test
    void trainingLossAndAccuracyAreKerassOfTheTrainingStepsOwnDropoutPass() {
        // One batch an epoch of 64 copies of one positive review: any shuffle gives the same batch, so the test can
        // replay the step's training-mode pass (dropout 0.5, weights before the step) from the same random seed.
        ExperimentSpec spec = TrainingFixtures.small(Preset.QUESTION_FLATTEN, 1).toBuilder()
                .dropout(0.5).trainSize(64).batch(64).build();
        PreparedDataset base = TrainingFixtures.synthetic(spec);
        int[][] tokens = new int[64][];
        int[] labels = new int[64];
        List<Review> reviews = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            tokens[i] = base.train().tokens()[0];
            labels[i] = 1;
            reviews.add(new Review("train", Review.POS, i, 8, "same"));
        }
        PreparedDataset copies = new PreparedDataset(new EncodedSplit(reviews, tokens, labels), base.validation(),
                base.test(), base.vocabulary(), base.preprocessing(), "copies", "copies");
        TrainingRun run = new TrainingRun(spec, copies);
        MultiLayerNetwork before = run.network().clone();
        INDArray x = Batches.features(copies.train(), Batches.identity(64));

        EpochMetrics epoch = run.run(TrainingListener.NONE).epochs().get(0);

        Nd4j.getRandom().setSeed(spec.training().seed());
        float[] p = before.output(x, true).toFloatVector();
        double loss = 0;
        int correct = 0;
        for (float pi : p) {
            loss -= Math.log(pi); // label 1; p is far from 0 and 1 here, where the logit's formula gives the same
            correct += pi > 0.5 ? 1 : 0;
        }
        assertThat(epoch.loss()).isCloseTo(loss / 64, Offset.offset(1e-6));
        assertThat(epoch.accuracy()).isEqualTo(correct / 64.0);
        float[] inference = before.output(x, false).toFloatVector();
        assertThat(p).as("dropout changed the training pass").isNotEqualTo(inference);
    }

    @Test
    void flattenLearnsTheSyntheticSetWhereTheLastStateAfterPostPaddingCannot() {
        ExperimentSpec flatten = TrainingFixtures.small(Preset.QUESTION_FLATTEN, 6);
        ExperimentSpec last = TrainingFixtures.small(Preset.QUESTION_LAST, 6);

        RunResult f = new TrainingRun(flatten, TrainingFixtures.synthetic(flatten)).run(TrainingListener.NONE);
        RunResult l = new TrainingRun(last, TrainingFixtures.synthetic(last)).run(TrainingListener.NONE);

        assertThat(f.bestTrainingAccuracy()).isGreaterThan(0.9);
        assertThat(l.bestTrainingAccuracy()).isLessThan(0.7);
        assertThat(f.bestValidationAccuracy()).isGreaterThan(l.bestValidationAccuracy() + 0.2);
    }

    @Test
    void anInvalidSpecIsRefusedBeforeAnythingIsBuilt() {
        ExperimentSpec spec = TrainingFixtures.small(Preset.QUESTION_FLATTEN, 1).toBuilder().head(Head.NONE).build();

        assertThatThrownBy(() -> new TrainingRun(spec, TrainingFixtures.synthetic(spec)))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("one label per review");
    }

    private static List<String> printed(RunResult r) {
        return r.epochs().stream().map(KerasProgress::metrics).toList();
    }
}
