package org.flattenexplorer.model.cell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flattenexplorer.model.cell.CellTestSupport.*;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.flattenexplorer.model.lstm.SequenceMaskDropout;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * GRU and SimpleRNN compute Keras's layers: Keras's parameter counts, layout and initializers, outputs equal to
 * {@link KerasReference} (plain Java from Keras's formulas) with and without masks, to values a numpy script
 * computes on fixed weights, and (SimpleRNN, no mask) to DL4J's own SimpleRnn.
 */
class RecurrentCellParityTest {

    private static final DataType D = DataType.DOUBLE;
    private static final DataType F = DataType.FLOAT;

    @Test
    void parameterCountsAndShapesAreKeras() {
        Layer gru = net(cell(Kind.GRU, 128, 128, null), 128, true, F).getLayer(0);
        assertThat(gru.numParams()).isEqualTo(99_072);
        assertThat(gru.getParam("W").shape()).containsExactly(128, 384);
        assertThat(gru.getParam("RW").shape()).containsExactly(128, 384);
        assertThat(gru.getParam("b").shape()).containsExactly(2, 384);
        Layer simple = net(cell(Kind.SIMPLE_RNN, 128, 128, null), 128, true, F).getLayer(0);
        assertThat(simple.numParams()).isEqualTo(32_896);
        assertThat(simple.getParam("W").shape()).containsExactly(128, 128);
        assertThat(simple.getParam("RW").shape()).containsExactly(128, 128);
        assertThat(simple.getParam("b").shape()).containsExactly(1, 128);
        assertThat(net(cell(Kind.GRU, 64, 32, null), 32, true, F).getLayer(0).numParams())
                .isEqualTo(3L * 32 * (64 + 32 + 2));
    }

    @Test
    void initialisationIsKerassGlorotOrthogonalAndZero() {
        for (Kind kind : new Kind[] {Kind.GRU, Kind.SIMPLE_RNN}) {
            Layer layer = net(cell(kind, 128, 64, null), 64, true, F).getLayer(0);
            int width = kind == Kind.GRU ? 192 : 64;
            double limit = Math.sqrt(6.0 / (128 + width)); // Keras: over the kernel's own shape [nIn, G]
            INDArray w = layer.getParam("W");
            assertThat(maxAbs(w)).as("%s kernel", kind).isLessThanOrEqualTo(limit).isGreaterThan(0.95 * limit);
            INDArray rw = layer.getParam("RW").castTo(D); // [64, G]: orthonormal rows
            double worst = maxAbsDiff(rw.mmul(rw.transpose()), Nd4j.eye(64).castTo(D));
            assertThat(worst).as("%s: RW RW^T = I", kind).isLessThan(1e-5);
            assertThat(maxAbs(layer.getParam("b"))).as("%s bias", kind).isZero();
        }
    }

    @Test
    void outputsEqualKerassFormulasWithAndWithoutMasks() {
        for (Kind kind : new Kind[] {Kind.GRU, Kind.SIMPLE_RNN}) {
            for (DataType dt : new DataType[] {D, F}) {
                MultiLayerNetwork net = net(cell(kind, 4, 5, null), 5, true, dt);
                randomParams(net, 3);
                Layer layer = net.getLayer(0);
                KerasReference.Cell ref = reference(kind, layer.paramTable(), "");
                INDArray x = randn(dt, 4, 4, 4, 9);
                for (INDArray m : new INDArray[] {null, mask(dt, 9, false, 9, 4, 1, 6), mask(dt, 9, true, 9, 4, 1, 6)}) {
                    INDArray out = activate(layer, x, m, false);
                    assertThat(out.shape()).containsExactly(4, 5, 9);
                    for (int r = 0; r < 4; r++) {
                        double[][] expected = KerasReference.rnn(ref, sequence(x, r), maskRow(m, r), false, false).outputs();
                        assertThat(maxAbsDiff(out, r, expected)).as("%s %s row %d mask %s", kind, dt, r, m)
                                .isLessThan(dt == D ? 1e-12 : 2e-6);
                    }
                }
            }
        }
    }

    /** Expected values: src/test/resources/org/flattenexplorer/model/cell/keras_cells_reference.py. */
    @Test
    void fixedWeightsGiveTheValuesNumpyComputes() {
        INDArray x = Nd4j.createFromArray(new double[][] {{0.5, -1.0}, {0.25, 0.75}, {-0.5, 0.1}}).transpose()
                .reshape(1, 2, 3);
        INDArray post = Nd4j.createFromArray(new double[][] {{1, 1, 0}});

        Layer gru = net(cell(Kind.GRU, 2, 2, null), 2, true, D).getLayer(0);
        gru.setParam("W", Nd4j.createFromArray(new double[][] {{0.1, -0.2, 0.3, 0.05, -0.15, 0.25},
            {0.4, 0.2, -0.1, -0.3, 0.35, 0.15}}));
        gru.setParam("RW", Nd4j.createFromArray(new double[][] {{0.2, -0.1, 0.05, 0.3, -0.25, 0.1},
            {-0.05, 0.15, 0.2, -0.2, 0.1, 0.3}}));
        gru.setParam("b", Nd4j.createFromArray(new double[][] {{0.01, -0.02, 0.03, 0.04, -0.05, 0.06},
            {-0.03, 0.02, 0.05, -0.01, 0.04, -0.06}}));
        assertClose(activate(gru, x, null, false), new double[][] {{-2.5037624968249628e-01, -1.5496868036033416e-04},
            {-4.3194689925555543e-02, 9.1501281571511883e-02}, {2.4219889107316366e-02, 1.7334061402725573e-02}});
        assertClose(activate(gru, x, post, false), new double[][] {{-2.5037624968249628e-01, -1.5496868036033416e-04},
            {-4.3194689925555543e-02, 9.1501281571511883e-02}, {-4.3194689925555543e-02, 9.1501281571511883e-02}});

        Layer simple = net(cell(Kind.SIMPLE_RNN, 2, 2, null), 2, true, D).getLayer(0);
        simple.setParam("W", Nd4j.createFromArray(new double[][] {{0.3, -0.4}, {0.2, 0.5}}));
        simple.setParam("RW", Nd4j.createFromArray(new double[][] {{0.6, -0.1}, {0.25, 0.4}}));
        simple.setParam("b", Nd4j.createFromArray(new double[][] {{0.05, -0.1}}));
        assertClose(activate(simple, x, null, false), new double[][] {{-1.3877787807814457e-17, -6.6403677026784891e-01},
            {1.0856128112851328e-01, -9.0367506764959013e-02}, {-3.7437602766018881e-02, 1.0263419891794398e-01}});
        assertClose(activate(simple, x, post, false), new double[][] {{-1.3877787807814457e-17, -6.6403677026784891e-01},
            {1.0856128112851328e-01, -9.0367506764959013e-02}, {1.0856128112851328e-01, -9.0367506764959013e-02}});
    }

    private static void assertClose(INDArray out, double[][] expected) {
        assertThat(maxAbsDiff(out, 0, expected)).isLessThan(1e-14);
    }

    /** Same weights, no mask: DL4J's SimpleRnn computes the same (with a mask it resets the state, Keras keeps it). */
    @Test
    void simpleRnnEqualsDl4jsSimpleRnnWithoutAMask() {
        MultiLayerNetwork fast = net(cell(Kind.SIMPLE_RNN, 4, 6, null), 6, true, D);
        MultiLayerNetwork stock = net(new SimpleRnn.Builder().nIn(4).nOut(6).activation(Activation.TANH).build(), 6,
                true, D);
        randomParams(fast, 8);
        stock.setParams(fast.params()); // same layout: W [4, 6], RW [6, 6], b [6], then the output layer
        fast.initGradientsView();
        stock.initGradientsView();
        INDArray x = randn(D, 9, 3, 4, 7);
        INDArray eps = randn(D, 10, 3, 6, 7);
        LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
        INDArray a = fast.getLayer(0).activate(x.dup(), true, ws);
        INDArray b = stock.getLayer(0).activate(x.dup(), true, ws);
        assertThat(maxAbsDiff(a, b)).isLessThan(1e-12);
        Pair<Gradient, INDArray> gf = fast.getLayer(0).backpropGradient(eps.dup(), ws);
        Pair<Gradient, INDArray> gs = stock.getLayer(0).backpropGradient(eps.dup(), ws);
        for (String k : new String[] {"W", "RW", "b"}) {
            assertThat(maxAbsDiff(gf.getFirst().getGradientFor(k).reshape(-1),
                    gs.getFirst().getGradientFor(k).reshape(-1))).as(k).isLessThan(1e-12);
        }
        assertThat(maxAbsDiff(gf.getSecond(), gs.getSecond())).isLessThan(1e-12);
    }

    /** Dropout goes through DL4J's hooks: training sees the dropped input, backprop is scaled by the same mask. */
    @Test
    void inputDropoutIsAppliedForwardAndBackward() {
        for (Kind kind : new Kind[] {Kind.GRU, Kind.SIMPLE_RNN}) {
            MultiLayerNetwork plain = net(cell(kind, 4, 5, null), 5, true, D);
            MultiLayerNetwork dropped = net(cell(kind, 4, 5, new SequenceMaskDropout()), 5, true, D);
            randomParams(plain, 12);
            dropped.setParams(plain.params());
            plain.initGradientsView();
            dropped.initGradientsView();
            INDArray x = randn(D, 13, 3, 4, 6);
            INDArray eps = randn(D, 14, 3, 5, 6);
            INDArray xDropped = new SequenceMaskDropout().applyDropout(x.dup(), x.ulike(), 0, 0,
                    LayerWorkspaceMgr.noWorkspaces());
            LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
            INDArray expected = plain.getLayer(0).activate(xDropped.dup(), true, ws).dup();
            Pair<Gradient, INDArray> ge = plain.getLayer(0).backpropGradient(eps.dup(), ws);
            INDArray expectedParamGrad = ge.getFirst().gradient().dup();
            INDArray expectedInputGrad = ge.getSecond().dup();

            INDArray actual = dropped.getLayer(0).activate(x.dup(), true, ws).dup();
            Pair<Gradient, INDArray> ga = dropped.getLayer(0).backpropGradient(eps.dup(), ws);
            assertThat(maxAbsDiff(actual, expected)).as("%s output", kind).isLessThan(1e-12);
            assertThat(maxAbsDiff(ga.getFirst().gradient(), expectedParamGrad)).as("%s weights", kind).isLessThan(1e-12);
            // dL/dx = mask * dL/d(dropped x)
            INDArray scale = xDropped.div(x);
            assertThat(maxAbsDiff(ga.getSecond(), expectedInputGrad.mul(scale))).as("%s input", kind).isLessThan(1e-12);
            assertThat(maxAbsDiff(dropped.getLayer(0).activate(x.dup(), false, ws), plain.getLayer(0).activate(x.dup(),
                    false, ws))).as("%s inference has no dropout", kind).isLessThan(1e-12);
        }
    }
}
