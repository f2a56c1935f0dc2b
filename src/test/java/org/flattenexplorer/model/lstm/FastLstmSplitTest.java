package org.flattenexplorer.model.lstm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flattenexplorer.model.lstm.LstmTestSupport.*;

import java.util.List;
import java.util.Random;
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
 * The two ways of sharing the float kernel's work between threads (by batch rows, by units with a barrier a step),
 * each with its per-step products on the vector unit ({@link StepProductF}) or through BLAS (GEMVs for few rows or
 * GEMMs), give the same states and gradients, and those of the double kernel,
 * with and without masks, for a batch of one, a few rows and a full mini-batch. The units (9) do not divide evenly
 * between the two threads.
 */
class FastLstmSplitTest {
    private static final DataType F = DataType.FLOAT;
    private static final DataType D = DataType.DOUBLE;
    private static final int N_IN = 6;
    private static final int UNITS = 9;
    private static final int T = 13;

    private final int threadsBefore = FastLstmRuntime.threads();
    private final FastLstmRuntime.Split splitBefore = FastLstmRuntime.split();
    private final int gemvRowsBefore = FastLstmRuntime.gemvRows();
    private final boolean vectorBefore = FastLstmRuntime.vectorSteps();

    @AfterEach
    void restore() {
        FastLstmRuntime.setThreads(threadsBefore);
        FastLstmRuntime.setSplit(splitBefore);
        FastLstmRuntime.setGemvRows(gemvRowsBefore);
        FastLstmRuntime.setVectorSteps(vectorBefore);
    }

    @Test
    void unitSplitAndBatchSplitGiveTheSameStatesAndGradients() {
        for (int batch : new int[] {1, 3, 32}) {
            for (boolean masked : new boolean[] {false, true}) {
                String what = "batch " + batch + (masked ? ", masked" : "");
                INDArray x = randn(D, 31 + batch, batch, N_IN, T);
                INDArray eps = randn(D, 41 + batch, batch, UNITS, T);
                INDArray mask = masked ? randomMask(batch, 51 + batch) : null;

                FastLstmRuntime.setVectorSteps(true);
                Pair<INDArray, INDArray> units = run(F, FastLstmRuntime.Split.UNITS, x, eps, mask);
                Pair<INDArray, INDArray> rows = run(F, FastLstmRuntime.Split.BATCH, x, eps, mask);
                Pair<INDArray, INDArray> exact = run(D, FastLstmRuntime.Split.BATCH, x, eps, mask);
                FastLstmRuntime.setVectorSteps(false);
                Pair<INDArray, INDArray> gemv = run(F, FastLstmRuntime.Split.BATCH, x, eps, mask);
                Pair<INDArray, INDArray> unitsGemv = run(F, FastLstmRuntime.Split.UNITS, x, eps, mask);
                FastLstmRuntime.setGemvRows(0);
                Pair<INDArray, INDArray> gemm = run(F, FastLstmRuntime.Split.BATCH, x, eps, mask);
                Pair<INDArray, INDArray> unitsGemm = run(F, FastLstmRuntime.Split.UNITS, x, eps, mask);
                FastLstmRuntime.setGemvRows(gemvRowsBefore);

                double scaleH = maxAbs(exact.getFirst());
                double scaleG = maxAbs(exact.getSecond());
                assertThat(maxAbsDiff(units.getFirst(), rows.getFirst())).as(what + ": states").isLessThan(1e-6 * scaleH);
                assertThat(maxAbsDiff(units.getSecond(), rows.getSecond())).as(what + ": gradients")
                        .isLessThan(1e-5 * scaleG);
                assertThat(maxAbsDiff(units.getFirst(), exact.getFirst())).as(what + ": states against double")
                        .isLessThan(1e-5 * scaleH);
                assertThat(maxAbsDiff(units.getSecond(), exact.getSecond())).as(what + ": gradients against double")
                        .isLessThan(1e-4 * scaleG);
                for (Pair<INDArray, INDArray> g : List.of(gemv, unitsGemv, gemm, unitsGemm)) {
                    assertThat(maxAbsDiff(g.getFirst(), rows.getFirst())).as(what + ": states, BLAS").isLessThan(1e-6 * scaleH);
                    assertThat(maxAbsDiff(g.getSecond(), rows.getSecond())).as(what + ": gradients, BLAS")
                            .isLessThan(1e-5 * scaleG);
                }
            }
        }
    }

