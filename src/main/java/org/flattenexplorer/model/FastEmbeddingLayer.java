package org.flattenexplorer.model;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.embedding.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.flattenexplorer.model.lstm.FastLstmRuntime;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * DL4J's {@link EmbeddingSequenceLayer} with a fast forward gather and a fast weight gradient.
 *
 * <p>Forward (float weights in DL4J's 'f'-order [vocab, E] view, no bias; anything else runs the stock code): the
 * stock {@code pullRows} reads each token's E weights 37,252 floats apart, one cache miss each, 16 ms a batch of the
 * question's 32 x 500 tokens. Here each weight column (one embedding dimension over the vocabulary, 149 KB, which
 * fits in L2) is copied once into a Java array and every position reads its token from there, writing the [b*T, E]
 * output the stock layer makes; the columns are shared out between the fast LSTM's threads. The same checks and
 * error messages as the stock layer, the same output values, layout and workspace.
 *
 * <p>Backprop (identity activation, no bias, NCW, float or double, the usual 'f'-order [vocab, E] gradient view;
 * anything else runs the stock code): the stock layer recomputes the forward pass, zeroes the whole
 * [vocab, E] gradient, makes two transposing copies of epsilon and runs a slow scatter op. Here the incoming
 * epsilon is read once, one batch row at a time, straight from its native memory in its own layout; the
 * (masked) rows are summed per distinct token id into a compact [distinct ids, E] buffer, which is transposed
 * and written out one gradient column at a time (each column built in a zeroed Java buffer, then one bulk copy
 * into the gradient view). Every column of the view is written, so no separate zeroing pass is needed. Sums run
 * in the same (batch, time) order as the stock scatter, so results match it.
 *
 * <p>Positions whose mask value is exactly 0 are skipped (stock adds {@code 0 * epsilon} there, the same unless
 * epsilon holds NaN or infinity at a masked step). Not thread-safe per instance (one network, one thread, like
 * DL4J layers); the working buffers are reused between steps.
 */
public class FastEmbeddingLayer extends EmbeddingSequenceLayer {

    // Reused working memory: distinct-id slots, the per-slot sums, their transpose, one gradient column and one
    // batch row of epsilon. Float or double, whichever the network uses.
    private transient int[] slotOf = new int[0];   // token id -> slot, -1 when unused (kept all -1 between calls)
    private transient int[] slotId = new int[0];   // slot -> token id
    private transient float[] accF = new float[0];
    private transient float[] accTF = new float[0];
    private transient float[] colF = new float[0]; // kept all zero between calls
    private transient float[] rowF = new float[0];
    private transient double[] accD = new double[0];
    private transient double[] accTD = new double[0];
    private transient double[] colD = new double[0];
    private transient double[] rowD = new double[0];

    private transient float[][] columns = new float[0][]; // one weight column per gather thread

    /** True while the stock backprop runs: it re-runs the forward pass and reads what the stock forward kept. */
    private transient boolean stockForward;

    /** How many backprops took the fast path (for tests). */
    transient long fastBackprops;

    /** How many forward passes took the fast gather (for tests). */
    transient long fastForwards;

    public FastEmbeddingLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public synchronized Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        INDArray gW = gradientViews == null ? null : gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        if (!fastPath(epsilon, gW)) {
            stockForward = true;
            try {
                return super.backpropGradient(epsilon, workspaceMgr);
            } finally {
                stockForward = false;
            }
        }
        assertInputSet(true);
        int vocab = (int) gW.size(0);
        int embed = (int) gW.size(1);
        int[] ids = tokenIds(vocab);
        int batch = (int) epsilon.size(0);
        int steps = (int) epsilon.size(2);
        if (ids.length != (long) batch * steps || epsilon.size(1) != embed) {
            throw new IllegalStateException("epsilon shape " + Arrays.toString(epsilon.shape()) + " does not match"
                    + " input " + Arrays.toString(input.shape()) + " and embedding size " + embed);
        }
        float[] mask = maskValues(batch, steps);

