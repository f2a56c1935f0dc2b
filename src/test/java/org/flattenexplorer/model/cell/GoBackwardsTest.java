package org.flattenexplorer.model.cell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flattenexplorer.model.cell.CellTestSupport.*;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * go_backwards as Keras's backend.rnn does it, for the three cells: the steps read from the last to the first, the
 * output in the order read, masks reversed with the input (a masked step keeps the state), the last state the
 * state after reading the first step (inside DL4J's LastTimeStep too), and the input's own mask passed on.
 */
class GoBackwardsTest {
    private static final DataType D = DataType.DOUBLE;
    private static final int T = 8;

    @AfterEach
    void floatAgain() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    private static INDArray[] masks() {
        return new INDArray[] {null, mask(D, T, false, 8, 3, 1, 5), mask(D, T, true, 8, 3, 1, 5)};
    }

    @Test
    void theSequenceComesInTheOrderReadAsKerassGoBackwardsReturnsIt() {
        for (Kind kind : Kind.values()) {
            MultiLayerNetwork net = net(new GoBackwards(cell(kind, 3, 4, null)), 4, true, D);
            randomParams(net, 40);
            Layer layer = net.getLayer(0);
            KerasReference.Cell ref = reference(kind, layer.paramTable(), "");
            INDArray x = randn(D, 41, 4, 3, T);
            for (INDArray m : masks()) {
                INDArray out = activate(layer, x, m, false);
                for (int r = 0; r < 4; r++) {
                    double[][] expected = KerasReference.rnn(ref, sequence(x, r), maskRow(m, r), true, false).outputs();
                    assertThat(maxAbsDiff(out, r, expected)).as("%s row %d mask %s", kind, r, m).isLessThan(1e-12);
                }
            }
        }
    }

    @Test
    void insideLastTimeStepTheLastStateIsTheStateAfterReadingTheFirstStep() {
        Nd4j.setDefaultDataTypes(D, D); // LastTimeStep creates its masked output in the default type
        for (Kind kind : Kind.values()) {
            MultiLayerNetwork net = net(new LastTimeStep(new GoBackwards(cell(kind, 3, 4, null))), 4, false, D);
            randomParams(net, 42);
            Layer layer = net.getLayer(0);
            KerasReference.Cell ref = reference(kind, layer.paramTable(), "");
            INDArray x = randn(D, 43, 4, 3, T);
            for (INDArray m : masks()) {
                INDArray last = activate(layer, x, m, false);
                assertThat(last.shape()).containsExactly(4, 4);
                for (int r = 0; r < 4; r++) {
                    double[] expected = KerasReference.rnn(ref, sequence(x, r), maskRow(m, r), true, false).last();
                    assertThat(maxAbsDiff(last.getRow(r), Nd4j.createFromArray(expected))).as("%s row %d mask %s", kind, r, m)
                            .isLessThan(1e-12);
                }
            }
        }
    }

    /** Without a mask the last state after reading backwards is the forward cell's last state on the reversed input. */
    @Test
    void withoutAMaskTheLastStateIsTheCellsLastStateOnTheReversedSequence() {
        MultiLayerNetwork backwards = net(new LastTimeStep(new GoBackwards(cell(Kind.GRU, 3, 4, null))), 4, false, D);
        MultiLayerNetwork forwards = net(new LastTimeStep(cell(Kind.GRU, 3, 4, null)), 4, false, D);
        randomParams(backwards, 44);
        forwards.setParams(backwards.params());
        INDArray x = randn(D, 45, 2, 3, T);
        INDArray reversed = x.ulike();
        for (int t = 0; t < T; t++) {
            reversed.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t))
                    .assign(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(T - 1 - t)));
        }
        assertThat(maxAbsDiff(activate(backwards.getLayer(0), x, null, false),
                activate(forwards.getLayer(0), reversed, null, false))).isLessThan(1e-12);
        assertThat(maxAbsDiff(activate(backwards.getLayer(0), x, null, false),
                activate(forwards.getLayer(0), x, null, false))).isGreaterThan(1e-3);
    }

    @Test
    void theNextLayerGetsTheInputsOwnMaskAndLastTimeStepTheReversedOne() {
        Layer layer = net(new GoBackwards(cell(Kind.GRU, 3, 4, null)), 4, true, D).getLayer(0);
        INDArray m = mask(D, T, false, 8, 3);
        Pair<INDArray, MaskState> next = layer.feedForwardMaskArray(m, MaskState.Active, 2);
        assertThat(next.getFirst()).isEqualTo(m); // Keras's RNN.compute_mask returns the input's mask
        assertThat(layer.getMaskArray()).isEqualTo(mask(D, T, true, 8, 3)); // the order the steps were read
    }

    /** The wrapper's reversals are the same for every cell: each case once, the cells spread over them. */
    @Test
    void gradientCheckInDoubleWithoutAndWithMasks() {
        Nd4j.setDefaultDataTypes(D, D);
        Object[][] cases = {{Kind.GRU, true, "none"}, {Kind.GRU, true, "post"}, {Kind.GRU, false, "pre"},
            {Kind.LSTM, false, "post"}, {Kind.SIMPLE_RNN, true, "pre"}};
        for (Object[] c : cases) {
            Kind kind = (Kind) c[0];
            boolean sequence = (Boolean) c[1];
            String padding = (String) c[2];
            org.deeplearning4j.nn.conf.layers.Layer layer = new GoBackwards(cell(kind, 3, 4, null));
            MultiLayerNetwork net = net(sequence ? layer : new LastTimeStep(layer), 4, sequence, D);
            randomParams(net, 46);
            INDArray labels = sequence ? randn(D, 2, 4, 2, 7) : randn(D, 2, 4, 2);
            INDArray m = padding.equals("none") ? null : mask(D, 7, padding.equals("pre"), 7, 3, 1, 5);
            assertThat(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                    .input(randn(D, 1, 4, 3, 7)).labels(labels).inputMask(m)))
                    .as("%s sequence=%s padding=%s", kind, sequence, padding).isTrue();
        }
    }
}
