package org.flattenexplorer.model;

import java.nio.DoubleBuffer;
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
 * output the stock layer makes; the columns are shared out in parts that the fast LSTM's threads take one after
 * another. The same checks and error messages as the stock layer, the same output values, layout and workspace.
 *
 * <p>Backprop (identity activation, no bias, NCW, float or double, the usual 'f'-order [vocab, E] gradient view;
 * anything else runs the stock code): the stock layer recomputes the forward pass, zeroes the whole
 * [vocab, E] gradient, makes two transposing copies of epsilon and runs a slow scatter op. Here the gradient is
 * built the way the forward pass gathers, one column at a time in a zeroed Java array of the vocabulary's length:
 * every (unmasked) position adds its epsilon value for that dimension, read straight from the epsilon's native
 * memory in its own layout, to its token's entry; then the column is copied into the gradient view in one bulk
 * copy, so every element of the view is written and no separate zeroing pass is needed. The columns are shared
 * out between the fast LSTM's threads. Each token's sum runs in the stock scatter's (batch, time) order, so
 * results match it.
 *
 * <p>Positions whose mask value is exactly 0 are skipped (stock adds {@code 0 * epsilon} there, the same unless
 * epsilon holds NaN or infinity at a masked step). Not thread-safe per instance (one network, one thread, like
 * DL4J layers); the working buffers are reused between steps.
 */
public class FastEmbeddingLayer extends EmbeddingSequenceLayer {

    /** Parts of the columns a thread takes in the gather and the gradient ({@link #parts}). */
    private static final int PARTS_PER_THREAD = 8;

