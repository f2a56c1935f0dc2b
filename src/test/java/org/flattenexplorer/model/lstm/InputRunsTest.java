package org.flattenexplorer.model.lstm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flattenexplorer.model.lstm.LstmTestSupport.*;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
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
 * Padding gives a recurrent layer runs of equal input rows; the fast kernels compute such a run's input projection
 * once and its share of dW from its summed deltas ({@link InputRunsF}). The states and gradients are those of the
 * dense products, for every shape of run (at the start, at the end, both, a whole sequence of one row, a run of two)
 * and both ways of splitting the work; DL4J's gradient check agrees in double.
 */
public class InputRunsTest {
    private static final DataType F = DataType.FLOAT;
    private static final DataType D = DataType.DOUBLE;
    private static final int N_IN = 6;
    private static final int UNITS = 9;
    private static final int T = 13;
    /** Per sequence: rows at its start equal to its first, rows at its end equal to its last (1 = no run). */
    public static final int[][] RUNS = {{5, 1}, {1, 4}, {6, 3}, {T, 1}, {1, 1}, {2, 2}, {T - 1, 1}};

    private final boolean shareBefore = FastLstmRuntime.shareRuns();
    private final int threadsBefore = FastLstmRuntime.threads();
    private final FastLstmRuntime.Split splitBefore = FastLstmRuntime.split();

    @AfterEach
    void restore() {
        FastLstmRuntime.setShareRuns(shareBefore);
        FastLstmRuntime.setThreads(threadsBefore);
        FastLstmRuntime.setSplit(splitBefore);
    }

    /**
     * Random inputs [batch, nIn, steps] whose sequence i starts with {@code RUNS[i % RUNS.length][0]} equal rows and
     * ends with {@code [1]} equal rows, as padding (times one dropout mask) makes them.
     */
    public static INDArray padded(DataType dt, long seed, int batch, int nIn, int steps) {
        return padded(dt, seed, batch, nIn, steps, false);
    }