        DataType dt = gW.dataType();
        INDArray eps = epsilon;
        if (eps.dataType() != dt) {
            eps = eps.castTo(dt);
        }
        long[] st = eps.stride();
        if (!denseRows(eps)) {
            eps = eps.dup('c');
            st = eps.stride();
        }
        ensureSlots(vocab, ids.length, embed);
        int distinct = 0;
        try {
            if (dt == DataType.FLOAT) {
                distinct = accumulateF(eps, st, ids, mask, batch, steps, embed);
                transposeF(distinct, embed);
                writeColumnsF(gW, distinct, vocab, embed);
            } else {
                distinct = accumulateD(eps, st, ids, mask, batch, steps, embed);
                transposeD(distinct, embed);
                writeColumnsD(gW, distinct, vocab, embed);
            }
        } finally {
            for (int s = 0; s < distinct; s++) {
                slotOf[slotId[s]] = -1;
            }
        }

        fastBackprops++;
        Gradient ret = new DefaultGradient();
        ret.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, gW);
        return new Pair<>(ret, null);
    }

    @Override
    protected synchronized INDArray preOutput(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
        org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer c = layerConf();
        boolean gathers = !stockForward && input != null && !c.hasBias() && w.dataType() == DataType.FLOAT
                && w.rank() == 2 && w.stride(0) == 1 && w.stride(1) == w.size(0) && w.length() <= Integer.MAX_VALUE
                && input.length() * c.getNOut() <= Integer.MAX_VALUE;
        if (!gathers) {
            return super.preOutput(training, workspaceMgr);
        }
        assertInputSet(false);
        int[] ids = forwardIds(workspaceMgr);
        int rows = ids.length / c.getInputLength();
        int embed = (int) c.getNOut();
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, w.dataType(),
                new long[] {ids.length, embed}, 'c');
        gatherF(w, ids, out);
        fastForwards++;
        INDArray ret = out.reshape('c', rows, c.getInputLength(), embed);
        if (c.getOutputFormat() == RNNFormat.NCW) {
            ret = ret.permute(0, 2, 1);
        }
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, ret);
    }

    /**
     * The token ids of the input in (batch, time) order, with the stock forward pass's checks and messages: rank 2
     * [batch, T] or rank 3 [batch, 1, T] (rank 1 is one step per example), T equal to the input length (or taken
     * as it when the layer infers it), every id in [0, vocab).
     */
    private int[] forwardIds(LayerWorkspaceMgr workspaceMgr) {
        org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer c = layerConf();
        if (input.rank() == 1) {
            input = input.reshape(input.length(), 1, 1);
        }
        if ((input.rank() == 3 && input.size(1) != 1) || (input.rank() != 2 && input.rank() != 3)) {
            throw new IllegalStateException("Invalid input: EmbeddingSequenceLayer expects either rank 2 input of"
                    + " shape [minibatch,seqLength] or rank 3 input of shape [minibatch,1,seqLength]. Got rank "
                    + input.rank() + " input of shape " + Arrays.toString(input.shape()));
        }
        INDArray in = input.rank() == 3 ? input.reshape(input.ordering(), input.size(0), input.size(2)) : input;
        if (c.isInferInputLength()) {
            c.setInputLength(in.columns());
        }
        if (in.columns() != c.getInputLength()) {
            throw new DL4JInvalidInputException("Sequence length of embedding input has to be equal to the specified"
                    + " input length: " + c.getInputLength() + " i.e. we expect input shape [numExamples,"
                    + " inputLength] (or [numExamples, 1, inputLength] with each entry being an integer index, "
                    + " got " + Arrays.toString(input.shape()) + " instead, for layer with id: " + layerId());
        }
        if (in.ordering() != 'c' || in.isView() || !Shape.hasDefaultStridesForShape(in)) {
            in = workspaceMgr.dup(ArrayType.INPUT, in, 'c');
        }
        int[] ids = in.data().asInt();
        if (ids.length != in.length()) {
            ids = Arrays.copyOf(ids, (int) in.length());
        }
        long vocab = c.getNIn();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocab) {
                throw new DL4JInvalidInputException("Invalid index for embedding layer: got index " + ids[i]
                        + " for entry " + i + " in minibatch; indexes must be between 0 and nIn-1 inclusive (0 to "
                        + (vocab - 1) + ")");
            }
        }
        return ids;
    }

    /** out [positions, E] ('c') = the rows of the 'f'-order weights [vocab, E] at the ids, column by column. */
    private void gatherF(INDArray w, int[] ids, INDArray out) {
        final int vocab = (int) w.size(0);
        final int embed = (int) w.size(1);
        final int positions = ids.length;
        int parts = Math.max(1, Math.min(FastLstmRuntime.threads(), embed));
        if (columns.length != parts || columns[0].length < vocab) {
            columns = new float[parts][vocab];
        }
        FloatBuffer weights = new FloatPointer(w.data().addressPointer()).capacity(w.length()).asBuffer();
        FloatBuffer target = new FloatPointer(out.data().addressPointer()).capacity(out.length()).asBuffer();
        List<Runnable> tasks = new ArrayList<>();
        for (int k = 0; k < parts; k++) {
            final float[] column = columns[k];
            final int from = embed * k / parts;
            final int to = embed * (k + 1) / parts;
            final FloatBuffer wk = weights.duplicate();
            final FloatBuffer ok = target.duplicate();
            tasks.add(() -> {
                for (int e = from; e < to; e++) {
                    wk.get(e * vocab, column, 0, vocab);
                    for (int p = 0, o = e; p < positions; p++, o += embed) {
                        ok.put(o, column[ids[p]]);
                    }
                }
            });
        }
        FastLstmRuntime.runAll(tasks);
    }

    /** True where this class's backprop applies; otherwise the stock code runs. */
    private boolean fastPath(INDArray epsilon, INDArray gW) {
        org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer c = layerConf();
        if (gW == null || epsilon == null || c.hasBias() || c.getOutputFormat() != RNNFormat.NCW
                || !(c.getActivationFn() instanceof ActivationIdentity) || epsilon.rank() != 3) {
            return false;
        }
        DataType dt = gW.dataType();
        if (dt != DataType.FLOAT && dt != DataType.DOUBLE) {
            return false;
        }
        // the gradient view as DL4J makes it: 'f'-order [vocab, E], each column contiguous
        return gW.rank() == 2 && gW.stride(0) == 1 && gW.stride(1) == gW.size(0)
                && gW.size(0) <= Integer.MAX_VALUE && gW.length() <= Integer.MAX_VALUE
                && epsilon.length() <= Integer.MAX_VALUE;
    }

    /** True when each batch row [E, T] of {@code eps} occupies exactly E*T consecutive elements. */
    private static boolean denseRows(INDArray eps) {
        long e = eps.size(1);
        long t = eps.size(2);
        long se = eps.stride(1);
        long st = eps.stride(2);
        if (eps.stride(0) <= 0 || se <= 0 || st <= 0) {
            return false;
        }
        boolean tMajor = se == 1 && st == e;   // [b, T, E] memory (the stock forward's layout)
        boolean eMajor = st == 1 && se == t;   // [b, E, T] memory
        return (tMajor || eMajor || e == 1 || t == 1) && (e - 1) * se + (t - 1) * st + 1 == e * t;
    }

    /** The token ids [batch * T] in (batch, time) order, checked against the vocabulary like the forward pass. */
    private int[] tokenIds(int vocab) {
        INDArray in = input;
        if (in.rank() == 1) {
            in = in.reshape(in.length(), 1);
        } else if (in.rank() == 3) {
            in = in.reshape(in.ordering(), in.size(0), in.size(2));
        }
        if (in.ordering() != 'c' || in.isView() || !Shape.hasDefaultStridesForShape(in)) {
            in = in.dup('c');
        }
        int[] ids = in.data().asInt();
        if (ids.length != in.length()) {
            ids = Arrays.copyOf(ids, (int) in.length());
        }
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocab) {
                throw new DL4JInvalidInputException("Invalid index for embedding layer: got index " + ids[i]
                        + " for entry " + i + " in minibatch; indexes must be between 0 and nIn-1 inclusive (0 to "
                        + (vocab - 1) + ")");
            }
        }
        return ids;
    }

    /** The mask [batch * T] in (batch, time) order, or null without a mask. */
    private float[] maskValues(int batch, int steps) {
        if (maskArray == null) {
            return null;
        }
        if (maskArray.length() != (long) batch * steps) {
            throw new IllegalStateException("Mask array for EmbeddingSequenceLayer must have shape [mb, tsLength] = ["
                    + batch + ", " + steps + "], got " + Arrays.toString(maskArray.shape()));
        }
        INDArray m = maskArray.reshape(maskArray.ordering(), batch, steps);
        if (m.dataType() != DataType.FLOAT) {
            m = m.castTo(DataType.FLOAT);
        }
        if (m.ordering() != 'c' || m.isView() || !Shape.hasDefaultStridesForShape(m)) {
            m = m.dup('c');
        }
        float[] v = m.data().asFloat();
        return v.length == batch * steps ? v : Arrays.copyOf(v, batch * steps);
    }

    private void ensureSlots(int vocab, int positions, int embed) {
        if (slotOf.length < vocab) {
            slotOf = new int[vocab];
            Arrays.fill(slotOf, -1);
        }
        int maxDistinct = Math.min(vocab, positions);
        if (slotId.length < maxDistinct) {
            slotId = new int[maxDistinct];
        }
    }

    // ---------------------------------------------------------------- float

    private int accumulateF(INDArray eps, long[] st, int[] ids, float[] mask, int batch, int steps, int embed) {
        int rowLen = embed * steps;
        if (rowF.length < rowLen) {
            rowF = new float[rowLen];
        }
        int cap = Math.min(slotOf.length, ids.length) * embed;
        if (accF.length < cap) {
            accF = new float[cap];
        }
        final float[] row = rowF;
        final float[] acc = accF;
        final int se = (int) st[1];
        final int stT = (int) st[2];
        FloatPointer base = new FloatPointer(eps.data().addressPointer());
        int distinct = 0;
        for (int b = 0; b < batch; b++) {
            base.position((long) b * st[0]).get(row, 0, rowLen);
            for (int t = 0; t < steps; t++) {
                int p = b * steps + t;
                float m = mask == null ? 1f : mask[p];
                if (m == 0f) {
                    continue;
                }
                int id = ids[p];
                int s = slotOf[id];
                boolean fresh = s < 0;
                if (fresh) {
                    s = distinct++;
                    slotOf[id] = s;
                    slotId[s] = id;
                }
                int a = s * embed;
                int r = t * stT;
                if (se == 1) {
                    if (fresh) {
                        for (int e = 0; e < embed; e++) {
                            acc[a + e] = row[r + e] * m;
                        }
                    } else {
                        for (int e = 0; e < embed; e++) {
                            acc[a + e] += row[r + e] * m;
                        }
                    }
                } else {
                    if (fresh) {
                        for (int e = 0; e < embed; e++) {
                            acc[a + e] = row[r + e * se] * m;
                        }
                    } else {
                        for (int e = 0; e < embed; e++) {
                            acc[a + e] += row[r + e * se] * m;
                        }
                    }
                }
            }
        }
        return distinct;
    }

    /** accT [E, distinct] = acc [distinct, E] transposed, in cache-sized tiles. */
    private void transposeF(int distinct, int embed) {
        int len = distinct * embed;
        if (accTF.length < len) {
            accTF = new float[Math.max(len, accF.length)];
        }
        final float[] acc = accF;
        final float[] accT = accTF;
        final int tile = 32;
        for (int s0 = 0; s0 < distinct; s0 += tile) {
            int s1 = Math.min(distinct, s0 + tile);
            for (int e0 = 0; e0 < embed; e0 += tile) {
                int e1 = Math.min(embed, e0 + tile);
                for (int e = e0; e < e1; e++) {
                    int o = e * distinct;
                    for (int s = s0; s < s1; s++) {
                        accT[o + s] = acc[s * embed + e];
                    }
                }
            }
        }
    }

    /** Writes every column of the 'f'-order gradient view: zeros except the summed rows of the distinct ids. */
    private void writeColumnsF(INDArray gW, int distinct, int vocab, int embed) {
        if (colF.length < vocab) {
            colF = new float[vocab];
        }
        final float[] col = colF;
        final float[] accT = accTF;
        final int[] id = slotId;
        FloatPointer out = new FloatPointer(gW.data().addressPointer());
        try {
            for (int e = 0; e < embed; e++) {
                int o = e * distinct;
                for (int s = 0; s < distinct; s++) {
                    col[id[s]] = accT[o + s];
                }
                out.position((long) e * vocab).put(col, 0, vocab);
                for (int s = 0; s < distinct; s++) {
                    col[id[s]] = 0f;
                }
            }
        } catch (RuntimeException ex) {
            Arrays.fill(col, 0f);
            throw ex;
        }
    }

    // ---------------------------------------------------------------- double (gradient checks)

    private int accumulateD(INDArray eps, long[] st, int[] ids, float[] mask, int batch, int steps, int embed) {
        int rowLen = embed * steps;
        if (rowD.length < rowLen) {
            rowD = new double[rowLen];
        }
        int cap = Math.min(slotOf.length, ids.length) * embed;
        if (accD.length < cap) {
            accD = new double[cap];
        }
        final double[] row = rowD;
        final double[] acc = accD;
        final int se = (int) st[1];
        final int stT = (int) st[2];
        DoublePointer base = new DoublePointer(eps.data().addressPointer());
        int distinct = 0;
        for (int b = 0; b < batch; b++) {
            base.position((long) b * st[0]).get(row, 0, rowLen);
            for (int t = 0; t < steps; t++) {
                int p = b * steps + t;
                double m = mask == null ? 1.0 : mask[p];
                if (m == 0.0) {
                    continue;
                }
                int id = ids[p];
                int s = slotOf[id];
                boolean fresh = s < 0;
                if (fresh) {
                    s = distinct++;
                    slotOf[id] = s;
                    slotId[s] = id;
                }
                int a = s * embed;
                int r = t * stT;
                for (int e = 0; e < embed; e++) {
                    double v = row[r + e * se] * m;
                    acc[a + e] = fresh ? v : acc[a + e] + v;
                }
            }
        }
        return distinct;
    }

    private void transposeD(int distinct, int embed) {
        int len = distinct * embed;
        if (accTD.length < len) {
            accTD = new double[Math.max(len, accD.length)];
        }
        for (int s = 0; s < distinct; s++) {
            for (int e = 0; e < embed; e++) {
                accTD[e * distinct + s] = accD[s * embed + e];
            }
        }
    }

    private void writeColumnsD(INDArray gW, int distinct, int vocab, int embed) {
        if (colD.length < vocab) {
            colD = new double[vocab];
        }
        DoublePointer out = new DoublePointer(gW.data().addressPointer());
        try {
            for (int e = 0; e < embed; e++) {
                int o = e * distinct;
                for (int s = 0; s < distinct; s++) {
                    colD[slotId[s]] = accTD[o + s];
                }
                out.position((long) e * vocab).put(colD, 0, vocab);
                for (int s = 0; s < distinct; s++) {
                    colD[slotId[s]] = 0.0;
                }
            }
        } catch (RuntimeException ex) {
            Arrays.fill(colD, 0.0);
            throw ex;
        }
    }
}
