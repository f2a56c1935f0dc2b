package org.flattenexplorer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.flattenexplorer.data.Padding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Keras's masking (mask_zero=True) in the networks NetworkFactory builds, against the review run alone: the last
 * state is the state after the last word, GlobalAveragePooling1D averages the words' states, GlobalMaxPooling1D
 * (no mask support in Keras) takes the maximum over every step, where a masked step repeats the previous state.
 */
class MaskingTest {
    private static final float[] WORDS = {3, 5, 7};

    @AfterEach
    void floatAgain() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    @Test
    void theMaskedLastStateIsTheStateAfterTheLastRealWord() {
        for (Implementation kind : Implementation.values()) {
            for (Padding padding : Padding.values()) {
                ExperimentSpec spec = TestSpecs.tiny(false, Head.NONE, padding,
                        true).toBuilder().implementation(kind).build();
                if (!spec.isValid()) {
                    continue; // the stock LSTM with pre padding (ExperimentSpecTest)
                }
                MultiLayerNetwork net = NetworkFactory.build(spec, TestSpecs.VOCAB);

                INDArray lastState = activations(net, padding).get(2); // LastTimeStep output [1, units]
                INDArray alone = statesOfTheWordsAlone(net);

                for (int u = 0; u < spec.model().units(); u++) {
                    assertThat(lastState.getFloat(0, u)).as(kind + " " + padding + " unit " + u)
                            .isCloseTo(alone.getFloat(0, u, WORDS.length - 1), within(1e-6f));
                }
            }
        }
    }

    @Test
    void withoutMaskingThePostPaddedLastStateHasRunOverThePadding() {
        ExperimentSpec spec = TestSpecs.tiny(false, Head.NONE, Padding.POST, false);
        MultiLayerNetwork net = NetworkFactory.build(spec, TestSpecs.VOCAB);

        INDArray lastState = net.feedForward(Nd4j.createFromArray(new float[][] {{3, 5, 7, 0, 0, 0, 0}}), false).get(2);
        INDArray unpadded = statesOfTheWordsAlone(net);

        assertThat(lastState.getFloat(0, 0)).isNotEqualTo(unpadded.getFloat(0, 0, 2));
    }

    @Test
    void averagePoolingAveragesTheWordsStatesOnly() {
        for (Padding padding : Padding.values()) {
            ExperimentSpec spec = TestSpecs.tiny(true, Head.GLOBAL_AVG, padding, true);
            MultiLayerNetwork net = NetworkFactory.build(spec, TestSpecs.VOCAB);

            INDArray pooled = activations(net, padding).get(3);
            INDArray alone = statesOfTheWordsAlone(net);

            for (int u = 0; u < spec.model().units(); u++) {
                assertThat(pooled.getFloat(0, u)).as(padding + " unit " + u)
                        .isCloseTo(alone.slice(0).getRow(u).meanNumber().floatValue(), within(1e-6f));
            }
        }
    }

    @Test
    void maxPoolingTakesEveryStepWhereThePaddingRepeatsThePreviousState() {
        for (Padding padding : Padding.values()) {
            ExperimentSpec spec = TestSpecs.tiny(true, Head.GLOBAL_MAX, padding, true);
            MultiLayerNetwork net = NetworkFactory.build(spec, TestSpecs.VOCAB);

            INDArray pooled = activations(net, padding).get(3);
            INDArray alone = statesOfTheWordsAlone(net);

            int negative = 0;
            for (int u = 0; u < spec.model().units(); u++) {
                float wordsMax = alone.slice(0).getRow(u).maxNumber().floatValue();
                negative += wordsMax < 0 ? 1 : 0;
                // post: the padding repeats the last word's state; pre: zeros come before the first word
                float expected = padding == Padding.POST ? wordsMax : Math.max(wordsMax, 0f);
                assertThat(pooled.getFloat(0, u)).as(padding + " unit " + u).isCloseTo(expected, within(1e-6f));
            }
            assertThat(negative).as("units whose words' states are all negative: the zeros count").isPositive();
            String json = net.getLayerWiseConfigurations().toJson(); // a saved run's model.zip keeps the rule
            assertThat(json).contains(MaskBlocker.class.getName());
            assertThat(MultiLayerConfiguration.fromJson(json)).isEqualTo(net.getLayerWiseConfigurations());
        }
    }

    @Test
    void gradientCheckInDoubleForEveryMaskedHeadWithPreAndPostPadding() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        for (Padding padding : Padding.values()) {
            for (Head head : new Head[] {Head.NONE, Head.GLOBAL_AVG, Head.GLOBAL_MAX}) {
                ExperimentSpec spec = TestSpecs.tiny(head != Head.NONE, head, padding, true);
                MultiLayerNetwork net = new MultiLayerNetwork(
                        NetworkFactory.configuration(spec.requireValid(), TestSpecs.VOCAB, DataType.DOUBLE, new NoOp()));
                net.init();
                INDArray tokens = padded(padding, new double[][] {{3, 5, 7, 9}, {1, 2, 3, 4, 5, 6, 7}, {19, 4}});
                INDArray mask = tokens.neq(0).castTo(DataType.DOUBLE);
                assertThat(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(tokens)
                        .labels(Nd4j.createFromArray(new double[][] {{1}, {0}, {1}})).inputMask(mask)
                        .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)
                        .print(GradientCheckUtil.PrintMode.FAILURES_ONLY))).as(padding + " " + head).isTrue();
            }
        }
    }

    /** The network's activations for the words padded to maxlen 7, with their mask. */
    private static List<INDArray> activations(MultiLayerNetwork net, Padding padding) {
        INDArray tokens = padded(padding, new double[][] {toDouble(WORDS)}).castTo(DataType.FLOAT);
        net.setLayerMaskArrays(tokens.neq(0).castTo(DataType.FLOAT), null);
        List<INDArray> acts = net.feedForward(tokens, false);
        net.clearLayerMaskArrays();
        return acts;
    }

    /** The network's own embedding and LSTM on the words alone, no padding, no mask: [1, units, words]. */
    private static INDArray statesOfTheWordsAlone(MultiLayerNetwork net) {
        Layer lstm = net.getLayer(NetworkFactory.RECURRENT_LAYER);
        if (lstm instanceof BaseWrapperLayer w) {
            lstm = w.getUnderlying();
        }
        INDArray tokens = Nd4j.createFromArray(new float[][] {WORDS}).castTo(net.params().dataType());
        INDArray embedded = net.getLayer(0).activate(tokens, false, LayerWorkspaceMgr.noWorkspaces());
        return lstm.activate(embedded, false, LayerWorkspaceMgr.noWorkspaces());
    }

    /** Rows of token ids padded with 0 to 7 steps, before or after the words. */
    private static INDArray padded(Padding padding, double[][] rows) {
        double[][] out = new double[rows.length][7];
        for (int i = 0; i < rows.length; i++) {
            int offset = padding == Padding.PRE ? 7 - rows[i].length : 0;
            System.arraycopy(rows[i], 0, out[i], offset, rows[i].length);
        }
        return Nd4j.createFromArray(out);
    }

    private static double[] toDouble(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = values[i];
        }
        return d;
    }
}
