package org.flattenexplorer.model.cell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flattenexplorer.model.cell.CellTestSupport.*;

import java.util.List;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.flattenexplorer.model.lstm.FastLstmRuntime;
import org.flattenexplorer.model.lstm.InputRunsTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Gradients of GRU and SimpleRNN: DL4J's gradient check in double (no mask, pre- and post-padding masks, the
 * sequence and inside LastTimeStep), Keras's masking (a padded review has the states and the gradients of the
 * review alone), one thread computing what two do, and padding's runs of equal inputs computed once.
 */
class RecurrentCellMaskingTest {
    private static final DataType D = DataType.DOUBLE;
    private static final Kind[] CELLS = {Kind.GRU, Kind.SIMPLE_RNN};
    private static final int N_IN = 3;
    private static final int UNITS = 4;
    private static final int T = 9;
    private static final int[] LENGTHS = {9, 4, 1, 6};

    @AfterEach
    void floatAgain() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    @Test
    void gradientCheckInDoubleWithoutAndWithPreAndPostPaddingMasks() {
        Nd4j.setDefaultDataTypes(D, D);
        for (Kind kind : CELLS) {
            for (boolean sequence : new boolean[] {true, false}) {
                for (String padding : new String[] {"none", "post", "pre"}) {
                    org.deeplearning4j.nn.conf.layers.Layer cell = cell(kind, 3, 4, null);
                    MultiLayerNetwork net = net(sequence ? cell : new LastTimeStep(cell), 4, sequence, D);
                    randomParams(net, 30);
                    INDArray labels = sequence ? randn(D, 2, 4, 2, 7) : randn(D, 2, 4, 2);
                    INDArray m = padding.equals("none") ? null : mask(D, 7, padding.equals("pre"), 7, 3, 1, 5);
                    assertThat(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                            .input(randn(D, 1, 4, 3, 7)).labels(labels).inputMask(m)))
                            .as("%s sequence=%s padding=%s", kind, sequence, padding).isTrue();
                }
            }
        }
    }

    @Test
    void aMaskedSequenceHasTheStatesOfTheReviewAloneAndRepeatsThemOverThePadding() {
        for (Kind kind : CELLS) {
            for (boolean pre : new boolean[] {false, true}) {
                Layer layer = layer(kind);
                INDArray x = randn(D, 21, LENGTHS.length, N_IN, T);
                INDArray masked = activate(layer, x, mask(D, T, pre, LENGTHS), false);
                for (int i = 0; i < LENGTHS.length; i++) {
                    int from = pre ? T - LENGTHS[i] : 0;
                    INDArray alone = activate(layer, review(x, i, from, LENGTHS[i]), null, false);
                    INDArray real = masked.get(point(i), NDArrayIndex.all(), NDArrayIndex.interval(from, from + LENGTHS[i]));
                    assertThat(maxAbsDiff(real, alone.get(point(0), NDArrayIndex.all(), NDArrayIndex.all())))
                            .as("%s pre=%s row %d", kind, pre, i).isLessThan(1e-12);
                    for (int t = 0; t < T; t++) {
                        if (t >= from && t < from + LENGTHS[i]) {
                            continue;
                        }
                        INDArray expected = t < from ? Nd4j.zeros(D, UNITS)
                                : masked.get(point(i), NDArrayIndex.all(), point(from + LENGTHS[i] - 1));
                        assertThat(maxAbsDiff(masked.get(point(i), NDArrayIndex.all(), point(t)), expected))
                                .as("%s pre=%s row %d step %d", kind, pre, i, t).isEqualTo(0.0);
                    }
                }
            }
        }
    }

    @Test
    void aMaskedSequenceHasTheGradientsOfTheReviewAlone() {
        for (Kind kind : CELLS) {
            for (boolean pre : new boolean[] {false, true}) {
                Layer layer = layer(kind);
                INDArray x = randn(D, 22, LENGTHS.length, N_IN, T);
                INDArray eps = randn(D, 23, LENGTHS.length, UNITS, T);
                layer.setMaskArray(mask(D, T, pre, LENGTHS));
                layer.activate(x.dup(), true, ws());
                Pair<Gradient, INDArray> masked = layer.backpropGradient(eps.dup(), ws());
                INDArray maskedParams = masked.getFirst().gradient().dup();
                INDArray maskedInput = masked.getSecond().dup();
                layer.setMaskArray(null);

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
                    layer.activate(review(x, i, from, LENGTHS[i]), true, ws());
                    Pair<Gradient, INDArray> alone = layer.backpropGradient(e, ws());
                    expectedParams.addi(alone.getFirst().gradient());
                    INDArray inputGrad = maskedInput.get(point(i), NDArrayIndex.all(), NDArrayIndex.all());
                    assertThat(maxAbsDiff(inputGrad.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to)),
                            alone.getSecond().get(point(0), NDArrayIndex.all(), NDArrayIndex.all())))
                            .as("%s input gradient, pre=%s row %d", kind, pre, i).isLessThan(1e-12);
                    for (int t = 0; t < T; t++) {
                        if (t < from || t >= to) {
                            assertThat(maxAbs(inputGrad.get(NDArrayIndex.all(), point(t)))).as("padded input gradient").isZero();
                        }
                    }
                }
                assertThat(maxAbsDiff(maskedParams, expectedParams)).as("%s weight gradients, pre=%s", kind, pre)
                        .isLessThan(1e-12);
            }
        }
    }

    @Test
    void oneAndTwoThreadsGiveTheSameStatesAndGradients() {
        int before = FastLstmRuntime.threads();
        try {
            for (Kind kind : CELLS) {
                Pair<INDArray, INDArray> one = run(kind, 1);
                Pair<INDArray, INDArray> two = run(kind, 2);
                assertThat(maxAbsDiff(one.getFirst(), two.getFirst())).as("%s states", kind).isLessThan(1e-12);
                assertThat(maxAbsDiff(one.getSecond(), two.getSecond())).as("%s gradients", kind).isLessThan(1e-12);
            }
        } finally {
            FastLstmRuntime.setThreads(before);
        }
    }

    @Test
    void perStepProductsOnTheVectorUnitAsPerRowGemvsOrAsGemmsGiveTheSameStatesAndGradients() {
        int before = FastLstmRuntime.gemvRows();
        boolean vectorBefore = FastLstmRuntime.vectorSteps();
        try {
            for (Kind kind : CELLS) {
                FastLstmRuntime.setVectorSteps(false);
                FastLstmRuntime.setGemvRows(0);
                Pair<INDArray, INDArray> gemm = run(kind, 1);
                FastLstmRuntime.setGemvRows(LENGTHS.length);
                Pair<INDArray, INDArray> gemv = run(kind, 1);
                FastLstmRuntime.setVectorSteps(true);
                Pair<INDArray, INDArray> vector = run(kind, 1);
                for (Pair<INDArray, INDArray> other : List.of(gemv, vector)) {
                    assertThat(maxAbsDiff(gemm.getFirst(), other.getFirst())).as("%s states", kind).isLessThan(1e-12);
                    assertThat(maxAbsDiff(gemm.getSecond(), other.getSecond())).as("%s gradients", kind)
                            .isLessThan(1e-12);
                }
            }
        } finally {
            FastLstmRuntime.setGemvRows(before);
            FastLstmRuntime.setVectorSteps(vectorBefore);
        }
    }

    @Test
    void sharingTheRunsOfPaddedInputsGivesTheDenseStatesAndGradientsInTrainingAndInferenceAndPassesTheGradientCheck() {
        boolean before = FastLstmRuntime.shareRuns();
        boolean vectorBefore = FastLstmRuntime.vectorSteps();
        try {
            for (Kind kind : CELLS) {
                INDArray x = InputRunsTest.padded(D, 26, 2 * InputRunsTest.RUNS.length, N_IN, T);
                INDArray eps = randn(D, 27, x.size(0), UNITS, T);
                FastLstmRuntime.setShareRuns(false);
                Pair<INDArray, INDArray> dense = run(kind, x, eps, null);
                FastLstmRuntime.setShareRuns(true);
                Pair<INDArray, INDArray> shared = run(kind, x, eps, null);
                assertThat(maxAbsDiff(shared.getFirst(), dense.getFirst())).as("%s states", kind).isLessThan(1e-12);
                assertThat(maxAbsDiff(shared.getSecond(), dense.getSecond())).as("%s gradients", kind)
                        .isLessThan(1e-12);

                // inference: sequences whose leading runs share one input copy the longest run's states
                INDArray common = InputRunsTest.padded(D, 28, 2 * InputRunsTest.RUNS.length, N_IN, T, true);
                for (boolean vector : new boolean[] {true, false}) {
                    FastLstmRuntime.setVectorSteps(vector);
                    FastLstmRuntime.setShareRuns(false);
                    INDArray denseStates = activate(layer(kind), common, null, false);
                    FastLstmRuntime.setShareRuns(true);
                    assertThat(maxAbsDiff(activate(layer(kind), common, null, false), denseStates))
                            .as("%s inference, vector unit %s", kind, vector).isLessThan(1e-12);
                }
                FastLstmRuntime.setVectorSteps(vectorBefore);

                Nd4j.setDefaultDataTypes(D, D);
                MultiLayerNetwork net = net(cell(kind, 3, 4, null), 4, true, D);
                randomParams(net, 31);
                assertThat(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                        .input(InputRunsTest.padded(D, 32, InputRunsTest.RUNS.length, 3, 8))
                        .labels(randn(D, 33, InputRunsTest.RUNS.length, 2, 8)))).as("%s gradient check", kind).isTrue();
            }
        } finally {
            FastLstmRuntime.setShareRuns(before);
            FastLstmRuntime.setVectorSteps(vectorBefore);
        }
    }

    /** States and all gradients (weights, then input) of a masked batch with the given number of threads. */
    private static Pair<INDArray, INDArray> run(Kind kind, int threads) {
        FastLstmRuntime.setThreads(threads);
        return run(kind, randn(D, 24, LENGTHS.length, N_IN, T), randn(D, 25, LENGTHS.length, UNITS, T),
                mask(D, T, false, LENGTHS));
    }

    /** States and all gradients (weights, then input) of one batch. */
    private static Pair<INDArray, INDArray> run(Kind kind, INDArray x, INDArray eps, INDArray mask) {
        Layer layer = layer(kind);
        layer.setMaskArray(mask);
        INDArray states = layer.activate(x.dup(), true, ws()).dup();
        Pair<Gradient, INDArray> g = layer.backpropGradient(eps.dup(), ws());
        INDArray all = Nd4j.concat(1, g.getFirst().gradient().reshape(1, -1), g.getSecond().dup().reshape(1, -1));
        return new Pair<>(states, all);
    }

    private static Layer layer(Kind kind) {
        MultiLayerNetwork net = net(cell(kind, N_IN, UNITS, null), UNITS, true, D);
        randomParams(net, 5);
        net.initGradientsView();
        return net.getLayer(0);
    }

    /** Row i's steps [from, from + length) as a batch of one. */
    private static INDArray review(INDArray x, int i, int from, int length) {
        return x.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all(), NDArrayIndex.interval(from, from + length)).dup();
    }

    private static INDArrayIndex point(long i) {
        return NDArrayIndex.point(i);
    }

    private static LayerWorkspaceMgr ws() {
        return LayerWorkspaceMgr.noWorkspaces();
    }
}
