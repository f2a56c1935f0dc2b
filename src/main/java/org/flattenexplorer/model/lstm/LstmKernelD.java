// GENERATED from LstmKernelF.java by gen-double-kernel.sh: do not edit; edit LstmKernelF and rerun.
package org.flattenexplorer.model.lstm;

import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>Layout: batch-major. Inputs, pre-activations, hidden states, gate deltas and input gradients live in
 * native buffers laid out [b, T, ...] row-major, which is the layout of the embedding layer's output
 * ([b, T, nIn] c-order seen as [b, nIn, T]) and of the Keras-order Flatten, so the copies in and out are
 * plain contiguous copies, not transposes. One time step of a batch slice is then a strided block (leading
 * dimension T*...), which cblas takes as it is.
 *
 * <p>The work is cut into slices in one of two ways ({@link FastLstmRuntime#splitsByUnits}):
 * <ul>
 * <li>by batch rows: each slice owns a contiguous range of batch rows, all units, for the whole sequence, and
 * needs nothing from the others; its weight gradients are summed with theirs at the end. There are
 * {@link FastLstmRuntime#slicesPerThread()} slices a thread, which the threads take one after another
 * ({@link FastLstmRuntime#runBalanced}), so a thread that is held up leaves its last slice to the other;</li>
 * <li>by units: each slice owns a contiguous range of units for all batch rows, and the slices meet at a
 * {@link StepBarrier} once per time step (step t needs every unit of h_{t-1}, and dL/dh_t every column of the gate
 * deltas of step t+1). Every per-step GEMM then has all the batch's rows: OpenBLAS packs the [U, 4U] weights on
 * every call whatever the rows, so few rows waste most of a call.</li>
 * </ul>
 * The 4U gate columns of the weights, pre-activations and gate deltas are permuted so that each slice's four gate
 * blocks [g | f | o | i] for its units are contiguous: slice k with units [u0, u0 + nu) owns the columns
 * [4 u0, 4 u0 + 4 nu), block q of unit u at 4 u0 + q nu + (u - u0). With one slice of all units (the batch split)
 * this is DL4J's own order. The weights are permuted on the way in, their gradients back on the way out.
 *
 * <p>Per slice, the forward pass is one big GEMM for all steps' input projections ([n*T, nIn] x [nIn, 4nu]), then
 * per step one recurrent GEMM ([n, U] x [U, 4nu]) and short Java loops over the gate blocks, which overwrite the
 * pre-activations with the activations (the cache for backprop). The backward pass runs one GEMM per step for dL/dh
 * ([n, 4U] x [4U, nu]) and short Java loops for the gate deltas; the weight gradients and dL/dinput are big GEMMs
 * after the sweep. Where {@link FastLstmRuntime#vectorSteps()} is on, the per-step products run on the JVM's vector
 * unit instead ({@link StepProductD}, about twice OpenBLAS's rate on these shapes); otherwise a slice of up to
 * {@link FastLstmRuntime#gemvRows()} rows runs them as one GEMV per row: OpenBLAS packs the weights on every GEMM
 * call whatever the rows, so a one-row GEMM took ~14x a GEMV's time, and up to 16 rows the GEMVs together are still
 * faster.
 * BLAS runs single-threaded (the slices are the parallelism).
 *
 * <p>Generated from LstmKernelF.
 */
final class LstmKernelD implements LstmKernel {

    private static final int ROW_MAJOR = openblas_nolapack.CblasRowMajor;
    private static final int NO_TRANS = openblas_nolapack.CblasNoTrans;
    private static final int TRANS = openblas_nolapack.CblasTrans;

    private int batch;
    private int steps;
    private int nIn;
    private int units;
    private boolean cached;
    private boolean byUnits;
    private final NativeDoubles wc = new NativeDoubles();   // [nIn, 4U], gate columns permuted
    private final NativeDoubles rwc = new NativeDoubles();  // [U, 4U], gate columns permuted
    private double[][] bias = new double[0][];  // [4][U] by gate block
    private Slice[] slices = new Slice[0];

    // shared batch-major buffers; each slice touches only its own rows (batch split) or gate columns (unit split)
    private final NativeDoubles x = new NativeDoubles();   // [b, T, nIn] inputs
    private final NativeDoubles z = new NativeDoubles();   // [b, T, 4U] pre-activations, then gate activations
    private final NativeDoubles h = new NativeDoubles();   // [b, T, U] hidden states (a masked step holds the previous one)
    private final NativeDoubles e = new NativeDoubles();   // dL/dh in the epsilon's own memory order (strides eB, eU, eT)
    private final NativeDoubles dz = new NativeDoubles();  // [b, T, 4U] gate deltas
    private final NativeDoubles dx = new NativeDoubles();  // [b, T, nIn] dL/dinput
    private double[] m = new double[0];  // [b, T] mask: 0 = masked step
    private final InputRunsD runs = new InputRunsD(); // each sequence's runs of equal input rows (its padding)
    private boolean follow;            // inference: some sequence copies another's states in its run
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
            makeSlices();
            wc.ensure((long) nIn * g4);
            rwc.ensure((long) units * g4);
            permuteColumns(w, wc.view(nIn, g4));
            permuteColumns(rw, rwc.view(units, g4));
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
            BatchRows.assign(input.permute(0, 2, 1), x.view(batch, steps, nIn));
            runs.find(x.nio, batch, steps, nIn, FastLstmRuntime.shareRuns());
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
            follow = false;
            if (!forBackprop && !masked && FastLstmRuntime.shareRuns()) {
                for (Slice s : slices) {
                    if (s == slices[0] || !byUnits) {
                        follow |= runs.findLeaders(x.nio, nIn, s.lo, s.n);
                    }
                }
            }
            final StepBarrier barrier = new StepBarrier(byUnits ? slices.length : 1);
            List<Runnable> tasks = new ArrayList<>();
            for (Slice s : slices) {
                tasks.add(() -> s.run(barrier, () -> s.forward(forBackprop, barrier)));
            }
            runSlices(tasks);
            if (out != null) {
                BatchRows.assign(h.view(batch, steps, units), out);
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
            for (Slice s : slices) {
                if (s == slices[0] || !byUnits) {
                    s.dw.ensure((long) nIn * g4);
                    s.drw.ensure((long) units * g4);
                }
            }
            final StepBarrier barrier = new StepBarrier(byUnits ? slices.length : 1);
            List<Runnable> tasks = new ArrayList<>();
            for (Slice s : slices) {
                tasks.add(() -> s.run(barrier, () -> s.backward(barrier)));
            }
            runSlices(tasks);
            BatchRows.assign(dx.view(batch, steps, nIn), epsOut);
            if (byUnits) {
                // the slices wrote their own gate columns of one shared pair of buffers
                unpermuteColumns(slices[0].dw.view(nIn, g4), gW);
                unpermuteColumns(slices[0].drw.view(units, g4), gRW);
            } else {
                BatchRows.sumInto(Arrays.stream(slices).map(s -> s.dw.view(nIn, g4)).toArray(INDArray[]::new), gW);
                BatchRows.sumInto(Arrays.stream(slices).map(s -> s.drw.view(units, g4)).toArray(INDArray[]::new), gRW);
            }
            double[] db = new double[g4];
            for (Slice s : slices) {
                for (int q = 0; q < 4; q++) {
                    for (int u = 0; u < s.nu; u++) {
                        db[q * units + s.u0 + u] += s.db[q][u];
                    }
                }
            }
            gB.assign(Nd4j.createFromArray(db).castTo(gB.dataType()).reshape(gB.shape()));
        }
    }

    /** The unit split's slices meet at a barrier, so they run at once; the batch split's balance themselves. */
    private void runSlices(List<Runnable> tasks) {
        if (byUnits) {
            FastLstmRuntime.runAll(tasks);
        } else {
            FastLstmRuntime.runBalanced(tasks);
        }
    }

    /** {@code to} [rows, 4U] (permuted columns) = {@code from} [rows, 4U] (DL4J's gate order). */
    private void permuteColumns(INDArray from, INDArray to) {
        if (!byUnits) {
            to.assign(from);
            return;
        }
        for (Slice s : slices) {
            for (int q = 0; q < 4; q++) {
                to.get(NDArrayIndex.all(), NDArrayIndex.interval(4 * s.u0 + q * s.nu, 4 * s.u0 + (q + 1) * s.nu))
                        .assign(from.get(NDArrayIndex.all(),
                                NDArrayIndex.interval(q * units + s.u0, q * units + s.u0 + s.nu)));
            }
        }
    }

    /** {@code to} [rows, 4U] (DL4J's gate order) = {@code from} [rows, 4U] (permuted columns). */
    private void unpermuteColumns(INDArray from, INDArray to) {
        for (Slice s : slices) {
            for (int q = 0; q < 4; q++) {
                to.get(NDArrayIndex.all(), NDArrayIndex.interval(q * units + s.u0, q * units + s.u0 + s.nu))
                        .assign(from.get(NDArrayIndex.all(),
                                NDArrayIndex.interval(4 * s.u0 + q * s.nu, 4 * s.u0 + (q + 1) * s.nu)));
            }
        }
    }

    /** Copies dL/dh [b, U, T] into {@link #e} in its own memory order and records where b, u and t step in it. */
    private void copyEpsilon(INDArray eps) {
        long[] strideOf = e.copyInMemoryOrder(eps);
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
        m = new double[0];
        for (Slice s : slices) {
            s.free();
        }
        slices = new Slice[0];
    }

    /**
     * Cuts the work into slices: by units (all rows, a share of the units each) or by batch rows (a share of the
     * rows, all units each). In the unit split the rows whose dL/dinput a slice computes after the sweep are cut as
     * in the batch split.
     */
    private void makeSlices() {
        int threads = FastLstmRuntime.threads();
        byUnits = FastLstmRuntime.splitsByUnits(batch, units);
        int parts = byUnits ? Math.min(threads, units) : FastLstmRuntime.batchSlices(batch);
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
        int u0 = 0;
        for (int k = 0; k < parts; k++) {
            Slice s = slices[k];
            s.party = k;
            int rows = Math.min(parts, batch);
            s.xN = k < rows ? batch / rows + (k < batch % rows ? 1 : 0) : 0;
            s.xLo = lo;
            lo += s.xN;
            if (byUnits) {
                s.lo = 0;
                s.n = batch;
                s.u0 = u0;
                s.nu = units / parts + (k < units % parts ? 1 : 0);
                u0 += s.nu;
            } else {
                s.lo = s.xLo;
                s.n = s.xN;
                s.u0 = 0;
                s.nu = units;
            }
        }
    }

    // The per-row loops live in small static methods over arrays indexed from 0, one gate block per array, each
    // loop touching at most four arrays: the JIT (JDK 17) vectorizes them only then. A row offset into one of the
    // arrays made them ~8x slower; one loop over the four gate blocks of a [4U] row (reading one array at four
    // offsets) ran 3-7x slower than the same arithmetic in the short loops below (measured on the cell and delta
    // loops of one epoch). The split keeps every operation and its order, so the results are the same bits.

    /** a = tanh(a + b), in place: the g block. */
    static void tanhBias(double[] a, double[] b, int U) {
        LstmMath.tanhBias(a, b, U);
    }

    /** a = sigmoid(a + b), in place: the f, o and i blocks. */
    static void sigmoidBias(double[] a, double[] b, int U) {
        LstmMath.sigmoidBias(a, b, U);
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
        LstmMath.tanh(out, a, U);
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

    /** Reads one [4U] row at {@code at} of a heap array into its four gate blocks. */
    private static void getRow(double[] from, int at, double[][] row, int U) {
        for (int k = 0; k < row.length; k++) {
            System.arraycopy(from, at + k * U, row[k], 0, U);
        }
    }

    /** Writes the four gate blocks as one [4U] row at {@code at}. */
    private static void putRow(DoubleBuffer to, int at, double[][] row, int U) {
        for (int k = 0; k < row.length; k++) {
            to.put(at + k * U, row[k], 0, U);
        }
    }

    /**
     * One slice of the work: batch rows [lo, lo + n) and units [u0, u0 + nu) (gate columns [4 u0, 4 u0 + 4 nu)),
     * its private buffers and its share of the work. After the backward sweep it computes dL/dinput for rows
     * [xLo, xLo + xN).
     */
    private final class Slice {
        int lo;
        int n;
        int u0;
        int nu;
        int xLo;
        int xN;
        int party;
        final NativeDoubles dw = new NativeDoubles();  // [nIn, 4U]
        final NativeDoubles drw = new NativeDoubles(); // [U, 4U]
        final NativeDoubles dht = new NativeDoubles(); // [n, nu] dL/dh_t from the next step's gate deltas
        double[][] db = new double[0][]; // [4][nu]
        double[][] bs = new double[0][];  // [4][nu] this slice's biases
        double[][] za = new double[0][];  // one row of gate pre-activations / activations [4][nu]
        double[] hNew = new double[0];   // one row of hidden states [nu]
        double[] dhRow = new double[0];  // one row of dL/dh [nu]
        double[] er = new double[0];     // one row of the epsilon [nu]
        double[] tcRow = new double[0];  // inference: one row of tanh(c) [nu]
        double[][] d = new double[0][];   // one row of gate deltas [4][nu]
        double[] zeroU = new double[0];  // c_{-1}
        double[][] c = new double[0][];  // [n*T][nu] cell states (a masked step holds the previous one), row r*T + t
        double[][] tc = new double[0][]; // [n*T][nu] tanh of the cell states of real (unmasked) steps
        double[][] cRoll = new double[0][]; // inference: each row's running cell state
        double[][] dcNext = new double[0][];
        double[][] fNext = new double[0][];
        double[][] dhCarry = new double[0][]; // dL/dh carried back over masked steps
        StepProductD product; // the per-step products when FastLstmRuntime.vectorSteps() (made on first use)
        int[] active = new int[0]; // inference: the rows that compute their own states at a step
        int[] zAts = new int[0];   // ... where their pre-activations and previous states are
        int[] hAts = new int[0];
        final InputRunsD.Scratch runScratch = new InputRunsD.Scratch();

        void free() {
            for (NativeDoubles bf : new NativeDoubles[] {dw, drw, dht}) {
                bf.free();
            }
            runScratch.free();
            product = null;
            active = zAts = hAts = new int[0];
            hNew = dhRow = er = tcRow = zeroU = new double[0];
            bs = za = d = c = tc = cRoll = dcNext = fNext = dhCarry = new double[0][];
            db = new double[0][];
        }

        /** Runs this slice's share; a failure breaks the barrier, so the other slices stop waiting for it. */
        void run(StepBarrier barrier, Runnable work) {
            try {
                work.run();
            } catch (RuntimeException | Error ex) {
                barrier.breakAll();
                throw ex;
            }
        }

        private void scratch(int U) {
            if (za.length != 4 || za[0].length != U) {
                za = new double[4][U];
                d = new double[4][U];
                bs = new double[4][U];
                hNew = new double[U];
                dhRow = new double[U];
                er = new double[U];
                tcRow = new double[U];
                zeroU = new double[U];
            }
        }

        private StepProductD product() {
            if (product == null) {
                product = new StepProductD();
            }
            return product;
        }

        void forward(boolean keep, StepBarrier barrier) {
            final int T = steps;
            final int U = nu;
            final int UA = units;
            final int G = 4 * UA;
            final int col = 4 * u0;
            final int ldz = T * G;
            final int ldh = T * UA;
            scratch(U);
            for (int q = 0; q < 4; q++) {
                System.arraycopy(bias[q], u0, bs[q], 0, U);
            }
            if (keep) {
                if (c.length < n * T || c[0].length != U) {
                    c = new double[n * T][U];
                    tc = new double[n * T][U];
                }
            } else {
                if (cRoll.length != n || cRoll[0].length != U) {
                    cRoll = new double[n][U];
                }
                for (double[] cr : cRoll) {
                    java.util.Arrays.fill(cr, 0);
                }
            }
            final DoublePointer pz = z.at((long) lo * ldz + col);
            final DoublePointer ph = h.at(0);
            final DoublePointer pw = wc.at(col);
            final DoublePointer prw = rwc.at(col);
            final int gemvRows = FastLstmRuntime.gemvRows();
            final StepProductD vp = FastLstmRuntime.vectorSteps() ? product() : null;
            if (vp != null) {
                vp.loadWeights(rwc.nio, col, G, UA, 4 * U);
            }
            // all steps' input projections at once: Z = X * W (this slice's rows and gate columns), a run of equal
            // inputs computed once
            runs.project(x, nIn, pw, G, z, col, G, 4 * U, lo, n);
            final double[][] zr = za;
            final double[] hr = hNew;
            final double[] tcr = tcRow;
            final double[][] bb = bs;
            final double[][] cc = c;
            final double[][] tcc = tc;
            final double[] zero = zeroU;
            final DoubleBuffer zb = z.nio;
            final DoubleBuffer hb = h.nio;
            // inference: a sequence in a run that another computes copies its states, row by row (not with a GEMM)
            final boolean share = follow && (vp != null || n <= gemvRows);
            if (share && active.length < n) {
                active = new int[n];
                zAts = new int[n];
                hAts = new int[n];
            }
            for (int t = 0; t < T; t++) {
                final int na = share ? runs.activeRows(t, lo, n, active) : n;
                if (vp != null && share) {
                    for (int k = 0; k < na; k++) {
                        zAts[k] = (lo + active[k]) * ldz + t * G + col;
                        hAts[k] = (lo + active[k]) * ldh + (t - 1) * UA;
                    }
                    vp.loadOutput(zb, zAts, na);
                    if (t > 0) {
                        vp.loadInput(hb, hAts, na);
                        vp.run();
                    }
                } else if (vp != null) {
                    // the step's input projections, plus h_{t-1} (every unit) x RW on the vector unit
                    vp.loadOutput(zb, lo * ldz + t * G + col, ldz, n);
                    if (t > 0) {
                        vp.loadInput(hb, lo * ldh + (t - 1) * UA, ldh, n);
                        vp.run();
                    }
                } else if (t > 0) {
                    final long zAt = (long) lo * ldz + (long) t * G + col;
                    final long hAt = (long) lo * ldh + (long) (t - 1) * UA;
                    if (n <= gemvRows) {
                        for (int k = 0; k < na; k++) {
                            final int r = share ? active[k] : k;
                            openblas_nolapack.cblas_dgemv(ROW_MAJOR, TRANS, UA, 4 * U, 1, prw, G,
                                    ph.position(hAt + (long) r * ldh), 1, 1, pz.position(zAt + (long) r * ldz), 1);
                        }
                    } else {
                        openblas_nolapack.cblas_dgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, n, 4 * U, UA, 1,
                                ph.position(hAt), ldh, prw, G, 1, pz.position(zAt), ldz);
                    }
                }
                for (int k = 0; k < na; k++) {
                    final int r = share ? active[k] : k;
                    final int zIdx = (lo + r) * ldz + t * G + col;
                    final int hIdx = (lo + r) * ldh + t * UA + u0;
                    final int ci = r * T + t;
                    if (masked && m[(lo + r) * T + t] == 0) {
                        // Keras: a masked step keeps the previous state and outputs it again (zeros before any word)
                        if (t > 0) {
                            hb.get(hIdx - UA, hr, 0, U);
                        } else {
                            java.util.Arrays.fill(hr, 0);
                        }
                        if (keep) {
                            System.arraycopy(t > 0 ? cc[ci - 1] : zero, 0, cc[ci], 0, U);
                        }
                    } else {
                        if (vp != null) {
                            getRow(vp.out(), k * 4 * U, zr, U);
                        } else {
                            getRow(zb, zIdx, zr, U);
                        }
                        activateGates(zr, bb, U);
                        if (keep) {
                            cells(zr, t > 0 ? cc[ci - 1] : zero, cc[ci], tcc[ci], hr, U);
                            putRow(zb, zIdx, zr, U);
                        } else {
                            cells(zr, cRoll[r], cRoll[r], tcr, hr, U);
                        }
                    }
                    hb.put(hIdx, hr, 0, U);
                }
                if (share && na < n) {
                    copyLeaders(t, hr);
                }
                // step t + 1 reads every unit of h_t
                barrier.await(party);
            }
        }

        /** Inference: the rows still in their run take this slice's units of their leader's states at step t. */
        private void copyLeaders(int t, double[] row) {
            final int ldh = steps * units;
            for (int r = 0; r < n; r++) {
                final int from = runs.copiesFrom(lo + r, t);
                if (from >= 0) {
                    h.nio.get(from * ldh + t * units + u0, row, 0, nu);
                    h.nio.put((lo + r) * ldh + t * units + u0, row, 0, nu);
                    System.arraycopy(cRoll[from - lo], 0, cRoll[r], 0, nu);
                }
            }
        }

        void backward(StepBarrier barrier) {
            final int T = steps;
            final int U = nu;
            final int UA = units;
            final int G = 4 * UA;
            final int col = 4 * u0;
            final int ldz = T * G;
            final int ldh = T * UA;
            scratch(U);
            dht.ensure((long) n * U);
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
            final DoublePointer prw = rwc.at((long) u0 * G);
            final DoublePointer pdht = dht.at(0);
            final DoublePointer pdhtRow = dht.at(0);
            final int gemvRows = FastLstmRuntime.gemvRows();
            final StepProductD vp = FastLstmRuntime.vectorSteps() ? product() : null;
            if (vp != null) {
                // dL/dh_t = dZ_{t+1} x RW^T: this slice's rows of RW, as [4U, nu]
                vp.loadWeightsTransposed(rwc.nio, u0 * G, G, G, U);
            }
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
                if (!last && vp != null) {
                    vp.zeroOutput(n);
                    vp.loadInput(dzb, lo * ldz + (t + 1) * G, ldz, n);
                    vp.run();
                } else if (!last) {
                    // dL/dh_t (recurrent part, this slice's units) = dZ_{t+1} * RW^T (every gate column)
                    final long dzAt = (long) lo * ldz + (long) (t + 1) * G;
                    if (n <= gemvRows) {
                        for (int r = 0; r < n; r++) {
                            openblas_nolapack.cblas_dgemv(ROW_MAJOR, NO_TRANS, U, G, 1, prw, G,
                                    pdz.position(dzAt + (long) r * ldz), 1, 0, pdhtRow.position((long) r * U), 1);
                        }
                    } else {
                        openblas_nolapack.cblas_dgemm(ROW_MAJOR, NO_TRANS, TRANS, n, U, G, 1,
                                pdz.position(dzAt), ldz, prw, G, 0, pdht, U);
                    }
                }
                for (int r = 0; r < n; r++) {
                    final int row0 = lo + r;
                    final int zIdx = row0 * ldz + t * G + col;
                    getRow(zb, zIdx, a, U);
                    if (last) {
                        java.util.Arrays.fill(dh, 0);
                    } else if (vp != null) {
                        System.arraycopy(vp.out(), r * U, dh, 0, U);
                    } else {
                        dhb.get(r * U, dh, 0, U);
                    }
                    final long eBase = row0 * sb + t * st + u0 * su;
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
                    final int ci = r * T + t;
                    if (masked && m[row0 * T + t] == 0) {
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
                // dL/dh_{t-1} reads every gate column of dZ_t (and, after the sweep, the weight gradients all of dZ)
                barrier.await(party);
            }
            // weight gradients (this slice's rows and gate columns): dW = X^T dZ, dRW = sum over rows of
            // H_{0..T-2}^T dZ_{1..T-1}; in the unit split the slices share one pair of buffers
            final NativeDoubles gw = byUnits ? slices[0].dw : dw;
            final NativeDoubles grw = byUnits ? slices[0].drw : drw;
            runs.weightGradient(x, nIn, dz, col, G, 4 * U, lo, n, gw.at(col), G, runScratch);
            if (T > 1) {
                final DoublePointer ph = h.at(0);
                final DoublePointer pdzc = dz.at(0);
                final DoublePointer pdrw = grw.at(col);
                for (int r = 0; r < n; r++) {
                    openblas_nolapack.cblas_dgemm(ROW_MAJOR, TRANS, NO_TRANS, UA, 4 * U, T - 1, 1,
                            ph.position((long) (lo + r) * ldh), UA, pdzc.position((long) (lo + r) * ldz + G + col), G,
                            r == 0 ? 0 : 1, pdrw, G);
                }
            } else {
                for (int q = 0; q < UA; q++) {
                    grw.nio.put(q * G + col, new double[4 * U], 0, 4 * U);
                }
            }
            // dL/dX = dZ W^T (rows [xLo, xLo + xN), every gate column)
            if (xN > 0) {
                openblas_nolapack.cblas_dgemm(ROW_MAJOR, NO_TRANS, TRANS, xN * T, nIn, G, 1,
                        dz.at((long) xLo * ldz), G, wc.at(0), G, 0, dx.at((long) xLo * T * nIn), nIn);
            }
        }
    }
}