    @Test
    void oneOrTwoSlicesAThreadGiveTheSameStatesAndGradients() {
        int before = FastLstmRuntime.slicesPerThread();
        try {
            INDArray x = randn(D, 71, 32, N_IN, T);
            INDArray eps = randn(D, 72, 32, UNITS, T);
            FastLstmRuntime.setSlicesPerThread(1);
            Pair<INDArray, INDArray> one = run(F, FastLstmRuntime.Split.BATCH, x, eps, null);
            FastLstmRuntime.setSlicesPerThread(2);
            Pair<INDArray, INDArray> two = run(F, FastLstmRuntime.Split.BATCH, x, eps, null);
            // each row's states are its own; the weight gradients sum four slices' parts instead of two
            assertThat(maxAbsDiff(two.getFirst(), one.getFirst())).as("states").isZero();
            assertThat(maxAbsDiff(two.getSecond(), one.getSecond())).as("gradients")
                    .isLessThan(1e-5 * maxAbs(one.getSecond()));
        } finally {
            FastLstmRuntime.setSlicesPerThread(before);
        }
    }

    @Test
    void balancedTasksEachRunOnceOnTheThreadsAndAFailureReachesTheCaller() {
        FastLstmRuntime.setThreads(2);
        java.util.concurrent.atomic.AtomicIntegerArray runs = new java.util.concurrent.atomic.AtomicIntegerArray(7);
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<Runnable> tasks = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            final int k = i;
            tasks.add(() -> {
                runs.incrementAndGet(k);
                threads.add(Thread.currentThread().getName());
            });
        }
        FastLstmRuntime.runBalanced(tasks);
        for (int i = 0; i < 7; i++) {
            assertThat(runs.get(i)).as("task %d", i).isEqualTo(1);
        }
        assertThat(threads).hasSizeLessThanOrEqualTo(2);
        List<Runnable> failing = List.of(() -> { }, () -> {
            throw new IllegalStateException("slice failed");
        }, () -> { });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FastLstmRuntime.runBalanced(failing))
                .hasMessage("slice failed");
    }

    @Test
    void theInputsAndDLdhGiveTheSameResultsInEveryLayout() {
        // batch-major inputs and dL/dh in a dense memory order are copied as blocks (BatchRows), the others by ND4J
        INDArray x = randn(D, 81, 7, N_IN, T);
        INDArray eps = randn(D, 82, 7, UNITS, T);
        INDArray gappy = Nd4j.zeros(D, 7, UNITS + 2, T);
        INDArray epsWithGaps = gappy.get(NDArrayIndex.all(), NDArrayIndex.interval(1, UNITS + 1), NDArrayIndex.all());
        epsWithGaps.assign(eps);
        Pair<INDArray, INDArray> featuresMajor = run(D, FastLstmRuntime.Split.BATCH, x, eps, null);
        Pair<INDArray, INDArray> batchMajor = run(D, FastLstmRuntime.Split.BATCH,
                x.permute(0, 2, 1).dup('c').permute(0, 2, 1), eps.dup('f'), null);
        Pair<INDArray, INDArray> withGaps = run(D, FastLstmRuntime.Split.BATCH, x, epsWithGaps, null);
        for (Pair<INDArray, INDArray> other : List.of(batchMajor, withGaps)) {
            assertThat(maxAbsDiff(other.getFirst(), featuresMajor.getFirst())).as("states").isZero();
            assertThat(maxAbsDiff(other.getSecond(), featuresMajor.getSecond())).as("gradients").isZero();
        }
    }

    @Test
    void theDoubleKernelSplitByUnitsMatchesItsBatchSplitToDoublePrecision() {
        INDArray x = randn(D, 61, 5, N_IN, T);
        INDArray eps = randn(D, 62, 5, UNITS, T);
        INDArray mask = randomMask(5, 63);
        Pair<INDArray, INDArray> units = run(D, FastLstmRuntime.Split.UNITS, x, eps, mask);
        Pair<INDArray, INDArray> rows = run(D, FastLstmRuntime.Split.BATCH, x, eps, mask);
        assertThat(maxAbsDiff(units.getFirst(), rows.getFirst())).isLessThan(1e-12);
        assertThat(maxAbsDiff(units.getSecond(), rows.getSecond())).isLessThan(1e-12);
    }

    @Test
    void autoSplitsLargeLayersOnFullBatchesByUnitsAndTheRestByRows() {
        FastLstmRuntime.setThreads(2);
        FastLstmRuntime.setSplit(FastLstmRuntime.Split.AUTO);
        int units = FastLstmRuntime.UNIT_SPLIT_MIN_UNITS;
        // with the per-step products on the vector unit the batch split was faster at every size measured
        FastLstmRuntime.setVectorSteps(true);
        assertThat(FastLstmRuntime.splitsByUnits(32, units)).isFalse();
        assertThat(FastLstmRuntime.splitsByUnits(32, 4 * units)).isFalse();
        FastLstmRuntime.setVectorSteps(false);
        assertThat(FastLstmRuntime.splitsByUnits(32, units)).isTrue();
        assertThat(FastLstmRuntime.splitsByUnits(32, units - 1)).isFalse();
        assertThat(FastLstmRuntime.splitsByUnits(1, units)).isFalse();
        assertThat(FastLstmRuntime.splitsByUnits(FastLstmRuntime.UNIT_SPLIT_MIN_BATCH - 1, units)).isFalse();
        FastLstmRuntime.setSplit(FastLstmRuntime.Split.UNITS);
        assertThat(FastLstmRuntime.splitsByUnits(1, 2)).isTrue();
        assertThat(FastLstmRuntime.splitsByUnits(32, 1)).as("fewer units than threads").isFalse();
        FastLstmRuntime.setThreads(1);
        assertThat(FastLstmRuntime.splitsByUnits(32, units)).isFalse();
    }

    @Test
    void theRuntimeSaysWhereThePerStepProductsRunAndWhyNotOnTheVectorUnit() {
        FastLstmRuntime.setVectorSteps(true);
        assertThat(FastLstmRuntime.describeSteps()).startsWith("per-step products on the vector unit (")
                .endsWith("-bit vectors)");
        FastLstmRuntime.setVectorSteps(false);
        // surefire adds the module: what is left to say is the vectors' width or the switch
        assertThat(FastLstmRuntime.describeSteps()).startsWith("per-step products through OpenBLAS (")
                .containsAnyOf("turned off (-Dflatten.lstm.vector=false)", "the vector unit pays from 512");
    }

    /** Post-padding masks of random lengths (at least one real step each, and a full row first). */
    private static INDArray randomMask(int batch, long seed) {
        Random rnd = new Random(seed);
        int[] lengths = new int[batch];
        for (int i = 0; i < batch; i++) {
            lengths[i] = i == 0 ? T : 1 + rnd.nextInt(T);
        }
        return mask(D, T, rnd.nextBoolean(), lengths);
    }

    /** States, then all gradients (weights, then input) in one row, with two threads split this way. */
    static Pair<INDArray, INDArray> run(DataType dt, FastLstmRuntime.Split split, INDArray x, INDArray eps,
                                        INDArray mask) {
        FastLstmRuntime.setThreads(2);
        FastLstmRuntime.setSplit(split);
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(dt, dt);
        try {
            MultiLayerNetwork net = net(true, N_IN, UNITS, 2, Head.SEQUENCE, dt, null, null);
            sameRandomParams(net, net, 7);
            net.initGradientsView();
            Layer lstm = net.getLayer(0);
            lstm.setMaskArray(mask == null ? null : mask.castTo(dt));
            INDArray states = lstm.activate(x.castTo(dt), true, LayerWorkspaceMgr.noWorkspaces()).castTo(D);
            Pair<Gradient, INDArray> g = lstm.backpropGradient(eps.castTo(dt), LayerWorkspaceMgr.noWorkspaces());
            INDArray all = Nd4j.concat(1, g.getFirst().gradient().castTo(D).reshape(1, -1),
                    g.getSecond().castTo(D).reshape(1, -1));
            return new Pair<>(states, all);
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }
}
