package org.flattenexplorer.model.lstm;

import java.nio.FloatBuffer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * One slice's per-step recurrent product, {@code out[n, N] += in[n, K] x w[K, N]}, on the JVM's vector unit.
 *
 * <p>Why not BLAS: a recurrent kernel multiplies the same [K, N] weights by a few rows ([16, 128] x [128, 512] for
 * the question's LSTM) 500 times a batch. OpenBLAS packs the weights on every GEMM call, and one GEMV a row reads
 * them once a row; both ran at about 40-45 GFLOP/s a core here. This kernel keeps eight rows' accumulators (or
 * four, for the rows left over) in registers while it streams the weights once per eight rows (the weights stay in
 * L2 between steps); with four rows it ran at 75-87 GFLOP/s on the same shapes with 512-bit vectors. With 256-bit vectors it was no faster than the GEMVs, so
 * the kernels use it only on machines whose preferred vectors are 512 bits wide ({@link FastLstmRuntime#vectorSteps}).
 *
 * <p>The operands are copied to the Java heap: the weights once a pass ({@link #loadWeights},
 * {@link #loadWeightsTransposed}), the rows once a step ({@link #loadInput}, {@link #loadOutput}); a step's copies
 * are ~1/20 of its arithmetic. The class needs the incubating module {@code jdk.incubator.vector}
 * ({@code --add-modules jdk.incubator.vector}); nothing loads it unless {@link FastLstmRuntime#vectorSteps()} is on.
 *
 * <p>{@code StepProductD} is generated from this file (scripts/gen-double-kernel.sh): keep them in sync.
 */
public final class StepProductF {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private float[] w = new float[0];
    private float[] in = new float[0];
    private float[] out = new float[0];
    private int k;
    private int width;
    private int rows;

    /** Bits of the vectors this class computes with (the machine's preferred width). */
    public static int vectorBits() {
        return S.vectorBitSize();
    }

    /** Copies the weights: {@code w[i][j] = from[at + i * ld + j]} for K rows and N columns. */
    public void loadWeights(FloatBuffer from, int at, int ld, int kRows, int nCols) {
        shape(kRows, nCols);
        for (int i = 0; i < kRows; i++) {
            from.get(at + i * ld, w, i * nCols, nCols);
        }
    }

    /** Copies the transpose of a [N, K] block: {@code w[i][j] = from[at + j * ld + i]}. */
    public void loadWeightsTransposed(FloatBuffer from, int at, int ld, int kRows, int nCols) {
        shape(kRows, nCols);
        float[] row = new float[kRows];
        for (int j = 0; j < nCols; j++) {
            from.get(at + j * ld, row, 0, kRows);
            for (int i = 0; i < kRows; i++) {
                w[i * nCols + j] = row[i];
            }
        }
    }

    private void shape(int kRows, int nCols) {
        k = kRows;
        width = nCols;
        if (w.length < kRows * nCols) {
            w = new float[kRows * nCols];
        }
    }

    /** Copies n rows of K inputs, row r from {@code from[at + r * ld]}. */
    public void loadInput(FloatBuffer from, int at, int ld, int n) {
        rows(n);
        for (int r = 0; r < n; r++) {
            from.get(at + r * ld, in, r * k, k);
        }
    }

    /** Copies n rows of K inputs, row r from {@code from[at[r]]}. */
    public void loadInput(FloatBuffer from, int[] at, int n) {
        rows(n);
        for (int r = 0; r < n; r++) {
            from.get(at[r], in, r * k, k);
        }
    }

    /** Starts the outputs from n rows of N values, row r from {@code from[at[r]]}. */
    public void loadOutput(FloatBuffer from, int[] at, int n) {
        rows(n);
        for (int r = 0; r < n; r++) {
            from.get(at[r], out, r * width, width);
        }
    }

    /** Starts the outputs from n rows of N values, row r from {@code from[at + r * ld]}. */
    public void loadOutput(FloatBuffer from, int at, int ld, int n) {
        rows(n);
        for (int r = 0; r < n; r++) {
            from.get(at + r * ld, out, r * width, width);
        }
    }

    /** Starts the outputs of n rows at zero. */
    public void zeroOutput(int n) {
        rows(n);
        java.util.Arrays.fill(out, 0, n * width, 0);
    }

    private void rows(int n) {
        rows = n;
        if (in.length < n * k) {
            in = new float[n * k];
        }
        if (out.length < n * width) {
            out = new float[n * width];
        }
    }

    /** The outputs, row r at {@code r * N}. */
    public float[] out() {
        return out;
    }

    /** {@code out += in x w} over the rows loaded. */
    public void run() {
        int r = 0;
        for (; r + 8 <= rows; r += 8) {
            eightRows(r);
        }
        for (; r + 4 <= rows; r += 4) {
            fourRows(r);
        }
        for (; r < rows; r++) {
            row(r, 0);
        }
    }

    /**
     * Rows r to r + 7, two vectors of columns at a time: 16 accumulators in registers, so the weights stream once
     * per eight rows (a slice's rows in the question's LSTM). Against {@link #fourRows} on [8, 128] x [128, 512]:
     * 78-95 GFLOP/s against 57-76 here, and the question's epoch 0.96x (CellEpochBench, the two taking turns).
     * Each output's sum runs over i in the same order as in the other blocks, so the results are the same bits.
     */
    private void eightRows(int r) {
        final float[] a = in;
        final float[] b = w;
        final float[] c = out;
        final int kk = k;
        final int n = width;
        final int a0 = r * kk;
        final int a1 = a0 + kk;
        final int a2 = a1 + kk;
        final int a3 = a2 + kk;
        final int a4 = a3 + kk;
        final int a5 = a4 + kk;
        final int a6 = a5 + kk;
        final int a7 = a6 + kk;
        final int c0 = r * n;
        final int c1 = c0 + n;
        final int c2 = c1 + n;
        final int c3 = c2 + n;
        final int c4 = c3 + n;
        final int c5 = c4 + n;
        final int c6 = c5 + n;
        final int c7 = c6 + n;
        int j = 0;
        for (; j + 2 * L <= n; j += 2 * L) {
            FloatVector s00 = FloatVector.fromArray(S, c, c0 + j);
            FloatVector s01 = FloatVector.fromArray(S, c, c0 + j + L);
            FloatVector s10 = FloatVector.fromArray(S, c, c1 + j);
            FloatVector s11 = FloatVector.fromArray(S, c, c1 + j + L);
            FloatVector s20 = FloatVector.fromArray(S, c, c2 + j);
            FloatVector s21 = FloatVector.fromArray(S, c, c2 + j + L);
            FloatVector s30 = FloatVector.fromArray(S, c, c3 + j);
            FloatVector s31 = FloatVector.fromArray(S, c, c3 + j + L);
            FloatVector s40 = FloatVector.fromArray(S, c, c4 + j);
            FloatVector s41 = FloatVector.fromArray(S, c, c4 + j + L);
            FloatVector s50 = FloatVector.fromArray(S, c, c5 + j);
            FloatVector s51 = FloatVector.fromArray(S, c, c5 + j + L);
            FloatVector s60 = FloatVector.fromArray(S, c, c6 + j);
            FloatVector s61 = FloatVector.fromArray(S, c, c6 + j + L);
            FloatVector s70 = FloatVector.fromArray(S, c, c7 + j);
            FloatVector s71 = FloatVector.fromArray(S, c, c7 + j + L);
            for (int i = 0; i < kk; i++) {
                final FloatVector w0 = FloatVector.fromArray(S, b, i * n + j);
                final FloatVector w1 = FloatVector.fromArray(S, b, i * n + j + L);
                FloatVector x;
                x = FloatVector.broadcast(S, a[a0 + i]);
                s00 = w0.fma(x, s00);
                s01 = w1.fma(x, s01);
                x = FloatVector.broadcast(S, a[a1 + i]);
                s10 = w0.fma(x, s10);
                s11 = w1.fma(x, s11);
                x = FloatVector.broadcast(S, a[a2 + i]);
                s20 = w0.fma(x, s20);
                s21 = w1.fma(x, s21);
                x = FloatVector.broadcast(S, a[a3 + i]);
                s30 = w0.fma(x, s30);
                s31 = w1.fma(x, s31);
                x = FloatVector.broadcast(S, a[a4 + i]);
                s40 = w0.fma(x, s40);
                s41 = w1.fma(x, s41);
                x = FloatVector.broadcast(S, a[a5 + i]);
                s50 = w0.fma(x, s50);
                s51 = w1.fma(x, s51);
                x = FloatVector.broadcast(S, a[a6 + i]);
                s60 = w0.fma(x, s60);
                s61 = w1.fma(x, s61);
                x = FloatVector.broadcast(S, a[a7 + i]);
                s70 = w0.fma(x, s70);
                s71 = w1.fma(x, s71);
            }
            s00.intoArray(c, c0 + j);
            s01.intoArray(c, c0 + j + L);
            s10.intoArray(c, c1 + j);
            s11.intoArray(c, c1 + j + L);
            s20.intoArray(c, c2 + j);
            s21.intoArray(c, c2 + j + L);
            s30.intoArray(c, c3 + j);
            s31.intoArray(c, c3 + j + L);
            s40.intoArray(c, c4 + j);
            s41.intoArray(c, c4 + j + L);
            s50.intoArray(c, c5 + j);
            s51.intoArray(c, c5 + j + L);
            s60.intoArray(c, c6 + j);
            s61.intoArray(c, c6 + j + L);
            s70.intoArray(c, c7 + j);
            s71.intoArray(c, c7 + j + L);
        }
        if (j < n) {
            for (int q = r; q < r + 8; q++) {
                row(q, j);
            }
        }
    }

    private void fourRows(int r) {
        final float[] a = in;
        final float[] b = w;
        final float[] c = out;
        final int kk = k;
        final int n = width;
        final int a0 = r * kk;
        final int a1 = a0 + kk;
        final int a2 = a1 + kk;
        final int a3 = a2 + kk;
        final int c0 = r * n;
        final int c1 = c0 + n;
        final int c2 = c1 + n;
        final int c3 = c2 + n;
        int j = 0;
        for (; j + 2 * L <= n; j += 2 * L) {
            FloatVector s00 = FloatVector.fromArray(S, c, c0 + j);
            FloatVector s01 = FloatVector.fromArray(S, c, c0 + j + L);
            FloatVector s10 = FloatVector.fromArray(S, c, c1 + j);
            FloatVector s11 = FloatVector.fromArray(S, c, c1 + j + L);
            FloatVector s20 = FloatVector.fromArray(S, c, c2 + j);
            FloatVector s21 = FloatVector.fromArray(S, c, c2 + j + L);
            FloatVector s30 = FloatVector.fromArray(S, c, c3 + j);
            FloatVector s31 = FloatVector.fromArray(S, c, c3 + j + L);
            for (int i = 0; i < kk; i++) {
                final FloatVector w0 = FloatVector.fromArray(S, b, i * n + j);
                final FloatVector w1 = FloatVector.fromArray(S, b, i * n + j + L);
                FloatVector x = FloatVector.broadcast(S, a[a0 + i]);
                s00 = w0.fma(x, s00);
                s01 = w1.fma(x, s01);
                x = FloatVector.broadcast(S, a[a1 + i]);
                s10 = w0.fma(x, s10);
                s11 = w1.fma(x, s11);
                x = FloatVector.broadcast(S, a[a2 + i]);
                s20 = w0.fma(x, s20);
                s21 = w1.fma(x, s21);
                x = FloatVector.broadcast(S, a[a3 + i]);
                s30 = w0.fma(x, s30);
                s31 = w1.fma(x, s31);
            }
            s00.intoArray(c, c0 + j);
            s01.intoArray(c, c0 + j + L);
            s10.intoArray(c, c1 + j);
            s11.intoArray(c, c1 + j + L);
            s20.intoArray(c, c2 + j);
            s21.intoArray(c, c2 + j + L);
            s30.intoArray(c, c3 + j);
            s31.intoArray(c, c3 + j + L);
        }
        if (j < n) {
            for (int q = r; q < r + 4; q++) {
                row(q, j);
            }
        }
    }

    /**
     * Columns [from, N) of row r: two vectors at a time, then one, then one column at a time (a row outside the
     * eight- and four-row blocks, or the columns after the blocks of two vectors).
     */
    private void row(int r, int from) {
        final float[] a = in;
        final float[] b = w;
        final float[] c = out;
        final int kk = k;
        final int n = width;
        final int a0 = r * kk;
        final int c0 = r * n;
        int j = from;
        for (; j + 2 * L <= n; j += 2 * L) {
            FloatVector s0 = FloatVector.fromArray(S, c, c0 + j);
            FloatVector s1 = FloatVector.fromArray(S, c, c0 + j + L);
            for (int i = 0; i < kk; i++) {
                final FloatVector x = FloatVector.broadcast(S, a[a0 + i]);
                s0 = FloatVector.fromArray(S, b, i * n + j).fma(x, s0);
                s1 = FloatVector.fromArray(S, b, i * n + j + L).fma(x, s1);
            }
            s0.intoArray(c, c0 + j);
            s1.intoArray(c, c0 + j + L);
        }
        for (; j + L <= n; j += L) {
            FloatVector s = FloatVector.fromArray(S, c, c0 + j);
            for (int i = 0; i < kk; i++) {
                s = FloatVector.fromArray(S, b, i * n + j).fma(FloatVector.broadcast(S, a[a0 + i]), s);
            }
            s.intoArray(c, c0 + j);
        }
        for (; j < n; j++) {
            float s = c[c0 + j];
            for (int i = 0; i < kk; i++) {
                s = Math.fma(a[a0 + i], b[i * n + j], s);
            }
            c[c0 + j] = s;
        }
    }
}