    // One scratch column of the vocabulary's length per part: a weight column (forward), a gradient column (backprop).
    private transient float[][] columns = new float[0][];
    private transient double[][] columnsD = new double[0][];

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
                Pair<Gradient, INDArray> stock = super.backpropGradient(epsilon, workspaceMgr);
                INDArray g = stock.getFirst().getGradientFor(DefaultParamInitializer.WEIGHT_KEY);
                if (g != null && miniBatchDivisor(epsilon) != 1) {
                    g.divi(miniBatchDivisor(epsilon));
                }
                return stock;
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
        if (eps.stride(0) <= 0 || eps.stride(1) <= 0 || eps.stride(2) <= 0 || span(eps) > Integer.MAX_VALUE) {
            eps = eps.dup('c');
        }
        // the unmasked positions: token id, mask value and where the position's E values start in eps
        long[] st = eps.stride();
        int[] at = new int[ids.length];
        int[] id = new int[ids.length];
        float[] weight = new float[ids.length];
        int active = 0;
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                int p = b * steps + t;
                float m = mask == null ? 1f : mask[p];
                if (m != 0f) {
                    at[active] = (int) (b * st[0] + t * st[2]);
                    id[active] = ids[p];
                    weight[active++] = m;
                }
            }
        }
        Positions positions = new Positions(at, id, weight, active, (int) st[1], (int) span(eps),
                miniBatchDivisor(epsilon));
        if (dt == DataType.FLOAT) {
            scatterF(eps, gW, positions);
        } else {
            scatterD(eps, gW, positions);
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
        return checkedIds(in, c.getNIn());
    }

    /** out [positions, E] ('c') = the rows of the 'f'-order weights [vocab, E] at the ids, column by column. */
    private void gatherF(INDArray w, int[] ids, INDArray out) {
        final int vocab = (int) w.size(0);
        final int embed = (int) w.size(1);
        final float[][] cols = floatColumns(vocab, embed);
        FloatBuffer weights = new FloatPointer(w.data().addressPointer()).capacity(w.length()).asBuffer();
        FloatBuffer target = new FloatPointer(out.data().addressPointer()).capacity(out.length()).asBuffer();
        byColumns(cols.length, embed, (k, from, to) -> {
            final float[] column = cols[k];
            final FloatBuffer in = weights.duplicate();
            final FloatBuffer rows = target.duplicate();
            for (int e = from; e < to; e++) {
                in.get(e * vocab, column, 0, vocab);
                for (int p = 0, o = e; p < ids.length; p++, o += embed) {
                    rows.put(o, column[ids[p]]);
                }
            }
        });
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
        return checkedIds(in, vocab);
    }

    /** The ids of a 'c'-ordered input, each checked against the vocabulary with the stock layer's message. */
    private static int[] checkedIds(INDArray in, long vocab) {
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

    /**
     * The unmasked positions of a batch, in (batch, time) order; {@code stride} steps through E in eps, whose
     * elements lie within {@code span} elements of its first; the sums are divided by {@code divisor}.
     */
    private record Positions(int[] at, int[] id, float[] weight, int count, int stride, int span, int divisor) {
    }

    /** How many elements from its first to its last an array with positive strides covers, gaps included. */
    private static long span(INDArray a) {
        long last = 0;
        for (int d = 0; d < a.rank(); d++) {
            last += (a.size(d) - 1) * a.stride(d);
        }
        return last + 1;
    }

    /** One step of the column-by-column passes: columns [from, to) of the embedding, with scratch column {@code part}. */
    private interface ColumnRange {
        void run(int part, int from, int to);
    }

    /**
     * Shares the embedding's columns out in parts, one scratch column each, which the fast LSTM's threads take one
     * after another (a thread held up leaves its last part to the other).
     */
    private static void byColumns(int parts, int embed, ColumnRange work) {
        List<Runnable> tasks = new ArrayList<>();
        for (int k = 0; k < parts; k++) {
            final int part = k;
            tasks.add(() -> work.run(part, embed * part / parts, embed * (part + 1) / parts));
        }
        FastLstmRuntime.runBalanced(tasks);
    }

    /**
     * How many parts share the columns: {@value #PARTS_PER_THREAD} a thread. Columns cost the same whichever part
     * holds them, so finer parts balance the threads at no extra work: with two a thread (the recurrent slices' cut)
     * one thread often finished while the other had a part left, 0.056-0.09 s of a core idle an epoch of the
     * question's model; with eight, 0.027-0.04 s, and the two passes took 0.13-0.17 s an epoch instead of
     * 0.17-0.20 s (timers around each hand-off in `CellEpochBench`). Each part keeps a vocabulary-long scratch column
     * (16 x 149 KB for the question's).
     */
    private static int parts(int embed) {
        return Math.max(1, Math.min(FastLstmRuntime.threads() * PARTS_PER_THREAD, embed));
    }

    /** One scratch column of the vocabulary's length per part (kept between calls). */
    private float[][] floatColumns(int vocab, int embed) {
        int parts = parts(embed);
        if (columns.length != parts || columns[0].length < vocab) {
            columns = new float[parts][vocab];
        }
        return columns;
    }

    private double[][] doubleColumns(int vocab, int embed) {
        int parts = parts(embed);
        if (columnsD.length != parts || columnsD[0].length < vocab) {
            columnsD = new double[parts][vocab];
        }
        return columnsD;
    }

    /**
     * DL4J's updater divides every gradient by the batch size in a pass of its own on the training thread (19 MB for
     * the question's embedding); this layer divides its gradient where it writes it instead, on the kernels' threads,
     * with the same float division (so the same bits), and tells the updater to leave it alone.
     */
    @Override
    public boolean updaterDivideByMinibatch(String paramName) {
        return false;
    }

    /** The batch size where the network trains on mini-batches (DL4J's default), else 1. */
    private int miniBatchDivisor(INDArray epsilon) {
        return conf().isMiniBatch() ? (int) epsilon.size(0) : 1;
    }

    /**
     * gW ('f'-order [vocab, E], float) = the epsilon values summed per token id, column by column, each sum divided
     * by the batch size ({@link #updaterDivideByMinibatch}).
     */
    private void scatterF(INDArray eps, INDArray gW, Positions pos) {
        final int vocab = (int) gW.size(0);
        final float[][] cols = floatColumns(vocab, (int) gW.size(1));
        FloatBuffer source = new FloatPointer(eps.data().addressPointer()).capacity(pos.span()).asBuffer();
        FloatBuffer target = new FloatPointer(gW.data().addressPointer()).capacity(gW.length()).asBuffer();
        final float divisor = pos.divisor();
        byColumns(cols.length, (int) gW.size(1), (k, from, to) -> {
            final float[] column = cols[k];
            final FloatBuffer in = source.duplicate();
            final FloatBuffer out = target.duplicate();
            for (int e = from; e < to; e++) {
                Arrays.fill(column, 0, vocab, 0f);
                int shift = e * pos.stride();
                for (int q = 0; q < pos.count(); q++) {
                    column[pos.id()[q]] += in.get(pos.at()[q] + shift) * pos.weight()[q];
                }
                for (int v = 0; v < vocab; v++) {
                    column[v] /= divisor;
                }
                out.put(e * vocab, column, 0, vocab);
            }
        });
    }

    /** {@link #scatterF} in double precision (gradient checks). */
    private void scatterD(INDArray eps, INDArray gW, Positions pos) {
        final int vocab = (int) gW.size(0);
        final double[][] cols = doubleColumns(vocab, (int) gW.size(1));
        DoubleBuffer source = new DoublePointer(eps.data().addressPointer()).capacity(pos.span()).asBuffer();
        DoubleBuffer target = new DoublePointer(gW.data().addressPointer()).capacity(gW.length()).asBuffer();
        final double divisor = pos.divisor();
        byColumns(cols.length, (int) gW.size(1), (k, from, to) -> {
            final double[] column = cols[k];
            final DoubleBuffer in = source.duplicate();
            final DoubleBuffer out = target.duplicate();
            for (int e = from; e < to; e++) {
                Arrays.fill(column, 0, vocab, 0.0);
                int shift = e * pos.stride();
                for (int q = 0; q < pos.count(); q++) {
                    column[pos.id()[q]] += in.get(pos.at()[q] + shift) * pos.weight()[q];
                }
                for (int v = 0; v < vocab; v++) {
                    column[v] /= divisor;
                }
                out.put(e * vocab, column, 0, vocab);
            }
        });
    }
}
