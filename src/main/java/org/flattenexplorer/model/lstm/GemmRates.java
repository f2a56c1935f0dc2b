package org.flattenexplorer.model.lstm;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.flattenexplorer.model.EpochFlops;
import org.flattenexplorer.model.EpochFlops.Gemm;

/**
 * What the machine can compute: the SGEMM rate on the recurrent layer's own GEMM shapes ({@link EpochFlops.Gemm}),
 * through the BLAS the fast kernels use (bytedeco's {@code openblas_nolapack}, single-threaded as
 * {@link FastLstmRuntime#configureNativeSingleThreaded()} sets it), with one thread doing a whole batch's GEMMs
 * and with {@code threads} Java threads each doing a slice of the batch at the same time, as the kernels use the
 * cores. Each kind is timed over whole batches' worth of its calls (the per-step kinds: T - 1 calls), the best of
 * a few repeats. Where the kernels run the per-step products on the vector unit instead
 * ({@link FastLstmRuntime#vectorSteps()}), those kinds are timed that way too (with the kernel's copies of the rows),
 * and the bound takes the faster.
 */
public final class GemmRates {

    /**
     * One kind's rates in GFLOP/s through BLAS, alone ({@code threads} = 1) and with the batch split over the threads,
     * and the same on the vector unit ({@link StepProductF}; NaN where not measured).
     */
    public record Rate(Gemm gemm, long[] shape, double gflops1, int threads, double gflopsN, double vector1,
                       double vectorN) {
        /** The fastest of the ways: what the bound assumes the machine can do. */
        public double best() {
            double blas = Math.max(gflops1, gflopsN);
            return Double.isNaN(vector1) ? blas : Math.max(blas, Math.max(vector1, vectorN));
        }
    }

    private static final int ROW_MAJOR = openblas_nolapack.CblasRowMajor;
    private static final int NO_TRANS = openblas_nolapack.CblasNoTrans;
    private static final int TRANS = openblas_nolapack.CblasTrans;
    private static final int REPEATS = 3;

    private GemmRates() {
    }

    /**
     * Measures every kind for batches of {@code batch} sequences, single-threaded and split over {@code threads}
     * Java threads, each repeat lasting about {@code seconds}.
     */
    public static List<Rate> measure(EpochFlops.Dims dims, int batch, int threads, double seconds) {
        FastLstmRuntime.configureNativeSingleThreaded();
        List<Rate> rates = new ArrayList<>();
        for (Gemm g : Gemm.values()) {
            double one = rate(g, dims, batch, 1, seconds, false);
            double many = threads > 1 ? rate(g, dims, batch, threads, seconds, false) : one;
            double vectorOne = Double.NaN;
            double vectorMany = Double.NaN;
            if (FastLstmRuntime.vectorSteps() && (g == Gemm.RECURRENT || g == Gemm.RECURRENT_BACKWARD)) {
                vectorOne = rate(g, dims, batch, 1, seconds, true);
                vectorMany = threads > 1 ? rate(g, dims, batch, threads, seconds, true) : vectorOne;
            }
            rates.add(new Rate(g, g.shape(batch, dims), one, threads, many, vectorOne, vectorMany));
        }
        return rates;
    }

    private static double rate(Gemm g, EpochFlops.Dims dims, int batch, int threads, double seconds, boolean vector) {
        int parts = Math.max(1, Math.min(threads, batch));
        List<Operands> slices = new ArrayList<>();
        for (int k = 0; k < parts; k++) {
            slices.add(new Operands(g, g.shape(batch / parts + (k < batch % parts ? 1 : 0), dims), k, vector));
        }
        long calls = Math.max(1, g.calls(dims));
        // calibrate: one batch's worth of calls, so a repeat lasts about `seconds`
        long start = System.nanoTime();
        run(slices, calls);
        double once = Math.max(1e-6, (System.nanoTime() - start) / 1e9);
        long batches = Math.max(1, Math.round(seconds / once));
        double flopsPerBatch = g.flops(batch, dims);
        double best = 0;
        for (int r = 0; r < REPEATS; r++) {
            long t0 = System.nanoTime();
            for (long b = 0; b < batches; b++) {
                run(slices, calls);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            best = Math.max(best, flopsPerBatch * batches / s / 1e9);
        }
        for (Operands o : slices) {
            o.close();
        }
        return best;
    }

    private static void run(List<Operands> slices, long calls) {
        List<Runnable> tasks = new ArrayList<>();
        for (Operands o : slices) {
            tasks.add(() -> {
                for (long c = 0; c < calls; c++) {
                    o.gemm();
                }
            });
        }
        FastLstmRuntime.runAll(tasks);
    }

    /**
     * One thread's matrices for one kind, laid out and transposed as the kernels call it, or on the vector unit as
     * the kernels run a per-step product there (the rows copied in, the product from zero).
     */
    private static final class Operands {
        final int m;
        final int n;
        final int k;
        final int transA;
        final int transB;
        final FloatPointer a;
        final FloatPointer b;
        final FloatPointer c;
        final StepProductF vector;
        final java.nio.FloatBuffer rows; // a's rows as the vector unit reads them, like the kernels' buffers

        Operands(Gemm g, long[] shape, long seed, boolean onVectorUnit) {
            m = (int) shape[0];
            n = (int) shape[1];
            k = (int) shape[2];
            transA = g == Gemm.INPUT_WEIGHT_GRADIENT || g == Gemm.RECURRENT_WEIGHT_GRADIENT ? TRANS : NO_TRANS;
            transB = g == Gemm.RECURRENT_BACKWARD || g == Gemm.INPUT_GRADIENT ? TRANS : NO_TRANS;
            a = filled((long) m * k, seed);
            b = filled((long) k * n, seed + 100);
            c = filled((long) m * n, seed + 200);
            vector = onVectorUnit ? new StepProductF() : null;
            rows = onVectorUnit ? a.asBuffer() : null;
            if (vector != null) {
                vector.loadWeights(b.asBuffer(), 0, n, k, n);
            }
        }

        void gemm() {
            if (vector != null) {
                vector.zeroOutput(m);
                vector.loadInput(rows, 0, k, m);
                vector.run();
                return;
            }
            int lda = transA == TRANS ? m : k;
            int ldb = transB == TRANS ? k : n;
            openblas_nolapack.cblas_sgemm(ROW_MAJOR, transA, transB, m, n, k, 1, a, lda, b, ldb, 0, c, n);
        }

        void close() {
            a.close();
            b.close();
            c.close();
        }

        private static FloatPointer filled(long len, long seed) {
            Random random = new Random(seed);
            float[] values = new float[(int) len];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextFloat() - 0.5f;
            }
            return new FloatPointer(values);
        }
    }
}
