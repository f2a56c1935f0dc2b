// GENERATED from LstmKernelF.java by gen-double-kernel.sh: do not edit; edit LstmKernelF and rerun.
package org.flattenexplorer.model.lstm;

import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Double-precision LSTM kernel (see {@link LstmKernel}).
 *
 * <p>Layout: the batch is cut into slices (one per thread, {@link FastLstmRuntime#threads()}); each slice
 * keeps its data time-major ([T, n, ...] row-major) in native buffers so that every time step is one
 * contiguous block. Per slice, the forward pass is one big GEMM for all steps' input projections
 * ([T*n, nIn] x [nIn, 4U]), then per step one recurrent GEMM ([n, U] x [U, 4U]) and one fused Java loop over
 * the gates, which overwrites the pre-activations with the activations (the cache for backprop). The
 * backward pass runs one GEMM per step for dL/dh and one fused Java loop for the gate deltas; the weight
 * gradients and dL/dinput are three big GEMMs after the sweep. Slices run in parallel and their weight
 * gradients are summed at the end.
 *
 * <p>Generated from LstmKernelF.
 */
final class LstmKernelD implements LstmKernel {

    private static final int ROW_MAJOR = openblas_nolapack.CblasRowMajor;
    private static final int NO_TRANS = openblas_nolapack.CblasNoTrans;
    private static final int TRANS = openblas_nolapack.CblasTrans;
    private static final DataType DTYPE = DataType.DOUBLE;

    private int batch;
    private int steps;
    private int nIn;
    private int units;
    private boolean cached;
    private final Buf wc = new Buf();
    private final Buf rwc = new Buf();
    private double[] bias = new double[0];
    private Slice[] slices = new Slice[0];

    @Override
    public void forward(INDArray input, INDArray w, INDArray rw, INDArray b, INDArray mask, boolean forBackprop,
                       INDArray out) {
        FastLstmRuntime.configureNativeSingleThreaded();
        cached = false;
        batch = (int) input.size(0);
        nIn = (int) input.size(1);
        steps = (int) input.size(2);
        units = (int) rw.size(0);
        final int g4 = 4 * units;
        if (w.size(0) != nIn || w.size(1) != g4 || rw.size(1) != g4 || b.length() != g4) {
            throw new IllegalArgumentException("LSTM shapes do not match: input " + java.util.Arrays.toString(input.shape())
                    + ", W " + java.util.Arrays.toString(w.shape()) + ", RW " + java.util.Arrays.toString(rw.shape()));
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            wc.ensure((long) nIn * g4);
            rwc.ensure((long) units * g4);
            wc.view(nIn, g4).assign(w);
            rwc.view(units, g4).assign(rw);
            if (bias.length != g4) {
                bias = new double[g4];
            }
            INDArray bFlat = b.reshape(g4).castTo(DTYPE);
            for (int j = 0; j < g4; j++) {
                bias[j] = (double) bFlat.getDouble(j);
            }
            final double[][] maskRows = mask == null ? null : mask.reshape(mask.size(0), steps).toDoubleMatrix();
            makeSlices();
            List<Runnable> tasks = new ArrayList<>();
            for (Slice s : slices) {
                tasks.add(() -> s.forward(input, maskRows, forBackprop, out));
            }
            FastLstmRuntime.runAll(tasks);
        }
        cached = forBackprop;
    }

    @Override
    public void backward(INDArray eps, INDArray gW, INDArray gRW, INDArray gB, INDArray epsOut) {
        if (!cached) {
            throw new IllegalStateException("backward() needs a forward pass with forBackprop=true first");
        }
        if (eps.size(0) != batch || eps.size(1) != units || eps.size(2) != steps) {
            throw new IllegalArgumentException("epsilon shape " + java.util.Arrays.toString(eps.shape())
                    + " does not match the forward pass [" + batch + ", " + units + ", " + steps + "]");
        }
        final int g4 = 4 * units;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            List<Runnable> tasks = new ArrayList<>();
            for (Slice s : slices) {
                tasks.add(() -> s.backward(eps, epsOut));
            }
            FastLstmRuntime.runAll(tasks);
            gW.assign(slices[0].dw.view(nIn, g4));
            gRW.assign(slices[0].drw.view(units, g4));
            double[] db = new double[g4];
            for (int k = 0; k < slices.length; k++) {
                if (k > 0) {
                    gW.addi(slices[k].dw.view(nIn, g4));
                    gRW.addi(slices[k].drw.view(units, g4));
                }
                for (int j = 0; j < g4; j++) {
                    db[j] += slices[k].db[j];
                }
            }
            gB.assign(Nd4j.createFromArray(db).castTo(gB.dataType()).reshape(gB.shape()));
        }
    }

    @Override
    public void release() {
        cached = false;
        wc.free();
        rwc.free();
        for (Slice s : slices) {
            s.free();
        }
        slices = new Slice[0];
    }

    private void makeSlices() {
        int parts = Math.max(1, Math.min(FastLstmRuntime.threads(), batch));
        if (slices.length != parts) {
            for (Slice s : slices) {
                s.free();
            }
            slices = new Slice[parts];
            for (int k = 0; k < parts; k++) {
                slices[k] = new Slice();
            }
        }
        int lo = 0;
        for (int k = 0; k < parts; k++) {
            int n = batch / parts + (k < batch % parts ? 1 : 0);
            slices[k].lo = lo;
            slices[k].n = n;
            lo += n;
        }
    }

    private static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    private static double tanh(double x) {
        return 1.0 - 2.0 / (1.0 + Math.exp(2.0 * x));
    }

    /** A growable native buffer, usable both as an INDArray (for layout copies) and by cblas and Java loops. */
    private static final class Buf {
        INDArray flat;
        DoublePointer ptr;
        DoubleBuffer nio;
        long capacity;

        void ensure(long len) {
            if (capacity >= len && flat != null) {
                return;
            }
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                flat = Nd4j.createUninitializedDetached(DTYPE, Math.max(1, len));
            }
            ptr = new DoublePointer(flat.data().addressPointer());
            nio = flat.data().asNioDouble();
            capacity = len;
        }

        INDArray view(long... shape) {
            long len = 1;
            for (long d : shape) {
                len *= d;
            }
            return flat.get(NDArrayIndex.interval(0, len)).reshape('c', shape);
        }

        /** A pointer to element {@code offset}; each buffer's pointer is used by one GEMM argument at a time. */
        DoublePointer at(long offset) {
            return ptr.position(offset);
        }

        void free() {
            flat = null;
            ptr = null;
            nio = null;
            capacity = 0;
        }
    }

    /** One batch slice [lo, lo + n): its buffers and its share of the work. */
    private final class Slice {
        int lo;
        int n;
        final Buf x = new Buf();   // [T, n, nIn] inputs
        final Buf z = new Buf();   // [T, n, 4U] pre-activations, then gate activations
        final Buf h = new Buf();   // [T, n, U] hidden states (masked)
        final Buf e = new Buf();   // [T, n, U] dL/dh
        final Buf dz = new Buf();  // [T, n, 4U] gate deltas
        final Buf dx = new Buf();  // [T, n, nIn] dL/dinput
        final Buf dw = new Buf();  // [nIn, 4U]
        final Buf drw = new Buf(); // [U, 4U]
        final Buf wp = new Buf();  // private pointer objects onto the shared weight copies
        final Buf rwp = new Buf();
        double[] c = new double[0];  // [T, n, U] cell states (masked)
        double[] tc = new double[0]; // [T, n, U] tanh of the unmasked cell states
        double[] m = new double[0];  // [T, n] mask, time-major
        boolean masked;
        double[] db = new double[0];
        double[] row = new double[0];
        double[] hrow = new double[0];
        double[] dcNext = new double[0];
        double[] fNext = new double[0];

        void free() {
            for (Buf bf : new Buf[] {x, z, h, e, dz, dx, dw, drw}) {
                bf.free();
            }
            c = tc = m = row = hrow = dcNext = fNext = new double[0];
        }

        private void sharePointers() {
            wp.flat = wc.flat;
            wp.ptr = new DoublePointer(wc.ptr);
            rwp.flat = rwc.flat;
            rwp.ptr = new DoublePointer(rwc.ptr);
        }

        void forward(INDArray input, double[][] maskRows, boolean forBackprop, INDArray out) {
            final int T = steps;
            final int U = units;
            final int G = 4 * U;
            final int nU = n * U;
            final int nG = n * G;
            final long tn = (long) T * n;
            if (tn * G > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("batch slice too large for the fast LSTM: " + tn + " x " + G);
            }
            x.ensure(tn * nIn);
            z.ensure(tn * G);
            h.ensure(tn * U);
            sharePointers();
            if (c.length < tn * U) {
                c = new double[(int) (tn * U)];
                tc = new double[(int) (tn * U)];
            }
            if (row.length < nG) {
                row = new double[nG];
                hrow = new double[nU];
            }
            masked = maskRows != null;
            if (masked) {
                if (m.length < tn) {
                    m = new double[(int) tn];
                }
                for (int t = 0; t < T; t++) {
                    for (int r = 0; r < n; r++) {
                        m[t * n + r] = (double) maskRows[lo + r][t];
                    }
                }
            }
            INDArray mine = input.get(NDArrayIndex.interval(lo, lo + n), NDArrayIndex.all(), NDArrayIndex.all());
            x.view(T, n, nIn).assign(mine.permute(2, 0, 1));
            // all steps' input projections at once: Z = X * W
            openblas_nolapack.cblas_dgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, (int) tn, G, nIn, 1, x.at(0), nIn,
                    wp.at(0), G, 0, z.at(0), G);
            final double[] zr = row;
            final double[] hr = hrow;
            final double[] bs = bias;
            final DoubleBuffer zb = z.nio;
            final DoubleBuffer hb = h.nio;
            for (int t = 0; t < T; t++) {
                final int zOff = t * nG;
                if (t > 0) {
                    openblas_nolapack.cblas_dgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, n, G, U, 1, h.at((long) (t - 1) * nU), U,
                            rwp.at(0), G, 1, z.at(zOff), G);
                }
                zb.get(zOff, zr, 0, nG);
                final int cOff = t * nU;
                final int pOff = cOff - nU;
                for (int r = 0; r < n; r++) {
                    final int zBase = r * G;
                    final int cBase = r * U;
                    final double mk = masked ? m[t * n + r] : 1;
                    for (int u = 0; u < U; u++) {
                        final int k = zBase + u;
                        final double gA = (double) tanh(zr[k] + bs[u]);
                        final double fA = (double) sigmoid(zr[k + U] + bs[u + U]);
                        final double oA = (double) sigmoid(zr[k + 2 * U] + bs[u + 2 * U]);
                        final double iA = (double) sigmoid(zr[k + 3 * U] + bs[u + 3 * U]);
                        zr[k] = gA;
                        zr[k + U] = fA;
                        zr[k + 2 * U] = oA;
                        zr[k + 3 * U] = iA;
                        final double cPrev = t > 0 ? c[pOff + cBase + u] : 0;
                        double cell = fA * cPrev + iA * gA;
                        final double tanhC = (double) tanh(cell);
                        double hid = oA * tanhC;
                        if (mk != 1) {
                            hid *= mk;
                            cell *= mk;
                        }
                        c[cOff + cBase + u] = cell;
                        tc[cOff + cBase + u] = tanhC;
                        hr[cBase + u] = hid;
                    }
                }
                if (forBackprop) {
                    zb.put(zOff, zr, 0, nG);
                }
                hb.put(cOff, hr, 0, nU);
            }
            if (out != null) {
                out.get(NDArrayIndex.interval(lo, lo + n), NDArrayIndex.all(), NDArrayIndex.all())
                        .assign(h.view(T, n, U).permute(1, 2, 0));
            }
        }

        void backward(INDArray eps, INDArray epsOut) {
            final int T = steps;
            final int U = units;
            final int G = 4 * U;
            final int nU = n * U;
            final int nG = n * G;
            final long tn = (long) T * n;
            e.ensure(tn * U);
            dz.ensure(tn * G);
            dx.ensure(tn * nIn);
            dw.ensure((long) nIn * G);
            drw.ensure((long) U * G);
            if (dcNext.length < nU) {
                dcNext = new double[nU];
                fNext = new double[nU];
            }
            if (db.length != G) {
                db = new double[G];
            }
            java.util.Arrays.fill(db, 0);
            e.view(T, n, U).assign(eps.get(NDArrayIndex.interval(lo, lo + n), NDArrayIndex.all(), NDArrayIndex.all())
                    .permute(2, 0, 1));
            final double[] a = row;
            final double[] dh = hrow;
            final double[] d = new double[nG];
            final double[] dcN = dcNext;
            final double[] fN = fNext;
            final DoubleBuffer zb = z.nio;
            final DoubleBuffer eb = e.nio;
            final DoubleBuffer dzb = dz.nio;
            for (int t = T - 1; t >= 0; t--) {
                final int eOff = t * nU;
                if (t < T - 1) {
                    // dL/dh_t += dZ_{t+1} * RW^T
                    openblas_nolapack.cblas_dgemm(ROW_MAJOR, NO_TRANS, TRANS, n, U, G, 1, dz.at((long) (t + 1) * nG), G,
                            rwp.at(0), G, 1, e.at(eOff), U);
                }
                eb.get(eOff, dh, 0, nU);
                zb.get(t * nG, a, 0, nG);
                final boolean last = t == T - 1;
                final int pOff = eOff - nU;
                for (int r = 0; r < n; r++) {
                    final int zBase = r * G;
                    final int cBase = r * U;
                    final double mk = masked ? m[t * n + r] : 1;
                    for (int u = 0; u < U; u++) {
                        final int k = zBase + u;
                        final int ci = cBase + u;
                        final double gA = a[k];
                        final double fA = a[k + U];
                        final double oA = a[k + 2 * U];
                        final double iA = a[k + 3 * U];
                        final double dhv = dh[ci];
                        final double tanhC = tc[eOff + ci];
                        // stock: tanh'(c) is taken at the stored (masked) cell state
                        final double tanhStored = mk == 1 ? tanhC : (double) tanh(c[eOff + ci]);
                        final double dO = dhv * tanhC * (oA * (1 - oA));
                        double dc = (1 - tanhStored * tanhStored) * (oA * dhv);
                        if (!last) {
                            dc += fN[ci] * dcN[ci];
                        }
                        final double cPrev = t > 0 ? c[pOff + ci] : 0;
                        final double dF = (fA * (1 - fA)) * dc * cPrev;
                        final double dI = (iA * (1 - iA)) * gA * dc;
                        final double dG = (1 - gA * gA) * (iA * dc);
                        d[k] = dG;
                        d[k + U] = dF;
                        d[k + 2 * U] = dO;
                        d[k + 3 * U] = dI;
                        dcN[ci] = dc;
                        fN[ci] = fA;
                    }
                }
                for (int r = 0; r < n; r++) {
                    final int zBase = r * G;
                    for (int j = 0; j < G; j++) {
                        db[j] += d[zBase + j];
                    }
                }
                dzb.put(t * nG, d, 0, nG);
            }
            // weight gradients: dW = X^T dZ, dRW = H_{0..T-2}^T dZ_{1..T-1}; dL/dX = dZ W^T
            openblas_nolapack.cblas_dgemm(ROW_MAJOR, TRANS, NO_TRANS, nIn, G, (int) tn, 1, x.at(0), nIn, dz.at(0), G,
                    0, dw.at(0), G);
            if (T > 1) {
                openblas_nolapack.cblas_dgemm(ROW_MAJOR, TRANS, NO_TRANS, U, G, (int) (tn - n), 1, h.at(0), U,
                        dz.at(nG), G, 0, drw.at(0), G);
            } else {
                drw.view(U, G).assign(0);
            }
            openblas_nolapack.cblas_dgemm(ROW_MAJOR, NO_TRANS, TRANS, (int) tn, nIn, G, 1, dz.at(0), G, wp.at(0), G,
                    0, dx.at(0), nIn);
            epsOut.get(NDArrayIndex.interval(lo, lo + n), NDArrayIndex.all(), NDArrayIndex.all())
                    .assign(dx.view(T, n, nIn).permute(1, 2, 0));
        }
    }
}
