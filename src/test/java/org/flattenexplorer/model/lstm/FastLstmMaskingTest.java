package org.flattenexplorer.model.lstm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flattenexplorer.model.lstm.LstmTestSupport.*;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Keras's masking, checked against an independent expectation: a padded review with its mask gives the states
 * and the gradients of the same LSTM run on the review alone (DL4J's stock LSTM is no reference here: it zeroes
 * its state at masked steps and backpropagates as if there were no mask).
 */
class FastLstmMaskingTest {
    private static final DataType D = DataType.DOUBLE;
    private static final int N_IN = 3;
    private static final int UNITS = 5;
    private static final int T = 9;
    private static final int[] LENGTHS = {9, 4, 1, 6};

    @AfterEach
    void floatAgain() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    @Test
    void aMaskedSequenceHasTheStatesOfTheReviewAloneAndRepeatsThemOverThePadding() {
        for (boolean pre : new boolean[] {false, true}) {
            Layer lstm = layer();
            INDArray x = randn(D, 21, LENGTHS.length, N_IN, T);
            lstm.setMaskArray(mask(D, T, pre, LENGTHS));
            INDArray masked = lstm.activate(x.dup(), false, ws()).dup();
            lstm.setMaskArray(null);

            for (int i = 0; i < LENGTHS.length; i++) {
                int from = pre ? T - LENGTHS[i] : 0;
                INDArray alone = lstm.activate(review(x, i, from, LENGTHS[i]), false, ws()).dup();
                INDArray real = masked.get(point(i), NDArrayIndex.all(), NDArrayIndex.interval(from, from + LENGTHS[i]));
                assertThat(maxAbsDiff(real, alone.get(point(0), NDArrayIndex.all(), NDArrayIndex.all())))
                        .as("pre=%s row %d", pre, i).isLessThan(1e-12);
                for (int t = 0; t < T; t++) {
                    if (t >= from && t < from + LENGTHS[i]) {
                        continue;
                    }
                    // Keras: a masked step outputs the previous output again, zeros before the first word
                    INDArray expected = t < from ? Nd4j.zeros(D, UNITS)
                            : masked.get(point(i), NDArrayIndex.all(), point(from + LENGTHS[i] - 1));
                    assertThat(maxAbsDiff(masked.get(point(i), NDArrayIndex.all(), point(t)), expected))
                            .as("pre=%s row %d step %d", pre, i, t).isEqualTo(0.0);
                }
            }
        }
    }

    @Test
    void aMaskedSequenceHasTheGradientsOfTheReviewAlone() {
        for (boolean pre : new boolean[] {false, true}) {
            Layer lstm = layer();
            INDArray x = randn(D, 22, LENGTHS.length, N_IN, T);
            INDArray eps = randn(D, 23, LENGTHS.length, UNITS, T);
            lstm.setMaskArray(mask(D, T, pre, LENGTHS));
            lstm.activate(x.dup(), true, ws());
            Pair<Gradient, INDArray> masked = lstm.backpropGradient(eps.dup(), ws());
            INDArray maskedParams = masked.getFirst().gradient().dup();
            INDArray maskedInput = masked.getSecond().dup();
            lstm.setMaskArray(null);

            INDArray expectedParams = Nd4j.zeros(D, maskedParams.shape());
            for (int i = 0; i < LENGTHS.length; i++) {
                int from = pre ? T - LENGTHS[i] : 0;
                int to = from + LENGTHS[i];
                INDArray e = eps.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all(), NDArrayIndex.interval(from, to)).dup();
                if (!pre) {
                    // the padded steps after the review repeat its last state: their gradient reaches that state
                    for (int t = to; t < T; t++) {
                        e.get(point(0), NDArrayIndex.all(), point(LENGTHS[i] - 1))
                                .addi(eps.get(point(i), NDArrayIndex.all(), point(t)));
                    }
                }
                lstm.activate(review(x, i, from, LENGTHS[i]), true, ws());
                Pair<Gradient, INDArray> alone = lstm.backpropGradient(e, ws());
                expectedParams.addi(alone.getFirst().gradient());
                INDArray inputGrad = maskedInput.get(point(i), NDArrayIndex.all(), NDArrayIndex.all());
                assertThat(maxAbsDiff(inputGrad.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to)),
                        alone.getSecond().get(point(0), NDArrayIndex.all(), NDArrayIndex.all()))).isLessThan(1e-12);
                for (int t = 0; t < T; t++) {
                    if (t < from || t >= to) {
                        assertThat(maxAbs(inputGrad.get(NDArrayIndex.all(), point(t)))).as("padded input gradient").isZero();
                    }
                }
            }
            assertThat(maxAbsDiff(maskedParams, expectedParams)).as("weight gradients, pre=%s", pre).isLessThan(1e-12);
        }
    }

    @Test
    void gradientCheckInDoubleWithPreAndPostPaddingMasks() {
        Nd4j.setDefaultDataTypes(D, D);
        for (boolean pre : new boolean[] {false, true}) {
            for (Head head : Head.values()) {
                MultiLayerNetwork net = net(true, 3, 4, 2, head, D, null, null);
                INDArray labels = head == Head.LAST_STEP ? randn(D, 2, 4, 2) : randn(D, 2, 4, 2, 7);
                assertThat(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                        .input(randn(D, 1, 4, 3, 7)).labels(labels).inputMask(mask(D, 7, pre, 7, 3, 1, 5))))
                        .as("pre=%s %s", pre, head).isTrue();
            }
        }
    }

    @Test
    void oneAndTwoThreadsGiveTheSameStatesAndGradients() {
        int before = FastLstmRuntime.threads();
        try {
            Pair<INDArray, INDArray> one = run(1);
            Pair<INDArray, INDArray> two = run(2);
            assertThat(maxAbsDiff(one.getFirst(), two.getFirst())).isLessThan(1e-12);
            assertThat(maxAbsDiff(one.getSecond(), two.getSecond())).isLessThan(1e-12);
        } finally {
            FastLstmRuntime.setThreads(before);
        }
    }

    /** States and all gradients (weights, then input) of a masked batch with the given number of threads. */
    private static Pair<INDArray, INDArray> run(int threads) {
        FastLstmRuntime.setThreads(threads);
        Layer lstm = layer();
        lstm.setMaskArray(mask(D, T, false, LENGTHS));
        INDArray states = lstm.activate(randn(D, 24, LENGTHS.length, N_IN, T), true, ws()).dup();
        Pair<Gradient, INDArray> g = lstm.backpropGradient(randn(D, 25, LENGTHS.length, UNITS, T), ws());
        INDArray all = Nd4j.concat(1, g.getFirst().gradient().reshape(1, -1), g.getSecond().dup().reshape(1, -1));
        return new Pair<>(states, all);
    }

    private static Layer layer() {
        MultiLayerNetwork net = net(true, N_IN, UNITS, 2, Head.SEQUENCE, D, null, null);
        sameRandomParams(net, net, 5);
        net.initGradientsView();
        return net.getLayer(0);
    }

    /** Row i's steps [from, from + length) as a batch of one. */
    private static INDArray review(INDArray x, int i, int from, int length) {
        return x.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all(), NDArrayIndex.interval(from, from + length)).dup();
    }

    private static org.nd4j.linalg.indexing.INDArrayIndex point(long i) {
        return NDArrayIndex.point(i);
    }

    private static LayerWorkspaceMgr ws() {
        return LayerWorkspaceMgr.noWorkspaces();
    }
}
