package org.flattenexplorer.model.cell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flattenexplorer.model.cell.CellTestSupport.*;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.flattenexplorer.model.KerasOrderFlatten;
import org.flattenexplorer.model.SequenceDropout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Bidirectional(merge_mode='concat') as Keras computes it, around the three cells: per step [forward h_t, backward
 * h_t] (masked steps zero) or the last states [forward after the last step, backward after the first], Flatten in
 * Keras's order over the 2U features, twice the cell's parameters, exact gradients.
 */
class KerasBidirectionalTest {
    private static final DataType D = DataType.DOUBLE;
    private static final int T = 7;
    private static final int UNITS = 3;

    @AfterEach
    void floatAgain() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    private static INDArray[] masks() {
        return new INDArray[] {null, mask(D, T, false, 7, 3, 1, 5), mask(D, T, true, 7, 3, 1, 5)};
    }

    @Test
    void eachStepIsTheForwardStateThenTheBackwardStateAsKerasConcatenatesThem() {
        for (Kind kind : Kind.values()) {
            MultiLayerNetwork net = net(new KerasBidirectional(cell(kind, 4, UNITS, null), true), 2 * UNITS, true, D);
            randomParams(net, 50);
            Layer layer = net.getLayer(0);
            KerasReference.Cell forward = reference(kind, layer.paramTable(), "f");
            KerasReference.Cell backward = reference(kind, layer.paramTable(), "b");
            INDArray x = randn(D, 51, 4, 4, T);
            for (INDArray m : masks()) {
                INDArray out = activate(layer, x, m, false);
                assertThat(out.shape()).containsExactly(4, 2 * UNITS, T);
                for (int r = 0; r < 4; r++) {
                    double[][] expected = KerasReference.bidirectional(forward, backward, sequence(x, r), maskRow(m, r), true);
                    assertThat(maxAbsDiff(out, r, expected)).as("%s row %d mask %s", kind, r, m).isLessThan(1e-12);
                }
            }
        }
    }

    @Test
    void theLastStateIsTheForwardStateAfterTheLastStepAndTheBackwardStateAfterTheFirst() {
        for (Kind kind : Kind.values()) {
            MultiLayerNetwork net = net(new KerasBidirectional(cell(kind, 4, UNITS, null), false), 2 * UNITS, false, D);
            randomParams(net, 52);
            Layer layer = net.getLayer(0);
            KerasReference.Cell forward = reference(kind, layer.paramTable(), "f");
            KerasReference.Cell backward = reference(kind, layer.paramTable(), "b");
            INDArray x = randn(D, 53, 4, 4, T);
            for (INDArray m : masks()) {
                INDArray out = activate(layer, x, m, false);
                assertThat(out.shape()).containsExactly(4, 2 * UNITS);
                for (int r = 0; r < 4; r++) {
                    double[] expected = KerasReference.bidirectional(forward, backward, sequence(x, r), maskRow(m, r), false)[0];
                    assertThat(maxAbsDiff(out.getRow(r), Nd4j.createFromArray(expected))).as("%s row %d mask %s", kind, r, m)
                            .isLessThan(1e-12);
                }
            }
        }
    }

    /** Keras's Flatten after Bidirectional: element t * 2U + u is step t's feature u, the forward units first. */
    @Test
    void flattenReadsStepByStepWithTheForwardUnitsFirst() {
        MultiLayerNetwork net = net(new KerasBidirectional(cell(Kind.GRU, 4, UNITS, null), true), 2 * UNITS, true, D);
        randomParams(net, 54);
        Layer layer = net.getLayer(0);
        KerasReference.Cell forward = reference(Kind.GRU, layer.paramTable(), "f");
        KerasReference.Cell backward = reference(Kind.GRU, layer.paramTable(), "b");
        INDArray x = randn(D, 55, 2, 4, T);
        INDArray flat = new KerasOrderFlatten(T, 2 * UNITS, false).preProcess(activate(layer, x, null, false), 2,
                LayerWorkspaceMgr.noWorkspaces());
        assertThat(flat.shape()).containsExactly(2, (long) T * 2 * UNITS);
        for (int r = 0; r < 2; r++) {
            double[][] steps = KerasReference.bidirectional(forward, backward, sequence(x, r), null, true);
            for (int t = 0; t < T; t++) {
                for (int u = 0; u < 2 * UNITS; u++) {
                    assertThat(flat.getDouble(r, (long) t * 2 * UNITS + u)).isCloseTo(steps[t][u],
                            org.assertj.core.api.Assertions.within(1e-12));
                }
            }
        }
    }

