package org.flattenexplorer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The question's network starts as Keras's would: Embedding uniform(-0.05, 0.05), LSTM kernel glorot_uniform,
 * recurrent kernel orthogonal, bias 0 with the forget gate's 1 (unit_forget_bias), Dense glorot_uniform with bias
 * 0, and trains with Keras's Adam (1e-3, 0.9, 0.999, epsilon 1e-7). For both LSTM implementations.
 */
class KerasInitialisationTest {
    private static final int VOCAB = 2000;

    @Test
    void embeddingsAreUniformWithinFiveHundredths() {
        for (Implementation kind : Implementation.values()) {
            assertUniform(network(kind).getLayer(0).getParam("W"), 0.05, kind + " embedding");
        }
    }

    @Test
    void kernelsAreGlorotUniformOverTheirOwnShape() {
        for (Implementation kind : Implementation.values()) {
            MultiLayerNetwork net = network(kind);
            // Keras: limit sqrt(6 / (fan_in + fan_out)) of the kernel's shape, [128, 4 * 128] and [64000, 1]
            assertUniform(net.getLayer(1).getParam("W"), Math.sqrt(6.0 / (128 + 512)), kind + " LSTM kernel");
            assertUniform(net.getLayer(2).getParam("W"), Math.sqrt(6.0 / (64_000 + 1)), kind + " Dense kernel");
            assertThat(net.getLayer(2).getParam("b").getDouble(0)).isZero();
        }
    }

    @Test
    void theRecurrentKernelIsOrthogonal() {
        for (Implementation kind : Implementation.values()) {
            INDArray rw = network(kind).getLayer(1).getParam("RW").castTo(DataType.DOUBLE); // [128, 512]
            INDArray gram = rw.mmul(rw.transpose());
            double worst = gram.sub(Nd4j.eye(128).castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
            assertThat(worst).as(kind + ": RW RW^T = I").isLessThan(1e-5);
        }
    }

    @Test
    void theBiasIsZeroExceptTheForgetGatesOne() {
        for (Implementation kind : Implementation.values()) {
            float[] b = network(kind).getLayer(1).getParam("b").toFloatVector();
            assertThat(b).hasSize(512);
            for (int j = 0; j < b.length; j++) {
                // DL4J's gate blocks: input, forget, output, input modulation; the forget gate is the second
                assertThat(b[j]).as("%s bias %d", kind, j).isEqualTo(j >= 128 && j < 256 ? 1f : 0f);
            }
        }
    }

    @Test
    void everyLayerTrainsWithKerassAdam() {
        for (Implementation kind : Implementation.values()) {
            for (ExperimentSpec spec : new ExperimentSpec[] {Preset.QUESTION_FLATTEN.spec(), Preset.LAST_PRE.spec()}) {
                var confs = NetworkFactory.configuration(spec.toBuilder().implementation(kind).build(), VOCAB).getConfs();
                for (var conf : confs) {
                    var layer = conf.getLayer() instanceof LastTimeStep w ? w.getUnderlying() : conf.getLayer();
                    if (layer instanceof BaseLayer base && base.getIUpdater() != null) {
                        Adam adam = (Adam) base.getIUpdater();
                        assertThat(adam.getEpsilon()).as(kind + " " + layer.getLayerName()).isEqualTo(1e-7);
                        assertThat(adam.getLearningRate()).isEqualTo(1e-3);
                        assertThat(adam.getBeta1()).isEqualTo(0.9);
                        assertThat(adam.getBeta2()).isEqualTo(0.999);
                    }
                }
            }
        }
    }

    private static MultiLayerNetwork network(Implementation kind) {
        return NetworkFactory.build(Preset.QUESTION_FLATTEN.spec().toBuilder().implementation(kind).build(), VOCAB);
    }

    /** Every value within [-limit, limit], the range filled to its ends, the variance of U(-limit, limit). */
    private static void assertUniform(INDArray values, double limit, String what) {
        INDArray v = values.castTo(DataType.DOUBLE);
        double max = v.amaxNumber().doubleValue();
        assertThat(max).as(what + ": largest |value|").isLessThanOrEqualTo(limit).isGreaterThan(0.99 * limit);
        assertThat(v.meanNumber().doubleValue()).as(what + ": mean").isCloseTo(0, within(0.01 * limit));
        assertThat(v.varNumber().doubleValue()).as(what + ": variance").isCloseTo(limit * limit / 3, within(0.03 * limit * limit / 3));
    }
}
