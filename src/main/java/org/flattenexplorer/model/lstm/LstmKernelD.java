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

/**
 * Double-precision LSTM kernel (see {@link LstmKernel}).
 *
 * <p>Layout: batch-major. Inputs, pre-activations, hidden states, gate deltas and input gradients live in
 * native buffers laid out [b, T, ...] row-major, which is the layout of the embedding layer's output
 * ([b, T, nIn] c-order seen as [b, nIn, T]) and of the Keras-order Flatten, so the copies in and out are
 * plain contiguous copies, not transposes. One time step of a batch slice is then a strided block (leading
 * dimension T*...), which cblas takes as it is.
 *
 * <p>The batch is cut into slices (one per thread, {@link FastLstmRuntime#threads()}), each a contiguous range
 * of batch rows that its thread owns for the whole sequence: per slice, the forward pass is one big GEMM for all
 * steps' input projections ([n*T, nIn] x [nIn, 4U]), then per step one recurrent GEMM ([n, U] x [U, 4U]) and short
 * Java loops over the gate blocks, which overwrites the pre-activations with the activations (the cache for
 * backprop). The backward pass runs one GEMM per step for dL/dh and short Java loops for the gate deltas;
 * the weight gradients and dL/dinput are big GEMMs after the sweep. Slices' weight gradients are summed at the
 * end. BLAS runs single-threaded (the slices are the parallelism).
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
    private final NativeDoubles wc = new NativeDoubles();
    private final NativeDoubles rwc = new NativeDoubles();
    private double[][] bias = new double[0][];  // [4][U] by gate block
    private Slice[] slices = new Slice[0];

    // shared batch-major buffers; each slice touches only its own rows
    private final NativeDoubles x = new NativeDoubles();   // [b, T, nIn] inputs
    private final NativeDoubles z = new NativeDoubles();   // [b, T, 4U] pre-activations, then gate activations
    private final NativeDoubles h = new NativeDoubles();   // [b, T, U] hidden states (a masked step holds the previous one)
    private final NativeDoubles e = new NativeDoubles();   // dL/dh in the epsilon's own memory order (strides eB, eU, eT)
    private final NativeDoubles dz = new NativeDoubles();  // [b, T, 4U] gate deltas
    private final NativeDoubles dx = new NativeDoubles();  // [b, T, nIn] dL/dinput
    private double[][] c = new double[0][];  // [b*T][U] cell states (a masked step holds the previous one), row r*T + t
    private double[][] tc = new double[0][]; // [b*T][U] tanh of the cell states of real (unmasked) steps
    private double[] m = new double[0];  // [b, T] mask: 0 = masked step
    private boolean masked;
    private long eB;
    private long eU;
    private long eT;

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
        final long bt = (long) batch * steps;
        if (bt * g4 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("batch too large for the fast LSTM: " + bt + " x " + g4);
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            wc.ensure((long) nIn * g4);
            rwc.ensure((long) units * g4);
            wc.view(nIn, g4).assign(w);
            rwc.view(units, g4).assign(rw);
            if (bias.length != 4 || bias[0].length != units) {
                bias = new double[4][units];
            }
            double[] bFlat = b.reshape(g4).castTo(DataType.DOUBLE).toDoubleVector();
            for (int j = 0; j < g4; j++) {
                bias[j / units][j % units] = (double) bFlat[j];
            }
            x.ensure(bt * nIn);
            z.ensure(bt * g4);
            h.ensure(bt * units);
            x.view(batch, steps, nIn).assign(input.permute(0, 2, 1));
            if (forBackprop && (c.length < bt || c[0].length != units)) {
                c = new double[(int) bt][units];
                tc = new double[(int) bt][units];
            }
            masked = mask != null;
            if (masked) {
                if (m.length < bt) {
                    m = new double[(int) bt];
                }
                double[][] mr = mask.reshape(mask.size(0), steps).toDoubleMatrix();
                for (int r = 0; r < batch; r++) {
                    for (int t = 0; t < steps; t++) {
                        m[r * steps + t] = (double) mr[r][t];
                    }
                }
            }
            makeSlices();
            List<Runnable> tasks = new ArrayList<>();
            for (Slice s : slices) {
                tasks.add(() -> s.forward(forBackprop));
            }
            FastLstmRuntime.runAll(tasks);
            if (out != null) {
                out.assign(h.view(batch, steps, units));
            }
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
        final long bt = (long) batch * steps;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            copyEpsilon(eps);
            dz.ensure(bt * g4);
            dx.ensure(bt * nIn);
            List<Runnable> tasks = new ArrayList<>();
            for (Slice s : slices) {
                tasks.add(s::backward);
            }
            FastLstmRuntime.runAll(tasks);
            epsOut.assign(dx.view(batch, steps, nIn));
            gW.assign(slices[0].dw.view(nIn, g4));
            gRW.assign(slices[0].drw.view(units, g4));
            double[] db = new double[g4];
            for (int k = 0; k < slices.length; k++) {
                if (k > 0) {
                    gW.addi(slices[k].dw.view(nIn, g4));
                    gRW.addi(slices[k].drw.view(units, g4));
                }
                for (int j = 0; j < g4; j++) {
                    db[j] += slices[k].db[j / units][j % units];
                }
            }
            gB.assign(Nd4j.createFromArray(db).castTo(gB.dataType()).reshape(gB.shape()));
        }
    }

    /**
     * Copies dL/dh [b, U, T] into {@link #e} keeping the epsilon's own memory order (largest stride first), so
     * the copy is contiguous whatever the layout (Flatten's 'f' order, or a batch-major view), and records the
     * element strides of b, u, t in that copy.
     */
    private void copyEpsilon(INDArray eps) {
        long[] st = eps.stride();
        Integer[] order = {0, 1, 2};
        // sort dimensions by decreasing stride (ties: keep b, u, t order)
        java.util.Arrays.sort(order, (p, q) -> Long.compare(st[q], st[p]));
        int[] perm = {order[0], order[1], order[2]};
        long[] shape = {eps.size(perm[0]), eps.size(perm[1]), eps.size(perm[2])};
        e.ensure((long) batch * units * steps);
        e.view(shape).assign(eps.castTo(DTYPE).permute(perm));
        long[] strideOf = new long[3];
        strideOf[perm[2]] = 1;
        strideOf[perm[1]] = shape[2];
        strideOf[perm[0]] = shape[1] * shape[2];
        eB = strideOf[0];
        eU = strideOf[1];
        eT = strideOf[2];
    }

    @Override
    public void release() {
        cached = false;
        for (NativeDoubles bf : new NativeDoubles[] {wc, rwc, x, z, h, e, dz, dx}) {
            bf.free();
        }
        c = tc = new double[0][];
        m = new double[0];
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

    // The per-row loops live in small static methods over arrays indexed from 0, one gate block per array, each
    // loop touching at most four arrays: the JIT (JDK 17) vectorizes them only then. A row offset into one of the
    // arrays made them ~8x slower; one loop over the four gate blocks of a [4U] row (reading one array at four
    // offsets) ran 3-7x slower than the same arithmetic in the short loops below (measured on the cell and delta
    // loops of one epoch). The split keeps every operation and its order, so the results are the same bits.

    /** a = tanh(a + b), in place: the g block. */
    static void tanhBias(double[] a, double[] b, int U) {
        for (int u = 0; u < U; u++) {
            a[u] = LstmMath.tanh(a[u] + b[u]);
        }
    }

    /** a = sigmoid(a + b), in place: the f, o and i blocks. */
    static void sigmoidBias(double[] a, double[] b, int U) {
        for (int u = 0; u < U; u++) {
            a[u] = LstmMath.sigmoid(a[u] + b[u]);
        }
    }

    /** Gate activations in place on one row of pre-activations, by block [g (tanh), f, o, i (sigmoid)]. */
    static void activateGates(double[][] z, double[][] bias, int U) {
        tanhBias(z[0], bias[0], U);
        sigmoidBias(z[1], bias[1], U);
        sigmoidBias(z[2], bias[2], U);
        sigmoidBias(z[3], bias[3], U);
    }

    /** out = a * b. */
    static void product(double[] out, double[] a, double[] b, int U) {
        for (int u = 0; u < U; u++) {
            out[u] = a[u] * b[u];
        }
    }

    /** out += a * b. */
    static void addProduct(double[] out, double[] a, double[] b, int U) {
        for (int u = 0; u < U; u++) {
            out[u] += a[u] * b[u];
        }
    }

    /** out = tanh(a). */
    static void tanh(double[] out, double[] a, int U) {
        for (int u = 0; u < U; u++) {
            out[u] = LstmMath.tanh(a[u]);
        }
    }

    /**
     * Cell and hidden states of one row from its gate activations {@code z} [g | f | o | i] and the previous cell
     * state {@code cp} (which may be the same array as {@code c}): c = f cp + i g, tc = tanh(c), h = o tc.
     */
    static void cells(double[][] z, double[] cp, double[] c, double[] tc, double[] h, int U) {
        product(c, z[1], cp, U);
        addProduct(c, z[3], z[0], U);
        tanh(tc, c, U);
        product(h, z[2], tc, U);
    }

    /** dc = (1 - tc^2) (o dh). */
    static void cellDelta(double[] dc, double[] tc, double[] o, double[] dh, int U) {
        for (int u = 0; u < U; u++) {
            dc[u] = (1 - tc[u] * tc[u]) * (o[u] * dh[u]);
        }
    }

    /** d_g = (1 - g^2) (i dc). */
    static void candidateDelta(double[] d, double[] g, double[] i, double[] dc, int U) {
        for (int u = 0; u < U; u++) {
            d[u] = (1 - g[u] * g[u]) * (i[u] * dc[u]);
        }
    }

    /** d_f = f (1 - f) dc cp. */
    static void forgetDelta(double[] d, double[] f, double[] dc, double[] cp, int U) {
        for (int u = 0; u < U; u++) {
            d[u] = (f[u] * (1 - f[u])) * dc[u] * cp[u];
        }
    }

    /** d_o = dh tc o (1 - o). */
    static void outputDelta(double[] d, double[] dh, double[] tc, double[] o, int U) {
        for (int u = 0; u < U; u++) {
            d[u] = dh[u] * tc[u] * (o[u] * (1 - o[u]));
        }
    }

    /** d_i = i (1 - i) g dc. */
    static void inputDelta(double[] d, double[] i, double[] g, double[] dc, int U) {
        for (int u = 0; u < U; u++) {
            d[u] = (i[u] * (1 - i[u])) * g[u] * dc[u];
        }
    }

    /**
     * Gate deltas {@code d} [4][U] of one row at one real step from the gate activations {@code a} [4][U], dL/dh,
     * the cached tanh(c) and the previous cell state; updates the running dL/dc and forget gate ({@code dcN},
     * {@code fN}: dL/dc_t = (1 - tc^2) o dh + fN * dcN, 0 for the last step).
     */
    static void gateDeltas(double[][] a, double[] dh, double[] tc, double[] cp, double[] fN, double[] dcN, double[][] d, int U) {
        final double[] dc = d[0]; // scratch until d_g is written
        cellDelta(dc, tc, a[2], dh, U);
        addProduct(dc, fN, dcN, U);
        System.arraycopy(dc, 0, dcN, 0, U);
        candidateDelta(d[0], a[0], a[3], dcN, U);
        forgetDelta(d[1], a[1], dcN, cp, U);
        outputDelta(d[2], dh, tc, a[2], U);
        inputDelta(d[3], a[3], a[0], dcN, U);
        System.arraycopy(a[1], 0, fN, 0, U);
    }

    /**
     * A masked step copies the previous state (c_t = c_{t-1}, h_t = h_{t-1}): no gate deltas, and dL/dh and dL/dc
     * pass to step t-1 unchanged ({@code dhCarry} receives dL/dh_t; dL/dc_t = fN * dcN stays, with fN = 1).
     */
    static void carryThroughMaskedStep(double[] dh, double[] dhCarry, double[] fN, double[] dcN, double[][] d, int U) {
        for (int u = 0; u < U; u++) {
            dhCarry[u] = dh[u];
            dcN[u] = fN[u] * dcN[u];
            fN[u] = 1;
        }
        for (double[] block : d) {
            java.util.Arrays.fill(block, 0);
        }
    }

    /** dh += e + carried. */
    static void addInto(double[] dh, double[] e, double[] carried, int U) {
        for (int u = 0; u < U; u++) {
            dh[u] += e[u] + carried[u];
        }
    }

    /** acc += d (the bias gradient, summed in double). */
    static void sum(double[] acc, double[] d, int U) {
        for (int u = 0; u < U; u++) {
            acc[u] += d[u];
        }
    }

    /** Reads the four gate blocks of one [4U] row at {@code at}. */
    private static void getRow(DoubleBuffer from, int at, double[][] row, int U) {
        for (int k = 0; k < row.length; k++) {
            from.get(at + k * U, row[k], 0, U);
        }
    }

    /** Writes the four gate blocks as one [4U] row at {@code at}. */
    private static void putRow(DoubleBuffer to, int at, double[][] row, int U) {
        for (int k = 0; k < row.length; k++) {
            to.put(at + k * U, row[k], 0, U);
        }
    }

    /** One batch slice, rows [lo, lo + n): its private buffers and its share of the work. */
    private final class Slice {
        int lo;
        int n;
        final NativeDoubles dw = new NativeDoubles();  // [nIn, 4U]
        final NativeDoubles drw = new NativeDoubles(); // [U, 4U]
        final NativeDoubles dht = new NativeDoubles(); // [n, U] dL/dh_t from the next step's gate deltas
        double[][] db = new double[0][]; // [4][U]
        double[][] za = new double[0][];  // one row of gate pre-activations / activations [4][U]
        double[] hNew = new double[0];   // one row of hidden states [U]
        double[] dhRow = new double[0];  // one row of dL/dh [U]
        double[] er = new double[0];     // one row of the epsilon [U]
        double[] tcRow = new double[0];  // inference: one row of tanh(c) [U]
        double[][] d = new double[0][];   // one row of gate deltas [4][U]
        double[] zeroU = new double[0];  // c_{-1}
        double[][] cRoll = new double[0][]; // inference: each row's running cell state
        double[][] dcNext = new double[0][];
        double[][] fNext = new double[0][];
        double[][] dhCarry = new double[0][]; // dL/dh carried back over masked steps

        void free() {
            for (NativeDoubles bf : new NativeDoubles[] {dw, drw, dht}) {
                bf.free();
            }
            hNew = dhRow = er = tcRow = zeroU = new double[0];
            za = d = cRoll = dcNext = fNext = dhCarry = new double[0][];
            db = new double[0][];
        }

        private void scratch(int U) {
            if (za.length != 4 || za[0].length != U) {
                za = new double[4][U];
                d = new double[4][U];
                hNew = new double[U];
                dhRow = new double[U];
                er = new double[U];
                tcRow = new double[U];
                zeroU = new double[U];
            }
        }

        void forward(boolean keep) {
            final int T = steps;
            final int U = units;
            final int G = 4 * U;
            final int ldz = T * G;
            final int ldh = T * U;
            scratch(U);
            if (!keep) {
                if (cRoll.length != n || cRoll[0].length != U) {
                    cRoll = new double[n][U];
                }
                for (double[] cr : cRoll) {
                    java.util.Arrays.fill(cr, 0);
                }
            }
            final DoublePointer pz = z.at((long) lo * ldz);
            final DoublePointer ph = h.at(0);
            final DoublePointer pw = wc.at(0);
            final DoublePointer prw = rwc.at(0);
            // all steps' input projections at once: Z = X * W
            openblas_nolapack.cblas_dgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, n * T, G, nIn, 1,
                    x.at((long) lo * T * nIn), nIn, pw, G, 0, pz, G);
            final double[][] zr = za;
            final double[] hr = hNew;
            final double[] tcr = tcRow;
            final double[][] bs = bias;
            final double[][] cc = c;
            final double[][] tcc = tc;
            final double[] zero = zeroU;
            final DoubleBuffer zb = z.nio;
            final DoubleBuffer hb = h.nio;
            for (int t = 0; t < T; t++) {
                if (t > 0) {
                    openblas_nolapack.cblas_dgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, n, G, U, 1,
                            ph.position((long) lo * ldh + (long) (t - 1) * U), ldh, prw, G, 1,
                            pz.position((long) lo * ldz + (long) t * G), ldz);
                }
                for (int r = 0; r < n; r++) {
                    final int zIdx = (lo + r) * ldz + t * G;
                    final int ci = (lo + r) * T + t;
                    if (masked && m[ci] == 0) {
                        // Keras: a masked step keeps the previous state and outputs it again (zeros before any word)
                        if (t > 0) {
                            hb.get((lo + r) * ldh + (t - 1) * U, hr, 0, U);
                        } else {
                            java.util.Arrays.fill(hr, 0);
                        }
                        if (keep) {
                            System.arraycopy(t > 0 ? cc[ci - 1] : zero, 0, cc[ci], 0, U);
                        }
                    } else {
                        getRow(zb, zIdx, zr, U);
                        activateGates(zr, bs, U);
                        if (keep) {
                            cells(zr, t > 0 ? cc[ci - 1] : zero, cc[ci], tcc[ci], hr, U);
                            putRow(zb, zIdx, zr, U);
                        } else {
                            cells(zr, cRoll[r], cRoll[r], tcr, hr, U);
                        }
                    }
                    hb.put((lo + r) * ldh + t * U, hr, 0, U);
                }
            }
        }

        void backward() {
            final int T = steps;
            final int U = units;
            final int G = 4 * U;
            final int nU = n * U;
            final int ldz = T * G;
            final int ldh = T * U;
            scratch(U);
            dw.ensure((long) nIn * G);
            drw.ensure((long) U * G);
            dht.ensure(nU);
            if (dcNext.length != n || dcNext[0].length != U) {
                dcNext = new double[n][U];
                fNext = new double[n][U];
                dhCarry = new double[n][U];
            }
            for (int r = 0; r < n; r++) {
                java.util.Arrays.fill(dcNext[r], 0);
                java.util.Arrays.fill(fNext[r], 0);
                java.util.Arrays.fill(dhCarry[r], 0);
            }
            if (db.length != 4 || db[0].length != U) {
                db = new double[4][U];
            }
            for (double[] block : db) {
                java.util.Arrays.fill(block, 0);
            }
            final DoublePointer pdz = dz.at(0);
            final DoublePointer prw = rwc.at(0);
            final DoublePointer pdht = dht.at(0);
            final double[][] a = za;
            final double[] dh = dhRow;
            final double[] eRow = er;
            final double[][] dd = d;
            final double[] zero = zeroU;
            final double[][] cc = c;
            final double[][] tcc = tc;
            final double[][] dbs = db;
            final DoubleBuffer zb = z.nio;
            final DoubleBuffer eb = e.nio;
            final DoubleBuffer dzb = dz.nio;
            final DoubleBuffer dhb = dht.nio;
            final long sb = eB;
            final long su = eU;
            final long st = eT;
            for (int t = T - 1; t >= 0; t--) {
                final boolean last = t == T - 1;
                if (!last) {
                    // dL/dh_t (recurrent part) = dZ_{t+1} * RW^T
                    openblas_nolapack.cblas_dgemm(ROW_MAJOR, NO_TRANS, TRANS, n, U, G, 1,
                            pdz.position((long) lo * ldz + (long) (t + 1) * G), ldz, prw, G, 0, pdht, U);
                }
                for (int r = 0; r < n; r++) {
                    final int row0 = lo + r;
                    final int zIdx = row0 * ldz + t * G;
                    getRow(zb, zIdx, a, U);
                    if (last) {
                        java.util.Arrays.fill(dh, 0);
                    } else {
                        dhb.get(r * U, dh, 0, U);
                    }
                    final long eBase = row0 * sb + t * st;
                    final double[] carried = dhCarry[r];
                    if (su == 1) {
                        // dL/dh stored unit-fastest (Flatten's layout): one bulk read
                        eb.get((int) eBase, eRow, 0, U);
                        addInto(dh, eRow, carried, U);
                    } else {
                        for (int u = 0; u < U; u++) {
                            dh[u] += eb.get((int) (eBase + u * su)) + carried[u];
                        }
                    }
                    final int ci = row0 * T + t;
                    if (masked && m[ci] == 0) {
                        carryThroughMaskedStep(dh, carried, fNext[r], dcNext[r], dd, U);
                    } else {
                        java.util.Arrays.fill(carried, 0);
                        gateDeltas(a, dh, tcc[ci], t > 0 ? cc[ci - 1] : zero, fNext[r], dcNext[r], dd, U);
                    }
                    for (int k = 0; k < 4; k++) {
                        sum(dbs[k], dd[k], U);
                    }
                    putRow(dzb, zIdx, dd, U);
                }
            }
            // weight gradients: dW = X^T dZ, dRW = sum over rows of H_{0..T-2}^T dZ_{1..T-1}; dL/dX = dZ W^T
            final long rows = (long) n * T;
            openblas_nolapack.cblas_dgemm(ROW_MAJOR, TRANS, NO_TRANS, nIn, G, (int) rows, 1,
                    x.at((long) lo * T * nIn), nIn, dz.at((long) lo * ldz), G, 0, dw.at(0), G);
            if (T > 1) {
                final DoublePointer ph = h.at(0);
                final DoublePointer pdrw = drw.at(0);
                for (int r = 0; r < n; r++) {
                    openblas_nolapack.cblas_dgemm(ROW_MAJOR, TRANS, NO_TRANS, U, G, T - 1, 1,
                            ph.position((long) (lo + r) * ldh), U, pdz.position((long) (lo + r) * ldz + G), G,
                            r == 0 ? 0 : 1, pdrw, G);
                }
            } else {
                drw.view(U, G).assign(0);
            }
            openblas_nolapack.cblas_dgemm(ROW_MAJOR, NO_TRANS, TRANS, (int) rows, nIn, G, 1,
                    dz.at((long) lo * ldz), G, wc.at(0), G, 0, dx.at((long) lo * T * nIn), nIn);
        }
    }
}