    /** As {@link #padded(DataType, long, int, int, int)}; {@code common}: every leading run has the same row. */
    public static INDArray padded(DataType dt, long seed, int batch, int nIn, int steps, boolean common) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(dt, batch, nIn, steps);
        INDArray pad = Nd4j.randn(dt, nIn);
        for (int i = 0; i < batch; i++) {
            int[] run = RUNS[i % RUNS.length];
            if (common) {
                x.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.point(0)).assign(pad);
            }
            INDArray first = x.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.point(0)).dup();
            INDArray last = x.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.point(steps - 1)).dup();
            for (int t = 1; t < Math.min(run[0], steps); t++) {
                x.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.point(t)).assign(first);
            }
            for (int t = steps - run[1]; t < steps - 1; t++) {
                x.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.point(t)).assign(last);
            }
        }
        return x;
    }

    @Test
    void eachSequenceSharesTheRowsOfTheRunsAtItsEnds() {
        int batch = RUNS.length;
        NativeFloats x = new NativeFloats();
        x.ensure((long) batch * T * N_IN);
        x.view(batch, T, N_IN).assign(padded(F, 1, batch, N_IN, T).permute(0, 2, 1));
        InputRunsF runs = new InputRunsF();
        runs.find(x.nio, batch, T, N_IN, true);
        // a run of r rows shares r - 1; a sequence of one row all through shares all but one
        int[] expected = {4, 3, 5 + 2, T - 1, 0, 1 + 1, T - 2};
        for (int i = 0; i < batch; i++) {
            assertThat(runs.sharedRows(i)).as("sequence %d", i).isEqualTo(expected[i]);
        }
        runs.find(x.nio, batch, T, N_IN, false);
        for (int i = 0; i < batch; i++) {
            assertThat(runs.sharedRows(i)).as("switched off, sequence %d", i).isZero();
        }
    }

    @Test
    void sharingTheRunsGivesTheStatesAndGradientsOfTheDenseProducts() {
        for (int batch : new int[] {3, 32}) {
            INDArray x = padded(D, 31 + batch, batch, N_IN, T);
            INDArray eps = randn(D, 41 + batch, batch, UNITS, T);
            for (FastLstmRuntime.Split split : new FastLstmRuntime.Split[] {FastLstmRuntime.Split.BATCH,
                    FastLstmRuntime.Split.UNITS}) {
                String what = "batch " + batch + ", " + split;
                FastLstmRuntime.setShareRuns(false);
                Pair<INDArray, INDArray> dense = FastLstmSplitTest.run(F, split, x, eps, null);
                Pair<INDArray, INDArray> denseD = FastLstmSplitTest.run(D, split, x, eps, null);
                FastLstmRuntime.setShareRuns(true);
                Pair<INDArray, INDArray> shared = FastLstmSplitTest.run(F, split, x, eps, null);
                Pair<INDArray, INDArray> sharedD = FastLstmSplitTest.run(D, split, x, eps, null);
                double scaleH = maxAbs(denseD.getFirst());
                double scaleG = maxAbs(denseD.getSecond());
                assertThat(maxAbsDiff(shared.getFirst(), dense.getFirst())).as(what + ": states").isLessThan(1e-6 * scaleH);
                assertThat(maxAbsDiff(shared.getSecond(), dense.getSecond())).as(what + ": gradients")
                        .isLessThan(1e-5 * scaleG);
                assertThat(maxAbsDiff(sharedD.getFirst(), denseD.getFirst())).as(what + ": states, double")
                        .isLessThan(1e-13 * scaleH);
                assertThat(maxAbsDiff(sharedD.getSecond(), denseD.getSecond())).as(what + ": gradients, double")
                        .isLessThan(1e-12 * scaleG);
            }
        }
    }

    @Test
    void inferenceCopiesTheStatesOfTheLongestRunIntoTheOtherRunsAndGivesTheDenseStates() {
        boolean vectorBefore = FastLstmRuntime.vectorSteps();
        int gemvRowsBefore = FastLstmRuntime.gemvRows();
        try {
            for (boolean vector : new boolean[] {true, false}) {
                FastLstmRuntime.setVectorSteps(vector);
                FastLstmRuntime.setGemvRows(32);
                for (FastLstmRuntime.Split split : new FastLstmRuntime.Split[] {FastLstmRuntime.Split.BATCH,
                        FastLstmRuntime.Split.UNITS}) {
                    for (DataType dt : new DataType[] {F, D}) {
                        String what = split + ", " + dt + (vector ? ", vector unit" : ", GEMVs");
                        INDArray x = padded(D, 71, 2 * RUNS.length, N_IN, T, true);
                        FastLstmRuntime.setShareRuns(false);
                        INDArray dense = infer(dt, split, x);
                        FastLstmRuntime.setShareRuns(true);
                        INDArray shared = infer(dt, split, x);
                        assertThat(maxAbsDiff(shared, dense)).as(what)
                                .isLessThan((dt == F ? 1e-6 : 1e-13) * maxAbs(dense));
                    }
                }
            }
        } finally {
            FastLstmRuntime.setVectorSteps(vectorBefore);
            FastLstmRuntime.setGemvRows(gemvRowsBefore);
        }
    }

    /** The layer's states for x at inference, with two threads split this way. */
    private static INDArray infer(DataType dt, FastLstmRuntime.Split split, INDArray x) {
        FastLstmRuntime.setThreads(2);
        FastLstmRuntime.setSplit(split);
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(dt, dt);
        try {
            MultiLayerNetwork net = net(true, N_IN, UNITS, 2, Head.SEQUENCE, dt, null, null);
            sameRandomParams(net, net, 7);
            return net.getLayer(0).activate(x.castTo(dt), false, LayerWorkspaceMgr.noWorkspaces()).castTo(D);
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }

    @Test
    void gradientCheckInDoubleWithPaddedInputs() {
        FastLstmRuntime.setShareRuns(true);
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(D, D);
        try {
            MultiLayerNetwork net = net(true, 3, 4, 2, Head.SEQUENCE, D, null, null);
            assertThat(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                    .input(padded(D, 5, RUNS.length, 3, 8)).labels(randn(D, 6, RUNS.length, 2, 8)))).isTrue();
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }
}