    @Test
    void twoIndependentCellsWithTwiceTheParameters() {
        KerasBidirectional lstm = new KerasBidirectional(cell(Kind.LSTM, 128, 128, SequenceDropout.ofRate(0.2)), false);
        assertThat(RecurrentLayers.kerasParameterCount(lstm)).isEqualTo(2 * 131_584);
        assertThat(lstm.getFwd().getIDropout()).isNotSameAs(lstm.getBwd().getIDropout()); // a mask each, as in Keras
        Layer layer = net(new KerasBidirectional(cell(Kind.GRU, 128, 128, null), true), 256, true, DataType.FLOAT)
                .getLayer(0);
        assertThat(layer.numParams()).isEqualTo(2 * 99_072);
        assertThat(maxAbsDiff(layer.getParam("fW"), layer.getParam("bW"))).as("each initialised on its own")
                .isGreaterThan(0.01);
    }

    @Test
    void theMaskGoesOnAfterSequencesAndStopsAfterTheLastState() {
        INDArray m = mask(D, T, false, 7, 3);
        Layer sequences = net(new KerasBidirectional(cell(Kind.GRU, 4, UNITS, null), true), 2 * UNITS, true, D).getLayer(0);
        Layer last = net(new KerasBidirectional(cell(Kind.GRU, 4, UNITS, null), false), 2 * UNITS, false, D).getLayer(0);
        assertThat(sequences.feedForwardMaskArray(m, MaskState.Active, 2).getFirst()).isEqualTo(m);
        assertThat(last.feedForwardMaskArray(m, MaskState.Active, 2).getFirst()).isNull();
    }

    @Test
    void gradientCheckInDoubleWithoutAndWithMasks() {
        Nd4j.setDefaultDataTypes(D, D);
        // the merge is the same for every cell: each case once, the cells spread over them
        Object[][] cases = {{Kind.GRU, true, "none"}, {Kind.GRU, false, "pre"}, {Kind.LSTM, false, "post"},
            {Kind.SIMPLE_RNN, true, "post"}};
        for (Object[] c : cases) {
            Kind kind = (Kind) c[0];
            boolean sequence = (Boolean) c[1];
            String padding = (String) c[2];
            MultiLayerNetwork net = net(new KerasBidirectional(cell(kind, 3, 3, null), sequence), 6, sequence, D);
            randomParams(net, 56);
            INDArray labels = sequence ? randn(D, 2, 4, 2, 6) : randn(D, 2, 4, 2);
            INDArray m = padding.equals("none") ? null : mask(D, 6, padding.equals("pre"), 6, 3, 1, 5);
            assertThat(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                    .input(randn(D, 1, 4, 3, 6)).labels(labels).inputMask(m)))
                    .as("%s sequence=%s padding=%s", kind, sequence, padding).isTrue();
        }
    }

    /** A Flatten reads the masked steps too: their outputs are constant zeros, so no gradient flows from them. */
    @Test
    void gradientCheckWithAFlattenThatReadsTheMaskedSteps() {
        Nd4j.setDefaultDataTypes(D, D);
        for (boolean pre : new boolean[] {false, true}) {
            MultiLayerNetwork net = new MultiLayerNetwork(new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder()
                    .seed(1).dataType(D).updater(new org.nd4j.linalg.learning.config.NoOp()).list()
                    .layer(new KerasBidirectional(cell(Kind.GRU, 3, 3, null), true))
                    .inputPreProcessor(1, new KerasOrderFlatten(6, 6, false))
                    .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(
                            org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MSE)
                            .activation(org.nd4j.linalg.activations.Activation.IDENTITY).nIn(36).nOut(2).build())
                    .build());
            net.init();
            randomParams(net, 57);
            INDArray x = randn(D, 1, 4, 3, 6);
            INDArray m = mask(D, 6, pre, 6, 3, 1, 5);
            assertThat(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                    .input(x).labels(randn(D, 2, 4, 2)).inputMask(m))).as("pre=%s", pre).isTrue();
            net.setLayerMaskArrays(m, null);
            INDArray out = net.feedForwardToLayer(0, x, false).get(1); // [4, 6, 6]
            net.clearLayerMaskArrays();
            for (int t = 0; t < 6; t++) {
                boolean real = m.getDouble(2, t) != 0; // row 2 has one real step
                assertThat(maxAbs(out.get(NDArrayIndex.point(2), NDArrayIndex.all(), NDArrayIndex.point(t))) > 0)
                        .as("pre=%s step %d", pre, t).isEqualTo(real);
            }
        }
    }
}
