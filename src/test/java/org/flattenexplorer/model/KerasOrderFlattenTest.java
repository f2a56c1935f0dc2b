package org.flattenexplorer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.flattenexplorer.data.Padding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

class KerasOrderFlattenTest {
    private static final int T = 7;
    private static final int U = 4;

    @AfterEach
    void restoreFloat() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    static INDArray tokens(DataType type) {
        return Nd4j.createFromArray(new double[][] {
                {3, 5, 7, 9, 0, 0, 0}, {1, 2, 3, 4, 5, 6, 7}, {19, 4, 0, 0, 0, 0, 0}}).castTo(type);
    }

    static INDArray postPaddingMask(DataType type) {
        return Nd4j.createFromArray(new double[][] {
                {1, 1, 1, 1, 0, 0, 0}, {1, 1, 1, 1, 1, 1, 1}, {1, 1, 0, 0, 0, 0, 0}}).castTo(type);
    }

    @Test
    void everyFlattenedElementIsHtOfUAtIndexTTimesUnitsPlusU() {
        ExperimentSpec spec = TestSpecs.tiny(true, Head.FLATTEN, Padding.POST, false);
        MultiLayerNetwork net = NetworkFactory.build(spec, TestSpecs.VOCAB);
        INDArray x = tokens(DataType.FLOAT);

        List<INDArray> activations = net.feedForward(x, false);
        INDArray h = activations.get(2); // LSTM output [batch, units, time]
        INDArray flat = net.getLayerWiseConfigurations().getInputPreProcess(2)
                .preProcess(h, 3, LayerWorkspaceMgr.noWorkspaces());

        assertThat(flat.shape()).containsExactly(3L, (long) T * U);
        for (int b = 0; b < 3; b++) {
            for (int t = 0; t < T; t++) {
                for (int u = 0; u < U; u++) {
                    assertThat(flat.getFloat(b, t * U + u)).as("b=%d t=%d u=%d", b, t, u)
                            .isEqualTo(h.getFloat(b, u, t));
                }
            }
        }
    }

    /** The fast LSTM keeps its states time-major: Flatten hands them on as they lie and its gradient back as a view. */
    @Test
    void keepsTheFastLstmsTimeMajorStatesWithoutCopying() {
        INDArray timeMajor = Nd4j.rand(DataType.FLOAT, 3, T, U);
        INDArray h = timeMajor.permute(0, 2, 1); // [batch, units, time], as FastLstmLayer returns it
        KerasOrderFlatten flatten = new KerasOrderFlatten(T, U, false);

        INDArray flat = flatten.preProcess(h, 3, LayerWorkspaceMgr.noWorkspaces());
        assertThat(flat.shape()).containsExactly(3L, (long) T * U);
        assertThat(flat.data().addressPointer().address()).isEqualTo(timeMajor.data().addressPointer().address());
        assertThat(flat).isEqualTo(timeMajor.reshape(3, T * U));

        INDArray grad = Nd4j.rand(DataType.FLOAT, 3, T * U);
        INDArray back = flatten.backprop(grad, 3, LayerWorkspaceMgr.noWorkspaces());
        assertThat(back.shape()).containsExactly(3L, (long) U, (long) T);
        assertThat(back.getFloat(2, 1, 5)).isEqualTo(grad.getFloat(2, 5 * U + 1));
        assertThat(back.data().addressPointer().address()).isEqualTo(grad.data().addressPointer().address());

        INDArray unitMajor = h.dup('c'); // another layout (the stock LSTM's) is copied into Keras's order
        INDArray copied = flatten.preProcess(unitMajor, 3, LayerWorkspaceMgr.noWorkspaces());
        assertThat(copied).isEqualTo(timeMajor.reshape(3, T * U));
    }

    /** Runs saved before Flatten refused masking zero the padded steps, each forward pass with its own mask only. */
    @Test
    void aSavedMaskedFlattenZeroesThePaddedStepsOfItsOwnPassAndNeverReusesAnOldMask() {
        KerasOrderFlatten flatten = new KerasOrderFlatten(T, U, true);
        INDArray h = Nd4j.rand(DataType.FLOAT, 3, U, T).addi(0.5);
        LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();

        flatten.feedForwardMaskArray(postPaddingMask(DataType.FLOAT), null, 3);
        INDArray masked = flatten.preProcess(h, 3, ws);
        INDArray maskedGrad = flatten.backprop(Nd4j.ones(DataType.FLOAT, 3, T * U), 3, ws);
        INDArray later = flatten.preProcess(h, 3, ws); // the same batch size, no mask of its own

        for (int t = 0; t < T; t++) {
            for (int u = 0; u < U; u++) {
                boolean padded = t >= 4;
                assertThat(masked.getFloat(0, t * U + u)).isEqualTo(padded ? 0f : h.getFloat(0, u, t));
                assertThat(maskedGrad.getFloat(0, u, t)).isEqualTo(padded ? 0f : 1f);
                assertThat(masked.getFloat(1, t * U + u)).isEqualTo(h.getFloat(1, u, t));
                assertThat(later.getFloat(0, t * U + u)).isEqualTo(h.getFloat(0, u, t));
            }
        }
        assertThat(masked.getFloat(2, 2 * U)).isZero();
        assertThat(masked.getFloat(2, U)).isEqualTo(h.getFloat(2, 0, 1));
        assertThat(flatten.backprop(Nd4j.ones(DataType.FLOAT, 3, T * U), 3, ws).minNumber().floatValue()).isEqualTo(1f);
    }

    @Test
    void gradientsThroughTheFlattenPassDl4jsGradientCheck() {
        assertThat(gradientCheck(false)).isTrue();
    }

    /** A network as saved before Flatten refused masking (the configuration of an invalid spec still builds). */
    @Test
    void gradientsThroughTheMaskedFlattenOfASavedRunPassDl4jsGradientCheck() {
        assertThat(gradientCheck(true)).isTrue();
    }

    private static boolean gradientCheck(boolean masking) {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        ExperimentSpec spec = TestSpecs.tiny(true, Head.FLATTEN, Padding.POST, masking);
        MultiLayerConfiguration conf = NetworkFactory.configuration(spec, TestSpecs.VOCAB, DataType.DOUBLE, new NoOp());
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray labels = Nd4j.createFromArray(new double[][] {{1}, {0}, {1}});
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                .input(tokens(DataType.DOUBLE)).labels(labels)
                .inputMask(masking ? postPaddingMask(DataType.DOUBLE) : null)
                .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8).print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
    }
}
