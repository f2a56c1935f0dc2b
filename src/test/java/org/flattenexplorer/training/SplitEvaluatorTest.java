package org.flattenexplorer.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.assertj.core.data.Offset;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.flattenexplorer.data.EncodedSplit;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Preset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SplitEvaluatorTest {

    @Test
    void aConfidentlyWrongReviewCountsItsLogitAsTfKerasDoesNotTheClippedProbability() {
        ExperimentSpec spec = TrainingFixtures.small(Preset.QUESTION_FLATTEN, 1);
        TrainingRun run = new TrainingRun(spec, TrainingFixtures.synthetic(spec));
        MultiLayerNetwork net = run.network();
        EncodedSplit validation = TrainingFixtures.synthetic(spec).validation();
        double negatives = share(validation, 0);
        assertThat(negatives).isBetween(0.2, 0.8);

        // every review's logit +30: the negatives are predicted positive with sigmoid(30) = 1 in float
        net.getOutputLayer().getParam("W").assign(0);
        net.getOutputLayer().getParam("b").assign(30);
        SplitEvaluator.Score up = SplitEvaluator.evaluate(net, validation, 32, spec.model().masking());

        assertThat(up.loss()).as("log(1 + e^30) = 30 for each negative; clipped at 1e-7 it would be 16.1")
                .isCloseTo(30 * negatives, Offset.offset(1e-4));
        assertThat(up.accuracy()).isCloseTo(1 - negatives, Offset.offset(1e-12));

        net.getOutputLayer().getParam("b").assign(-30);
        SplitEvaluator.Score down = SplitEvaluator.evaluate(net, validation, 32, spec.model().masking());

        assertThat(down.loss()).isCloseTo(30 * (1 - negatives), Offset.offset(1e-4));
        assertThat(down.accuracy()).isCloseTo(negatives, Offset.offset(1e-12));
    }

    // (not question-last: after post padding every review reaches the same last state, so one prediction for all)
    @ParameterizedTest
    @EnumSource(value = Preset.class, names = {"QUESTION_FLATTEN", "LAST_PRE", "LAST_MASKED", "GLOBAL_MAX",
        "GLOBAL_AVG", "BIDIRECTIONAL_LAST", "GRU_FLATTEN"})
    void lossAndAccuracyAreThoseOfTheNetworksOwnPredictionsWhereTheyAreNotSaturated(Preset preset) {
        ExperimentSpec spec = TrainingFixtures.small(preset, 1);
        TrainingRun run = new TrainingRun(spec, TrainingFixtures.synthetic(spec));
        MultiLayerNetwork net = run.network();
        EncodedSplit validation = TrainingFixtures.synthetic(spec).validation();
        // spread the predictions, away from saturation, and centre them on 0.5
        net.getOutputLayer().getParam("W").muli(40);
        float[] before = SplitEvaluator.predict(net, validation, Batches.identity(validation.size()),
                spec.model().masking());
        double[] logits = new double[before.length];
        for (int i = 0; i < before.length; i++) {
            logits[i] = Math.log(before[i] / (1.0 - before[i]));
        }
        Arrays.sort(logits);
        net.getOutputLayer().getParam("b").subi(logits[logits.length / 2] + 1e-3);

        SplitEvaluator.Score score = SplitEvaluator.evaluate(net, validation, 32, spec.model().masking());

        float[] p = SplitEvaluator.predict(net, validation, Batches.identity(validation.size()), spec.model().masking());
        double loss = 0;
        int correct = 0;
        int positive = 0;
        for (int i = 0; i < p.length; i++) {
            boolean label = validation.labels()[i] == 1;
            assertThat(p[i]).isBetween(1e-4f, 1 - 1e-4f);
            loss -= Math.log(label ? p[i] : 1 - p[i]);
            correct += (p[i] > 0.5) == label ? 1 : 0;
            positive += p[i] > 0.5 ? 1 : 0;
        }
        assertThat(positive).as("predictions on both sides").isBetween(1, p.length - 1);
        assertThat(score.accuracy()).isEqualTo((double) correct / p.length);
        assertThat(score.loss()).isCloseTo(loss / p.length, Offset.offset(1e-5));
    }

    private static double share(EncodedSplit split, int label) {
        int n = 0;
        for (int y : split.labels()) {
            n += y == label ? 1 : 0;
        }
        return (double) n / split.size();
    }
}
