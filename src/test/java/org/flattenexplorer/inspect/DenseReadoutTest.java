package org.flattenexplorer.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Preset;
import org.flattenexplorer.training.Batches;
import org.flattenexplorer.training.RunResult;
import org.flattenexplorer.training.SplitEvaluator;
import org.flattenexplorer.training.TrainingFixtures;
import org.flattenexplorer.training.TrainingListener;
import org.flattenexplorer.training.TrainingRun;
import org.junit.jupiter.api.Test;

class DenseReadoutTest {

    private static TrainingRun trained(Preset preset) {
        ExperimentSpec spec = TrainingFixtures.small(preset, 2);
        TrainingRun run = new TrainingRun(spec, TrainingFixtures.synthetic(spec));
        RunResult result = run.run(TrainingListener.NONE);
        assertThat(result).isNotNull();
        return run;
    }

    private static EncodedReview review(TrainingRun run, int row) {
        return EncodedReview.ofTokens(run.data().validation().tokens()[row], run.data().vocabulary());
    }

    @Test
    void contributionsPlusBiasGiveTheNetworksOwnPredictionForEveryHead() {
        for (Preset preset : Preset.values()) {
            TrainingRun run = trained(preset);
            MultiLayerNetwork net = run.network();
            for (int row = 0; row < 3; row++) {
                HiddenStates states = HiddenStateProbe.probe(net, run.spec(), review(run, row));

                DenseReadout readout = DenseReadout.of(net, run.spec(), states);

                float networkSays = SplitEvaluator.predict(net, run.data().validation(), new int[] {row},
                        run.spec().model().masking())[0];
                assertThat(readout.probability()).as(preset.id() + " review " + row)
                        .isCloseTo(networkSays, within(2e-5));
            }
        }
    }

    @Test
    void theLastStateModelHasExactlyOneContributingRow() {
        TrainingRun run = trained(Preset.QUESTION_LAST);
        EncodedReview review = review(run, 0);

        DenseReadout readout = DenseReadout.of(run.network(), run.spec(), HiddenStateProbe.probe(run.network(), run.spec(), review));

        assertThat(readout.contributingSteps()).isEqualTo(1);
        assertThat(readout.contributions()[review.length() - 1]).isNotZero();
        assertThat(readout.weights()).hasDimensions(1, run.spec().model().units());
    }

    @Test
    void flattenFoldsTheDenseWeightsToTimeStepsByUnitsInKerasOrder() {
        TrainingRun run = trained(Preset.QUESTION_FLATTEN);
        HiddenStates states = HiddenStateProbe.probe(run.network(), run.spec(), review(run, 1));
        float[] w = run.network().getOutputLayer().getParam("W").dup().data().asFloat();

        DenseReadout readout = DenseReadout.of(run.network(), run.spec(), states);

        int units = run.spec().model().units();
        assertThat(readout.weights()).hasDimensions(run.spec().data().maxlen(), units);
        assertThat(readout.weights()[3][5]).isEqualTo(w[3 * units + 5]);
        assertThat(states.flattened()[3 * units + 5]).isEqualTo(states.at(3, 5));
        assertThat(readout.contributingSteps()).isGreaterThan(run.spec().data().maxlen() / 2);
    }

    @Test
    void theProbeReturnsTheSameStatesTheNetworkComputesForTheWholeBatch() {
        TrainingRun run = trained(Preset.QUESTION_FLATTEN);
        int[] rows = {2};
        HiddenStates states = HiddenStateProbe.probe(run.network(), run.spec(), review(run, 2));

        var h = run.network().feedForward(Batches.features(run.data().validation(), rows), false).get(2);

        for (int t = 0; t < states.timeSteps(); t += 17) {
            for (int u = 0; u < states.units(); u++) {
                assertThat(states.at(t, u)).isCloseTo(h.getFloat(0, u, t), within(1e-6f));
            }
        }
    }

    @Test
    void paddingPositionsAreMarkedAndNamed() {
        TrainingRun run = trained(Preset.QUESTION_LAST);
        EncodedReview review = EncodedReview.of("a truly great film", run.data().vocabulary(), run.spec());

        assertThat(review.length()).isEqualTo(run.spec().data().maxlen());
        assertThat(review.padding()[review.length() - 1]).isTrue();
        assertThat(review.words()[review.length() - 1]).isEqualTo("<pad>");
        assertThat(review.lastWordPosition()).isLessThan(4);
    }

    @Test
    void bidirectionalLastStateReadsTheForwardHalfAtTheEndAndTheBackwardHalfAtTheStart() {
        TrainingRun run = trained(Preset.BIDIRECTIONAL_LAST);
        EncodedReview review = review(run, 0);
        HiddenStates states = HiddenStateProbe.probe(run.network(), run.spec(), review);

        DenseReadout readout = DenseReadout.of(run.network(), run.spec(), states);

        int units = run.spec().model().units();
        assertThat(states.units()).isEqualTo(2 * units);
        assertThat(readout.contributingSteps()).isEqualTo(2);
        assertThat(readout.contributions()[0]).isNotZero();
        assertThat(readout.contributions()[review.length() - 1]).isNotZero();
        assertThat(readout.sourceStep()[0]).isEqualTo(review.length() - 1);
        assertThat(readout.sourceStep()[2 * units - 1]).isZero();
        Inspection in = Inspection.of("both ways", run.network(), run.spec(), review);
        assertThat(in.lastStateColumns()).containsExactly(0, units - 1); // the outline covers the forward half
        assertThat(in.denseInput()[units]).isEqualTo(states.at(0, units));
    }

    @Test
    void goBackwardsStatesAreShownInTheOrderTheLayerReadsTheReview() {
        TrainingRun run = trained(Preset.LAST_GO_BACKWARDS);
        EncodedReview review = review(run, 0);

        Inspection in = Inspection.of("backwards", run.network(), run.spec(), review);

        assertThat(in.review().words()[0]).isEqualTo(review.words()[review.length() - 1]);
        assertThat(in.review().padding()[0]).isTrue(); // post padding is read first
        assertThat(in.readoutNote()).first().asString().contains("go_backwards");
        assertThat(in.readout().contributions()[review.length() - 1]).isNotZero(); // after reading word 0
    }
}
