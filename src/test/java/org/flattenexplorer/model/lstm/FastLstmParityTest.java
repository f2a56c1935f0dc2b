package org.flattenexplorer.model.lstm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flattenexplorer.model.lstm.LstmTestSupport.*;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** (a) outputs and (c) gradients of FastLstm equal the stock LSTM's, same weights and inputs. */
class FastLstmParityTest {

    private static final DataType F = DataType.FLOAT;

    @Test
    void configIsAnLstmWithTheSameParameters() {
        MultiLayerNetwork stock = net(false, 5, 7, 3, Head.SEQUENCE, F, null, null);
        MultiLayerNetwork fast = net(true, 5, 7, 3, Head.SEQUENCE, F, null, null);
        assertThat(fast.getLayer(0)).isInstanceOf(FastLstmLayer.class);
        assertThat(((FastLstmLayer) fast.getLayer(0)).isFastPath()).isTrue();
        assertThat(fast.getLayer(0).numParams()).isEqualTo(4L * 7 * (5 + 7 + 1)).isEqualTo(stock.getLayer(0).numParams());
        Map<String, INDArray> ps = stock.getLayer(0).paramTable();
        Map<String, INDArray> pf = fast.getLayer(0).paramTable();
        assertThat(pf.keySet()).containsExactlyElementsOf(ps.keySet());
        for (String k : ps.keySet()) {
            assertThat(pf.get(k).shape()).isEqualTo(ps.get(k).shape());
        }
        FastLstm built = new FastLstm.Builder().nIn(5).nOut(7).forgetGateBiasInit(2.0).dropOut(0.8).build();
        assertThat(built.getNIn()).isEqualTo(5);
        assertThat(built.getForgetGateBiasInit()).isEqualTo(2.0);
        assertThat(built.getIDropout()).isNotNull();
    }

    @Test
    void sequenceOutputsEqualStock() {
        for (int batch : new int[] {1, 5}) {
            MultiLayerNetwork stock = net(false, 6, 8, 3, Head.SEQUENCE, F, null, null);
            MultiLayerNetwork fast = net(true, 6, 8, 3, Head.SEQUENCE, F, null, null);
            sameRandomParams(stock, fast, 1);
            INDArray x = randn(F, 2, batch, 6, 11);
            INDArray hs = stock.feedForwardToLayer(0, x, false).get(1);
            INDArray hf = fast.feedForwardToLayer(0, x, false).get(1);
            assertThat(hf.shape()).isEqualTo(hs.shape());
            assertThat(maxAbsDiff(hs, hf)).isLessThan(2e-6);
            assertThat(maxAbsDiff(stock.output(x), fast.output(x))).isLessThan(1e-5);
        }
    }

    /** The last real step's state: the stock layer's forward pass gets it right too (its gradients, FastLstmMaskingTest). */
    @Test
    void lastTimeStepWithAndWithoutMaskEqualsStock() {
        for (boolean pre : new boolean[] {false, true}) {
            MultiLayerNetwork stock = net(false, 4, 6, 2, Head.LAST_STEP, F, null, null);
            MultiLayerNetwork fast = net(true, 4, 6, 2, Head.LAST_STEP, F, null, null);
            sameRandomParams(stock, fast, 4);
            INDArray x = randn(F, 5, 7, 4, 9);
            INDArray m = mask(F, 9, pre, 9, 3, 1, 5, 8, 2, 9);
            assertThat(maxAbsDiff(stock.output(x), fast.output(x))).isLessThan(1e-5);
            INDArray os = stock.output(x, false, m, null);
            INDArray of = fast.output(x, false, m, null);
            assertThat(maxAbsDiff(os, of)).isLessThan(1e-5);
            assertThat(maxAbsDiff(os, stock.output(x))).isGreaterThan(1e-3); // the mask matters
        }
    }

    /** Without a mask; with one the two differ on purpose (Keras's masking, FastLstmMaskingTest). */
    @Test
    void layerActivationsAndGradientsEqualStock() {
        MultiLayerNetwork stock = net(false, 5, 6, 2, Head.SEQUENCE, F, null, null);
        MultiLayerNetwork fast = net(true, 5, 6, 2, Head.SEQUENCE, F, null, null);
        sameRandomParams(stock, fast, 7);
        stock.initGradientsView();
        fast.initGradientsView();
        INDArray x = randn(F, 8, 6, 5, 10);
        INDArray eps = randn(F, 9, 6, 6, 10);
        for (int repeat = 0; repeat < 2; repeat++) {
            Layer ls = stock.getLayer(0);
            Layer lf = fast.getLayer(0);
            LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
            INDArray as = ls.activate(x.dup(), true, ws);
            INDArray af = lf.activate(x.dup(), true, ws);
            assertThat(maxAbsDiff(as, af)).isLessThan(2e-6);
            Pair<Gradient, INDArray> gs = ls.backpropGradient(eps.dup(), ws);
            Pair<Gradient, INDArray> gf = lf.backpropGradient(eps.dup(), ws);
            assertGradientsClose(gs, gf);
            // backprop without a preceding training forward pass (recomputes it)
            lf.setInput(x.dup(), ws);
            Pair<Gradient, INDArray> gf2 = lf.backpropGradient(eps.dup(), ws);
            assertGradientsClose(gs, gf2);
        }
    }

    @Test
    void networkGradientsEqualStock() {
        for (Head head : Head.values()) {
            MultiLayerNetwork stock = net(false, 5, 7, 2, head, F, null, null);
            MultiLayerNetwork fast = net(true, 5, 7, 2, head, F, null, null);
            sameRandomParams(stock, fast, 11);
            INDArray x = randn(F, 12, 4, 5, 13);
            INDArray y = head == Head.LAST_STEP ? randn(F, 13, 4, 2) : randn(F, 13, 4, 2, 13);
            // post padding: the last real step's state, where the stock layer's gradients are right as well
            INDArray m = head == Head.LAST_STEP ? mask(F, 13, false, 13, 5, 9, 1) : null;
            for (MultiLayerNetwork n : new MultiLayerNetwork[] {stock, fast}) {
                n.fit(new DataSet(x, y, m, null)); // NoOp updater: params unchanged, gradients computed
            }
            stock.setInput(x);
            stock.setLabels(y);
            stock.setLayerMaskArrays(m, null);
            stock.computeGradientAndScore();
            fast.setInput(x);
            fast.setLabels(y);
            fast.setLayerMaskArrays(m, null);
            fast.computeGradientAndScore();
            assertThat(Math.abs(stock.score() - fast.score())).isLessThan(1e-5 * Math.max(1, Math.abs(stock.score())));
            INDArray gs = stock.gradient().gradient();
            INDArray gf = fast.gradient().gradient();
            assertThat(maxAbsDiff(gs, gf)).as("gradients, %s", head).isLessThan(1e-5 * Math.max(1, maxAbs(gs)));
        }
    }

    private static void assertGradientsClose(Pair<Gradient, INDArray> s, Pair<Gradient, INDArray> f) {
        for (String k : s.getFirst().gradientForVariable().keySet()) {
            INDArray a = s.getFirst().getGradientFor(k);
            INDArray b = f.getFirst().getGradientFor(k);
            assertThat(maxAbsDiff(a, b)).as("gradient %s", k).isLessThan(1e-5 * Math.max(1, maxAbs(a)));
        }
        assertThat(maxAbsDiff(s.getSecond(), f.getSecond())).as("epsilon").isLessThan(1e-5 * Math.max(1, maxAbs(s.getSecond())));
    }
}
