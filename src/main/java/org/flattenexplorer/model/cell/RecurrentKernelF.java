package org.flattenexplorer.model.cell;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.flattenexplorer.model.lstm.BatchRows;
import org.flattenexplorer.model.lstm.FastLstmRuntime;
import org.flattenexplorer.model.lstm.InputRunsF;
import org.flattenexplorer.model.lstm.NativeFloats;
import org.flattenexplorer.model.lstm.StepProductF;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Single-precision recurrent kernel (see {@link RecurrentKernel}): the sweep over time, the GEMMs and the buffers,
 * shared by the cells; a subclass supplies one row's cell math ({@link #forwardRow}, {@link #backwardRow}).
 *
 * <p>The fast LSTM's scheme ({@code model.lstm.LstmKernelF}). Layout: batch-major. Inputs, input projections, hidden
 * states, deltas and input gradients live in native buffers laid out [b, T, ...] row-major, the layout of the
 * embedding's output and of the Keras-order Flatten, so the copies in and out are contiguous. The batch is cut into
 * slices ({@link FastLstmRuntime#slicesPerThread()} a thread, taken one after another by the threads:
 * {@link FastLstmRuntime#runBalanced}), each a contiguous range of rows that one thread owns for the whole
 * sequence. Per slice, the forward pass is one GEMM for all steps' input projections ([n*T, nIn] x [nIn, G]), then
 * per step one recurrent GEMM ([n, U] x [U, G], into its own buffer: GRU's reset gate multiplies the recurrent part
 * of the candidate alone) and the cell's row math, which overwrites the input projections with what backprop needs.
 * The backward pass runs one GEMM per step for the recurrent part of dL/dh and the cell's row math for the deltas;
 * the weight gradients and dL/dinput are large GEMMs after the sweep, and the slices' weight gradients are summed at
 * the end. BLAS runs single-threaded (the slices are the parallelism). Where {@link FastLstmRuntime#vectorSteps()}
 * is on, the per-step products run on the JVM's vector unit ({@code model.lstm.StepProductF}) instead of BLAS.
 *
 * <p>The {@code *KernelD} classes are generated from the {@code *KernelF} ones ({@code scripts/gen-double-cell-kernels.sh}):
 * keep them in sync.
 */
abstract class RecurrentKernelF implements RecurrentKernel {

    private static final int ROW_MAJOR = openblas_nolapack.CblasRowMajor;
    private static final int NO_TRANS = openblas_nolapack.CblasNoTrans;
    private static final int TRANS = openblas_nolapack.CblasTrans;

    private int batch;
    private int steps;
    private int nIn;
    private int units;
    private int width;
    private int biasRows;
    private boolean cached;
    private final NativeFloats wc = new NativeFloats();
    private final NativeFloats rwc = new NativeFloats();
    private float[][] inputBias = new float[0][];     // [gates][U]
    private float[][] recurrentBias = new float[0][]; // [gates][U], zeros without a recurrent bias
    private float[][] biasSum = new float[0][];       // [gates][U] input + recurrent bias
    private Slice[] slices = new Slice[0];

    // shared batch-major buffers; each slice touches only its own rows
    private final NativeFloats x = new NativeFloats();    // [b, T, nIn] inputs
    private final NativeFloats z = new NativeFloats();    // [b, T, G] input projections, then (real steps) what backwardRow needs
    private final NativeFloats h = new NativeFloats();    // [b, T, U] hidden states (a masked step holds the previous one)
    private final NativeFloats e = new NativeFloats();    // dL/dh in the epsilon's own memory order (strides eB, eU, eT)
    private final NativeFloats dxz = new NativeFloats();  // [b, T, G] dL/d(input projection + input bias)
    private final NativeFloats dhzOwn = new NativeFloats(); // [b, T, G] dL/d(recurrent projection + recurrent bias), when it differs
    private float[][] aux = new float[0][]; // [b*T][auxWidth] per-step extras of real steps, row r*T + t
    private float[] m = new float[0];   // [b, T] mask: 0 = masked step
    private final InputRunsF runs = new InputRunsF(); // each sequence's runs of equal input rows (its padding)
    private boolean follow; // inference: some sequence copies another's states in its run
    private boolean masked;
    private long eB;
    private long eU;
    private long eT;

    /** Gate blocks stacked along the projections' columns: G = gates() * U. */
    abstract int gates();

    /** Bias rows: 2 when the recurrent projection has a bias of its own (GRU's reset_after=True), else 1. */
    abstract int biasRows();

    /** Values per (row, step) that {@link #backwardRow} needs besides the activations in the projection row. */
    abstract int auxWidth(int units);

    /** Whether dL/d(recurrent projection) differs from dL/d(input projection); if not, one buffer serves both. */
    abstract boolean separateRecurrentDelta();

    /**
     * One real step of one row. Rows come split by gate block ([gates][U]) so that the cell's loops can read and
     * write their arrays at the same index. The JIT vectorizes such loops only while they are small: measured on
     * JDK 17, a loop that stores into one block of an array it reads at another block's offset, or that reads four
     * arrays and writes one of them, or that reads seven, ran 4-6x slower than the same work in loops of two or
     * three arrays; hence the many short loops in the cells.
     *
     * @param zx  [gates][U] in: x_t W; out: the activations {@link #backwardRow} reads
     * @param zh  [gates][U] in: h_{t-1} RW (zeros at the first step); the cell may overwrite it
     * @param bs  [gates][U] input bias + recurrent bias
     * @param bi  [gates][U] input bias
     * @param br  [gates][U] recurrent bias (zeros when {@link #biasRows()} is 1)
     * @param hp  [U] h_{t-1}
     * @param hn  [U] out: h_t
     * @param ax  [auxWidth] out: the extras for backprop
     */
    abstract void forwardRow(float[][] zx, float[][] zh, float[][] bs, float[][] bi, float[][] br, float[] hp,
                             float[] hn, float[] ax, int units);

    /**
     * The deltas of one real step of one row.
     *
     * @param a     [gates][U] the activations that {@link #forwardRow} left
     * @param ax    [auxWidth] its extras
     * @param hp    [U] h_{t-1}
     * @param g     [U] dL/dh_t, everything that reaches h_t
     * @param dx    [gates][U] out: dL/d(x_t W + input bias)
     * @param dh    [gates][U] out: dL/d(h_{t-1} RW + recurrent bias); not read unless {@link #separateRecurrentDelta()}
     * @param carry [U] out: the part of dL/dh_{t-1} that does not pass through RW
     */
    abstract void backwardRow(float[][] a, float[] ax, float[] hp, float[] g, float[][] dx, float[][] dh,
                              float[] carry, int units);

    private NativeFloats dhz() {
        return separateRecurrentDelta() ? dhzOwn : dxz;
    }

    @Override
    public void forward(INDArray input, INDArray w, INDArray rw, INDArray b, INDArray mask, boolean forBackprop,
                        INDArray out) {
        FastLstmRuntime.configureNativeSingleThreaded();
        cached = false;
        batch = (int) input.size(0);
        nIn = (int) input.size(1);
        steps = (int) input.size(2);
        units = (int) rw.size(0);
        width = gates() * units;
        biasRows = biasRows();
        final int g = width;
        if (w.size(0) != nIn || w.size(1) != g || rw.size(1) != g || b.length() != (long) biasRows * g) {
            throw new IllegalArgumentException("recurrent cell shapes do not match: input " + Arrays.toString(input.shape())
                    + ", W " + Arrays.toString(w.shape()) + ", RW " + Arrays.toString(rw.shape())
                    + ", bias " + Arrays.toString(b.shape()));
        }
        final long bt = (long) batch * steps;
        if (bt * g > Integer.MAX_VALUE || bt * nIn > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("batch too large for the fast recurrent cell: " + bt + " x " + g);
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            wc.ensure((long) nIn * g);
            rwc.ensure((long) units * g);
            wc.view(nIn, g).assign(w);
            rwc.view(units, g).assign(rw);
            double[][] bm = b.castTo(DataType.DOUBLE).reshape('c', biasRows, g).toDoubleMatrix();
            final int gates = gates();
            inputBias = new float[gates][units];
            recurrentBias = new float[gates][units];
            biasSum = new float[gates][units];
            for (int k = 0; k < gates; k++) {
                for (int u = 0; u < units; u++) {
                    inputBias[k][u] = (float) bm[0][k * units + u];
                    recurrentBias[k][u] = biasRows > 1 ? (float) bm[1][k * units + u] : 0;
                    biasSum[k][u] = inputBias[k][u] + recurrentBias[k][u];
                }
            }
            x.ensure(bt * nIn);
            z.ensure(bt * g);
            h.ensure(bt * units);
            BatchRows.assign(input.permute(0, 2, 1), x.view(batch, steps, nIn));
            runs.find(x.nio, batch, steps, nIn, FastLstmRuntime.shareRuns());
            final int auxWidth = auxWidth(units);
            if (forBackprop && (aux.length < bt || aux[0].length != auxWidth)) {
                aux = new float[(int) bt][auxWidth];
            }
            masked = mask != null;
            if (masked) {
                if (m.length < bt) {
                    m = new float[(int) bt];
                }
                double[][] mr = mask.reshape(mask.size(0), steps).toDoubleMatrix();
                for (int r = 0; r < batch; r++) {
                    for (int t = 0; t < steps; t++) {
                        m[r * steps + t] = (float) mr[r][t];
                    }
                }
            }
            makeSlices();
            follow = false;
            if (!forBackprop && !masked && FastLstmRuntime.shareRuns()) {
                for (Slice s : slices) {
                    follow |= runs.findLeaders(x.nio, nIn, s.lo, s.n);
                }
            }
            List<Runnable> tasks = new ArrayList<>();
            for (Slice s : slices) {
                tasks.add(() -> s.forward(forBackprop));
            }
            FastLstmRuntime.runBalanced(tasks);
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
            throw new IllegalArgumentException("epsilon shape " + Arrays.toString(eps.shape())
                    + " does not match the forward pass [" + batch + ", " + units + ", " + steps + "]");
        }
        final int g = width;
        final long bt = (long) batch * steps;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            copyEpsilon(eps);
            dxz.ensure(bt * g);
            dhz().ensure(bt * g);
            List<Runnable> tasks = new ArrayList<>();
            for (Slice s : slices) {
                tasks.add(s::backward);
            }
            FastLstmRuntime.runBalanced(tasks);
            BatchRows.assign(x.view(batch, steps, nIn), epsOut);
            BatchRows.sumInto(Arrays.stream(slices).map(s -> s.dw.view(nIn, g)).toArray(INDArray[]::new), gW);
            BatchRows.sumInto(Arrays.stream(slices).map(s -> s.drw.view(units, g)).toArray(INDArray[]::new), gRW);
            double[][] db = new double[biasRows][g];
            for (int k = 0; k < slices.length; k++) {
                for (int j = 0; j < g; j++) {
                    db[0][j] += slices[k].dbi[j];
                    if (biasRows > 1) {
                        db[1][j] += slices[k].dbr[j];
                    }
                }
            }
            gB.assign(Nd4j.createFromArray(db).castTo(gB.dataType()).reshape('c', gB.shape()));
        }
        // dL/dinput was written over the inputs (see Slice.backward): the cache is spent
        cached = false;
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
        for (NativeFloats bf : new NativeFloats[] {wc, rwc, x, z, h, e, dxz, dhzOwn}) {
            bf.free();
        }
        aux = new float[0][];
        m = new float[0];
        for (Slice s : slices) {
            s.free();
        }
        slices = new Slice[0];
    }

    private void makeSlices() {
        int parts = FastLstmRuntime.batchSlices(batch);
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

    /** Reads the gate blocks of one row (its G values from {@code at}) into {@code row} [gates][U]. */
    private static void get(FloatBuffer from, int at, float[][] row, int units) {
        for (int k = 0; k < row.length; k++) {
            from.get(at + k * units, row[k], 0, units);
        }
    }

    /** Reads one row of G values at {@code at} of a heap array into the gate blocks {@code row} [gates][U]. */
    private static void get(float[] from, int at, float[][] row, int units) {
        for (int k = 0; k < row.length; k++) {
            System.arraycopy(from, at + k * units, row[k], 0, units);
        }
    }

    /** Writes the gate blocks {@code row} [gates][U] as one row of G values at {@code at}. */
    private static void put(FloatBuffer to, int at, float[][] row, int units) {
        for (int k = 0; k < row.length; k++) {
            to.put(at + k * units, row[k], 0, units);
        }
    }

    /** g += e + c. */
    private static void addInto(float[] g, float[] e, float[] c, int units) {
        for (int u = 0; u < units; u++) {
            g[u] += e[u] + c[u];
        }
    }

    /** One batch slice, rows [lo, lo + n): its private buffers and its share of the work. */
    private final class Slice {
        int lo;
        int n;
        final NativeFloats dw = new NativeFloats();  // [nIn, G]
        final NativeFloats drw = new NativeFloats(); // [U, G]
        final NativeFloats zh = new NativeFloats();  // [n, G] recurrent projections of one step
        final NativeFloats dht = new NativeFloats(); // [n, U] dL/dh_t through the next step's recurrent projection
        final NativeFloats ones = new NativeFloats(); // [n * T] ones, for the column sums
        final NativeFloats sums = new NativeFloats(); // [G] one column sum
        double[] dbi = new double[0];
        double[] dbr = new double[0];
        float[][] zx = new float[0][];     // one row of input projections / activations [gates][U]
        float[][] zhRow = new float[0][];  // one row of recurrent projections [gates][U]
        float[][] zeroRow = new float[0][]; // the deltas of a masked step [gates][U]
        float[] hp = new float[0];     // h_{t-1} of one row [U]
        float[] hn = new float[0];     // h_t of one row [U]
        float[] ax = new float[0];     // extras of one row when they are not kept [auxWidth]
        float[] g = new float[0];      // dL/dh_t of one row [U]
        float[] er = new float[0];     // the epsilon's part of it [U]
        float[][] dx = new float[0][]; // deltas of one row [gates][U]
        float[][] dh = new float[0][]; // recurrent deltas of one row [gates][U]
        float[][] carry = new float[0][]; // per row: the part of dL/dh_{t} that step t+1 passes back besides RW
        StepProductF product; // the per-step products when FastLstmRuntime.vectorSteps() (made on first use)
        int[] active = new int[0]; // inference: the rows that compute their own states at a step
        int[] hAts = new int[0];   // ... where their previous states are
        final InputRunsF.Scratch runScratch = new InputRunsF.Scratch();

        void free() {
            for (NativeFloats bf : new NativeFloats[] {dw, drw, zh, dht, ones, sums}) {
                bf.free();
            }
            runScratch.free();
            product = null;
            active = hAts = new int[0];
            hp = hn = ax = g = er = new float[0];
            zx = zhRow = zeroRow = dx = dh = carry = new float[0][];
        }

        private void scratch(int units, int gw) {
            int gates = gw / units;
            if (zx.length != gates || hp.length != units) {
                zx = new float[gates][units];
                zhRow = new float[gates][units];
                zeroRow = new float[gates][units];
                dx = new float[gates][units];
                dh = new float[gates][units];
                hp = new float[units];
                hn = new float[units];
                g = new float[units];
                er = new float[units];
            }
            int auxWidth = auxWidth(units);
            if (ax.length != auxWidth) {
                ax = new float[auxWidth];
            }
        }

        private StepProductF product() {
            if (product == null) {
                product = new StepProductF();
            }
            return product;
        }

        /** sums[j] = sum over the rows of a [rows, width] row-major block (one GEMV against ones). */
        private void columnSums(FloatPointer block, int rows, int width, double[] out) {
            if (ones.capacity() < rows) {
                ones.ensure(rows);
                ones.view(rows).assign(1);
            }
            sums.ensure(width);
            openblas_nolapack.cblas_sgemv(ROW_MAJOR, TRANS, rows, width, 1, block, width, ones.at(0), 1, 0,
                    sums.at(0), 1);
            for (int j = 0; j < width; j++) {
                out[j] = sums.nio.get(j);
            }
        }

        void forward(boolean keep) {
            final int steps = RecurrentKernelF.this.steps;
            final int units = RecurrentKernelF.this.units;
            final int gw = width;
            final int ldz = steps * gw;
            final int ldh = steps * units;
            scratch(units, gw);
            zh.ensure((long) n * gw);
            final FloatPointer ph = h.at(0);
            final FloatPointer prw = rwc.at(0);
            final FloatPointer pzh = zh.at(0);
            final FloatPointer pzhRow = zh.at(0);
            final int gemvRows = FastLstmRuntime.gemvRows();
            final StepProductF vp = FastLstmRuntime.vectorSteps() ? product() : null;
            if (vp != null) {
                vp.loadWeights(rwc.nio, 0, gw, units, gw);
            }
            // all steps' input projections at once: Z = X * W, a run of equal inputs computed once
            runs.project(x, nIn, wc.at(0), gw, z, 0, gw, gw, lo, n);
            final FloatBuffer zb = z.nio;
            final FloatBuffer hb = h.nio;
            final FloatBuffer zhb = zh.nio;
            // inference: a sequence in a run that another computes copies its states, row by row (not with a GEMM)
            final boolean share = follow && (vp != null || n <= gemvRows);
            if (share && active.length < n) {
                active = new int[n];
                hAts = new int[n];
            }
            for (int t = 0; t < steps; t++) {
                final int na = share ? runs.activeRows(t, lo, n, active) : n;
                if (t > 0 && vp != null) {
                    // h_{t-1} x RW on the vector unit
                    vp.zeroOutput(na);
                    if (share) {
                        for (int k = 0; k < na; k++) {
                            hAts[k] = (lo + active[k]) * ldh + (t - 1) * units;
                        }
                        vp.loadInput(hb, hAts, na);
                    } else {
                        vp.loadInput(hb, lo * ldh + (t - 1) * units, ldh, n);
                    }
                    vp.run();
                } else if (t > 0 && n <= gemvRows) {
                    // few rows: one GEMV a row (OpenBLAS packs the weights on every GEMM call, whatever the rows)
                    for (int k = 0; k < na; k++) {
                        final int r = share ? active[k] : k;
                        openblas_nolapack.cblas_sgemv(ROW_MAJOR, TRANS, units, gw, 1, prw, gw,
                                ph.position((long) (lo + r) * ldh + (long) (t - 1) * units), 1, 0,
                                pzhRow.position((long) r * gw), 1);
                    }
                } else if (t > 0) {
                    openblas_nolapack.cblas_sgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, n, gw, units, 1,
                            ph.position((long) lo * ldh + (long) (t - 1) * units), ldh, prw, gw, 0, pzh, gw);
                }
                for (int k = 0; k < na; k++) {
                    final int r = share ? active[k] : k;
                    final int row = lo + r;
                    final int ci = row * steps + t;
                    if (t > 0) {
                        hb.get(row * ldh + (t - 1) * units, hp, 0, units);
                    } else {
                        Arrays.fill(hp, 0);
                    }
                    if (masked && m[ci] == 0) {
                        // Keras: a masked step keeps the previous state and outputs it again (zeros before any word)
                        hb.put(row * ldh + t * units, hp, 0, units);
                        continue;
                    }
                    final int zIdx = row * ldz + t * gw;
                    get(zb, zIdx, zx, units);
                    if (t > 0 && vp != null) {
                        get(vp.out(), k * gw, zhRow, units);
                    } else if (t > 0) {
                        get(zhb, r * gw, zhRow, units);
                    } else {
                        for (float[] block : zhRow) {
                            Arrays.fill(block, 0);
                        }
                    }
                    forwardRow(zx, zhRow, biasSum, inputBias, recurrentBias, hp, hn, keep ? aux[ci] : ax, units);
                    if (keep) {
                        put(zb, zIdx, zx, units);
                    }
                    hb.put(row * ldh + t * units, hn, 0, units);
                }
                if (share && na < n) {
                    // the rows still in their run take their leader's state at step t
                    for (int r = 0; r < n; r++) {
                        final int from = runs.copiesFrom(lo + r, t);
                        if (from >= 0) {
                            hb.get(from * ldh + t * units, hn, 0, units);
                            hb.put((lo + r) * ldh + t * units, hn, 0, units);
                        }
                    }
                }
            }
        }

        void backward() {
            final int steps = RecurrentKernelF.this.steps;
            final int units = RecurrentKernelF.this.units;
            final int gw = width;
            final int ldz = steps * gw;
            final int ldh = steps * units;
            final boolean separate = separateRecurrentDelta();
            scratch(units, gw);
            dw.ensure((long) nIn * gw);
            drw.ensure((long) units * gw);
            dht.ensure((long) n * units);
            if (carry.length != n || carry[0].length != units) {
                carry = new float[n][units];
            }
            for (float[] c : carry) {
                Arrays.fill(c, 0);
            }
            if (dbi.length != gw) {
                dbi = new double[gw];
                dbr = new double[gw];
            }
            Arrays.fill(dbi, 0);
            Arrays.fill(dbr, 0);
            final NativeFloats dhzBuf = dhz();
            final FloatPointer pdhz = dhzBuf.at(0);
            final FloatPointer prw = rwc.at(0);
            final FloatPointer pdht = dht.at(0);
            final FloatPointer pdhtRow = dht.at(0);
            final int gemvRows = FastLstmRuntime.gemvRows();
            final StepProductF vp = FastLstmRuntime.vectorSteps() ? product() : null;
            if (vp != null) {
                // dL/dh_t = dHZ_{t+1} x RW^T, with RW^T as [G, U]
                vp.loadWeightsTransposed(rwc.nio, 0, gw, gw, units);
            }
            final FloatBuffer zb = z.nio;
            final FloatBuffer hb = h.nio;
            final FloatBuffer eb = e.nio;
            final FloatBuffer dxb = dxz.nio;
            final FloatBuffer dhb = dhzBuf.nio;
            final FloatBuffer dhtb = dht.nio;
            final long sb = eB;
            final long su = eU;
            final long st = eT;
            for (int t = steps - 1; t >= 0; t--) {
                final boolean last = t == steps - 1;
                if (!last && vp != null) {
                    vp.zeroOutput(n);
                    vp.loadInput(dhb, lo * ldz + (t + 1) * gw, ldz, n);
                    vp.run();
                } else if (!last && n <= gemvRows) {
                    for (int r = 0; r < n; r++) {
                        openblas_nolapack.cblas_sgemv(ROW_MAJOR, NO_TRANS, units, gw, 1, prw, gw,
                                pdhz.position((long) (lo + r) * ldz + (long) (t + 1) * gw), 1, 0,
                                pdhtRow.position((long) r * units), 1);
                    }
                } else if (!last) {
                    // dL/dh_t through the next step's recurrent projection = dHZ_{t+1} * RW^T
                    openblas_nolapack.cblas_sgemm(ROW_MAJOR, NO_TRANS, TRANS, n, units, gw, 1,
                            pdhz.position((long) lo * ldz + (long) (t + 1) * gw), ldz, prw, gw, 0, pdht, units);
                }
                for (int r = 0; r < n; r++) {
                    final int row = lo + r;
                    final int ci = row * steps + t;
                    final int zIdx = row * ldz + t * gw;
                    if (last) {
                        Arrays.fill(g, 0);
                    } else if (vp != null) {
                        System.arraycopy(vp.out(), r * units, g, 0, units);
                    } else {
                        dhtb.get(r * units, g, 0, units);
                    }
                    final long eBase = row * sb + t * st;
                    final float[] c = carry[r];
                    if (su == 1) {
                        // dL/dh stored unit-fastest (Flatten's and the merged layers' layout): one bulk read
                        eb.get((int) eBase, er, 0, units);
                        addInto(g, er, c, units);
                    } else {
                        for (int u = 0; u < units; u++) {
                            g[u] += eb.get((int) (eBase + u * su)) + c[u];
                        }
                    }
                    if (masked && m[ci] == 0) {
                        // h_t = h_{t-1}: all of dL/dh_t reaches h_{t-1}, no deltas
                        System.arraycopy(g, 0, c, 0, units);
                        put(dxb, zIdx, zeroRow, units);
                        if (separate) {
                            put(dhb, zIdx, zeroRow, units);
                        }
                        continue;
                    }
                    get(zb, zIdx, zx, units);
                    if (t > 0) {
                        hb.get(row * ldh + (t - 1) * units, hp, 0, units);
                    } else {
                        Arrays.fill(hp, 0);
                    }
                    backwardRow(zx, aux[ci], hp, g, dx, dh, c, units);
                    put(dxb, zIdx, dx, units);
                    if (separate) {
                        put(dhb, zIdx, dh, units);
                    }
                }
            }
            // dW = X^T dXZ; dRW = sum over rows of H_{0..T-2}^T dHZ_{1..T-1}; the bias gradients are the deltas'
            // column sums; then dL/dX = dXZ W^T over the inputs, which the slice no longer needs (its rows of x
            // are its own)
            final long rows = (long) n * steps;
            columnSums(dxz.at((long) lo * ldz), (int) rows, gw, dbi);
            if (separate) {
                columnSums(pdhz.position((long) lo * ldz), (int) rows, gw, dbr);
            }
            final FloatPointer px = x.at((long) lo * steps * nIn);
            runs.weightGradient(x, nIn, dxz, 0, gw, gw, lo, n, dw.at(0), gw, runScratch);
            if (steps > 1) {
                final FloatPointer ph = h.at(0);
                final FloatPointer pdrw = drw.at(0);
                for (int r = 0; r < n; r++) {
                    openblas_nolapack.cblas_sgemm(ROW_MAJOR, TRANS, NO_TRANS, units, gw, steps - 1, 1,
                            ph.position((long) (lo + r) * ldh), units, pdhz.position((long) (lo + r) * ldz + gw), gw,
                            r == 0 ? 0 : 1, pdrw, gw);
                }
            } else {
                drw.view(units, gw).assign(0);
            }
            openblas_nolapack.cblas_sgemm(ROW_MAJOR, NO_TRANS, TRANS, (int) rows, nIn, gw, 1,
                    dxz.at((long) lo * ldz), gw, wc.at(0), gw, 0, px, nIn);
        }
    }
}
