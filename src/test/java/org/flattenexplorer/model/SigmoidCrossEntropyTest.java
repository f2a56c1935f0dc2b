package org.flattenexplorer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

/** The sigmoid cross-entropy from logits against its formula, finite differences, DL4J's clipped XENT and JSON. */
class SigmoidCrossEntropyTest {

    private static final SigmoidCrossEntropy LOSS = new SigmoidCrossEntropy();
    private static final ActivationSigmoid SIGMOID = new ActivationSigmoid();

    private static INDArray column(double... v) {
        return Nd4j.createFromArray(v).reshape(v.length, 1);
    }

    @Test
    void aConfidentlyWrongReviewGetsTheFullGradientWhereDl4jsXentGivesNone() {
        INDArray z = column(-20, 20, 0.5);
        INDArray y = column(1, 0, 1);
        double[] ours = LOSS.computeGradient(y, z, SIGMOID, null).toDoubleVector();
        assertThat(ours[0]).isCloseTo(-1, within(1e-6));
        assertThat(ours[1]).isCloseTo(1, within(1e-6));
        assertThat(ours[2]).isCloseTo(SigmoidCrossEntropy.sigmoid(0.5) - 1, within(1e-12));
        double[] stock = new LossBinaryXENT().computeGradient(y, z, SIGMOID, null).toDoubleVector();
        assertThat(Math.abs(stock[0])).as("DL4J's clipped XENT at z = -20").isLessThan(1e-3);
        assertThat(stock[2]).isCloseTo(ours[2], within(1e-6));
    }

    @Test
    void theScoreIsTheCrossEntropyOfTheSigmoidAndStaysFiniteFarOut() {
        INDArray z = column(-2, 0.3, 3, -40);
        INDArray y = column(0, 1, 0, 1);
        double[] s = LOSS.computeScoreArray(y, z, SIGMOID, null).toDoubleVector();
        assertThat(s[0]).isCloseTo(-Math.log(1 - SigmoidCrossEntropy.sigmoid(-2)), within(1e-12));
        assertThat(s[1]).isCloseTo(-Math.log(SigmoidCrossEntropy.sigmoid(0.3)), within(1e-12));
        assertThat(s[2]).isCloseTo(-Math.log(1 - SigmoidCrossEntropy.sigmoid(3)), within(1e-12));
        assertThat(s[3]).as("log(1 + e^40)").isCloseTo(40, within(1e-9));
        double sum = s[0] + s[1] + s[2] + s[3];
        assertThat(LOSS.computeScore(y, z, SIGMOID, null, false)).isCloseTo(sum, within(1e-12));
        assertThat(LOSS.computeScore(y, z, SIGMOID, null, true)).isCloseTo(sum / 4, within(1e-12));
    }

    @Test
    void theGradientIsTheScoresSlope() {
        double[] zs = {-7, -1.5, 0, 0.8, 12};
        double[] ys = {1, 0, 1, 1, 0};
        double h = 1e-6;
        double[] g = LOSS.computeGradient(column(ys), column(zs), SIGMOID, null).toDoubleVector();
        for (int i = 0; i < zs.length; i++) {
            double up = LOSS.computeScore(column(ys[i]), column(zs[i] + h), SIGMOID, null, false);
            double down = LOSS.computeScore(column(ys[i]), column(zs[i] - h), SIGMOID, null, false);
            assertThat(g[i]).as("z = " + zs[i]).isCloseTo((up - down) / (2 * h), within(1e-6));
        }
    }

    @Test
    void maskedRowsAddNothing() {
        INDArray z = column(1, -3, 2);
        INDArray y = column(0, 1, 1);
        INDArray mask = column(1, 0, 1);
        assertThat(LOSS.computeScoreArray(y, z, SIGMOID, mask).getDouble(1)).isZero();
        assertThat(LOSS.computeGradient(y, z, SIGMOID, mask).getDouble(1)).isZero();
        assertThat(LOSS.computeGradient(y, z, SIGMOID, mask).getDouble(2))
                .isCloseTo(SigmoidCrossEntropy.sigmoid(2) - 1, within(1e-12));
    }

    @Test
    void keepsTheNetworksPrecisionAndRefusesAnotherActivation() {
        INDArray z = column(1, 2).castTo(DataType.FLOAT);
        assertThat(LOSS.computeGradient(column(0, 1).castTo(DataType.FLOAT), z, SIGMOID, null).dataType())
                .isEqualTo(DataType.FLOAT);
        assertThatThrownBy(() -> LOSS.computeGradient(column(0, 1), column(1, 2), new ActivationIdentity(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigmoid");
        assertThatThrownBy(() -> LOSS.computeGradient(column(0, 1, 1), column(1, 2), SIGMOID, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels");
    }

    @Test
    void aNetworkWithItTrainsAConfidentlyWrongOutputBackAndSurvivesJson() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.DOUBLE)
                .updater(new NoOp()).weightInit(WeightInit.ZERO).list()
                .layer(new OutputLayer.Builder(new SigmoidCrossEntropy()).nIn(2).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .build();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        ILossFunction loss = ((OutputLayer) back.getConf(0).getLayer()).getLossFn();
        assertThat(loss).isInstanceOf(SigmoidCrossEntropy.class);
        MultiLayerNetwork net = new MultiLayerNetwork(back);
        net.init();
        net.getLayer(0).getParam("b").assign(-25);
        net.setInput(Nd4j.ones(DataType.DOUBLE, 4, 2));
        net.setLabels(Nd4j.ones(DataType.DOUBLE, 4, 1));
        net.computeGradientAndScore();
        // every review is positive and the output says ~0: the bias's gradient is the whole -1 for each of them
        assertThat(net.gradient().getGradientFor("0_b").sumNumber().doubleValue()).isCloseTo(-4, within(1e-6));
        assertThat(net.score()).isCloseTo(25, within(1e-6));
    }
}
