package org.flattenexplorer.model.lstm;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Runs of equal input rows at either end of each sequence, and the two big products of the fast kernels that they
 * make cheaper. Padding feeds a recurrent layer the same vector at every padded step (the embedding of index 0,
 * times the sequence's one dropout mask, {@code SequenceDropout}): on the IMDB subset at maxlen 500 about half the
 * steps. The input projection of such a run is one row, computed once (equal x give equal x W), and the run's share
 * of dW = X^T dZ is that row times the sum of the run's deltas. In training nothing else changes: the recurrence
 * still runs every step (h differs from step to step, and each sequence has its own dropout mask), and so do
 * dL/dinput and dRW. At inference (no dropout, no mask) the padded steps of every sequence see the same input from the
 * same zero state, so their states are the same too: one sequence computes them, the others copy them. The results
 * equal the dense products up to the order of float sums.
 *
 * <p>Layout as in the kernels: inputs [b, T, nIn] and deltas [b, T, ld] row-major, a slice's block of {@code cols}
 * columns starting at a column offset.
 *
 * <p>{@code InputRunsD} is generated from this file (scripts/gen-double-kernel.sh): keep them in sync.
 */
public final class InputRunsF {

    private static final int ROW_MAJOR = openblas_nolapack.CblasRowMajor;
    private static final int NO_TRANS = openblas_nolapack.CblasNoTrans;
    private static final int TRANS = openblas_nolapack.CblasTrans;

    private int steps;
    private int[] lead = new int[0];  // per sequence: its first rows that equal its first row (0, or 2 and more)
    private int[] trail = new int[0]; // per sequence: its last rows that equal its last row, not in lead (0, or >= 2)
    private int[] leader = new int[0]; // inference: the sequence whose states a sequence copies in its run, or -1

    /** A thread's scratch for {@link #weightGradient}. */
    public static final class Scratch {
        final NativeFloats reps = new NativeFloats();  // [runs, nIn] one input row of each run
        final NativeFloats sums = new NativeFloats();  // [runs, cols] the run's deltas summed
        final NativeFloats ones = new NativeFloats();  // [T]

        public void free() {
            reps.free();
            sums.free();
            ones.free();
        }
    }

    /**
     * Finds the runs of the inputs {@code x} [batch, steps, nIn] (ranges of sequences on the kernels' threads), or
     * records none when {@code share} is off (the products are then the dense ones, for comparison).
     */
    public void find(FloatBuffer x, int batch, int steps, int nIn, boolean share) {
        this.steps = steps;
        if (lead.length < batch) {
            lead = new int[batch];
            trail = new int[batch];
        }
        if (!share || steps < 2) {
            Arrays.fill(lead, 0, batch, 0);
            Arrays.fill(trail, 0, batch, 0);
            return;
        }
        BatchRows.forEach(batch, (lo, n) -> findIn(x, lo, n, nIn));
    }

    private void findIn(FloatBuffer x, int lo, int n, int nIn) {
        float[] first = new float[nIn];
        float[] row = new float[nIn];
        for (int b = lo; b < lo + n; b++) {
            lead[b] = 0;
            trail[b] = 0;
            final int base = b * steps * nIn;
            x.get(base, first, 0, nIn);
            int p = 1;
            while (p < steps && equalRow(x, base + p * nIn, first, row, nIn)) {
                p++;
            }
            lead[b] = p >= 2 ? p : 0;
            if (p < steps - 1) {
                x.get(base + (steps - 1) * nIn, first, 0, nIn);
                int q = 1;
                while (steps - 1 - q >= p && equalRow(x, base + (steps - 1 - q) * nIn, first, row, nIn)) {
                    q++;
                }
                trail[b] = q >= 2 ? q : 0;
            }
        }
    }

    private static boolean equalRow(FloatBuffer x, int at, float[] ref, float[] row, int nIn) {
        x.get(at, row, 0, nIn);
        return java.util.Arrays.equals(ref, 0, nIn, row, 0, nIn);
    }

    /** Rows of sequence {@code b} whose input projection is a copy of another row's. */
    public int sharedRows(int b) {
        return Math.max(0, lead[b] - 1) + Math.max(0, trail[b] - 1);
    }

    /**
     * For inference (no dropout, no mask): sequences of [lo, lo + n) that start with the same run input as the one
     * with the longest such run have its states for as long as their own run lasts (equal inputs from equal zero
     * states), so only that one computes them ({@link #activeRows}, {@link #copiesFrom}). Returns whether any
     * sequence copies another's states.
     */
    public boolean findLeaders(FloatBuffer x, int nIn, int lo, int n) {
        if (leader.length < lead.length) {
            leader = new int[lead.length];
        }
        int longest = -1;
        for (int b = lo; b < lo + n; b++) {
            leader[b] = -1;
            if (lead[b] > 0 && (longest < 0 || lead[b] > lead[longest])) {
                longest = b;
            }
        }
        if (longest < 0) {
            return false;
        }
        float[] first = new float[nIn];
        float[] row = new float[nIn];
        x.get(longest * steps * nIn, first, 0, nIn);
        boolean any = false;
        for (int b = lo; b < lo + n; b++) {
            if (b != longest && lead[b] > 0 && equalRow(x, b * steps * nIn, first, row, nIn)) {
                leader[b] = longest;
                any = true;
            }
        }
        return any;
    }

    /** The sequence whose states sequence {@code b} copies at step t, or -1 where it computes its own. */
    public int copiesFrom(int b, int t) {
        return leader[b] >= 0 && t < lead[b] ? leader[b] : -1;
    }

    /** Puts into {@code rows} the rows r (sequence lo + r) that compute their own states at step t; returns how many. */
    public int activeRows(int t, int lo, int n, int[] rows) {
        int count = 0;
        for (int r = 0; r < n; r++) {
            if (copiesFrom(lo + r, t) < 0) {
                rows[count++] = r;
            }
        }
        return count;
    }

    /** Whether any sequence of [lo, lo + n) has a run. */
    private boolean anyIn(int lo, int n) {
        for (int b = lo; b < lo + n; b++) {
            if (lead[b] > 0 || trail[b] > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Z = X W for the sequences [lo, lo + n) and one block of {@code cols} columns: one GEMM over each sequence's rows
     * between its runs (with one row of each run; neighbouring sequences without runs in one call), then each run's
     * row copied across the run. {@code zCol} is the block's first column and {@code ldz} the length of a row of z.
     */
    public void project(NativeFloats xs, int nIn, FloatPointer w, int ldw, NativeFloats zs, int zCol, int ldz, int cols,
                        int lo, int n) {
        final int T = steps;
        final FloatPointer x = xs.at(0);
        final FloatPointer z = zs.at(0);
        final FloatBuffer zb = zs.nio;
        if (!anyIn(lo, n)) {
            openblas_nolapack.cblas_sgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, n * T, cols, nIn, 1,
                    x.position((long) lo * T * nIn), nIn, w, ldw, 0, z.position((long) lo * T * ldz + zCol), ldz);
            return;
        }
        long from = -1;
        long to = -1;
        for (int b = lo; b < lo + n; b++) {
            final long r0 = (long) b * T + Math.max(0, lead[b] - 1);
            final long r1 = (long) b * T + (trail[b] > 0 ? T - trail[b] + 1 : T);
            if (r0 != to) {
                projectRows(x, nIn, w, ldw, z, zCol, ldz, cols, from, to);
                from = r0;
            }
            to = r1;
        }
        projectRows(x, nIn, w, ldw, z, zCol, ldz, cols, from, to);
        float[] row = new float[cols];
        for (int b = lo; b < lo + n; b++) {
            final int base = b * T * ldz + zCol;
            if (lead[b] > 0) {
                copyAcross(zb, base + (lead[b] - 1) * ldz, base, lead[b] - 1, ldz, row, cols);
            }
            if (trail[b] > 0) {
                copyAcross(zb, base + (T - trail[b]) * ldz, base + (T - trail[b] + 1) * ldz, trail[b] - 1, ldz, row,
                        cols);
            }
        }
    }

    private static void projectRows(FloatPointer x, int nIn, FloatPointer w, int ldw, FloatPointer z, int zCol,
                                    int ldz, int cols, long from, long to) {
        if (to > from && from >= 0) {
            openblas_nolapack.cblas_sgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, (int) (to - from), cols, nIn, 1,
                    x.position(from * nIn), nIn, w, ldw, 0, z.position(from * ldz + zCol), ldz);
        }
    }

    /** Copies the row at {@code src} into {@code count} rows from {@code dst} on. */
    private static void copyAcross(FloatBuffer zb, int src, int dst, int count, int ldz, float[] row, int cols) {
        zb.get(src, row, 0, cols);
        for (int k = 0; k < count; k++) {
            zb.put(dst + k * ldz, row, 0, cols);
        }
    }

    /**
     * {@code gw} [nIn, cols] (leading dimension {@code ldg}) = X^T dZ over the sequences [lo, lo + n) and one block of
     * {@code cols} columns of dZ (rows {@code ldz} long, the block from column {@code dzCol}): each run's deltas are
     * summed first (one GEMV against ones) and meet its one input row in a single small GEMM; the rows between the
     * runs go through one GEMM per stretch.
     */
    public void weightGradient(NativeFloats xs, int nIn, NativeFloats dzs, int dzCol, int ldz, int cols, int lo, int n,
                               FloatPointer gw, int ldg, Scratch scratch) {
        final int T = steps;
        final FloatPointer x = xs.at(0);
        final FloatPointer dz = dzs.at(0);
        if (!anyIn(lo, n)) {
            openblas_nolapack.cblas_sgemm(ROW_MAJOR, TRANS, NO_TRANS, nIn, cols, n * T, 1,
                    x.position((long) lo * T * nIn), nIn, dz.position((long) lo * T * ldz + dzCol), ldz, 0, gw, ldg);
            return;
        }
        scratch.reps.ensure(2L * n * nIn);
        scratch.sums.ensure(2L * n * cols);
        if (scratch.ones.capacity() < T) {
            scratch.ones.ensure(T);
            scratch.ones.view(T).assign(1);
        }
        final FloatBuffer xb = xs.nio;
        float[] row = new float[nIn];
        int runs = 0;
        for (int b = lo; b < lo + n; b++) {
            if (lead[b] > 0) {
                addRun(xb, dz, dzCol, ldz, cols, nIn, (long) b * T, lead[b], scratch, runs++, row);
            }
            if (trail[b] > 0) {
                addRun(xb, dz, dzCol, ldz, cols, nIn, (long) b * T + T - trail[b], trail[b], scratch, runs++, row);
            }
        }
        openblas_nolapack.cblas_sgemm(ROW_MAJOR, TRANS, NO_TRANS, nIn, cols, runs, 1, scratch.reps.at(0), nIn,
                scratch.sums.at(0), cols, 0, gw, ldg);
        long from = -1;
        long to = -1;
        for (int b = lo; b < lo + n; b++) {
            final long r0 = (long) b * T + lead[b];
            final long r1 = (long) b * T + T - trail[b];
            if (r0 != to) {
                gradientRows(x, nIn, dz, dzCol, ldz, cols, gw, ldg, from, to);
                from = r0;
            }
            to = r1;
        }
        gradientRows(x, nIn, dz, dzCol, ldz, cols, gw, ldg, from, to);
    }

    /** Records run number {@code k}: its input row and its deltas' column sums. */
    private static void addRun(FloatBuffer xb, FloatPointer dz, int dzCol, int ldz, int cols, int nIn, long start,
                               int length, Scratch scratch, int k, float[] row) {
        xb.get((int) (start * nIn), row, 0, nIn);
        scratch.reps.nio.put(k * nIn, row, 0, nIn);
        openblas_nolapack.cblas_sgemv(ROW_MAJOR, TRANS, length, cols, 1, dz.position(start * ldz + dzCol), ldz,
                scratch.ones.at(0), 1, 0, scratch.sums.at((long) k * cols), 1);
    }

    /** gw += X^T dZ over the rows [from, to). */
    private static void gradientRows(FloatPointer x, int nIn, FloatPointer dz, int dzCol, int ldz, int cols,
                                     FloatPointer gw, int ldg, long from, long to) {
        if (to > from && from >= 0) {
            openblas_nolapack.cblas_sgemm(ROW_MAJOR, TRANS, NO_TRANS, nIn, cols, (int) (to - from), 1,
                    x.position(from * nIn), nIn, dz.position(from * ldz + dzCol), ldz, 1, gw, ldg);
        }
    }
}
