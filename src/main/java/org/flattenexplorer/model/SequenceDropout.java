package org.flattenexplorer.model;

import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.flattenexplorer.model.lstm.BatchRows;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's LSTM input dropout: one mask per sequence and input feature, reused at every time step
 * (DL4J's {@code Dropout} draws a new mask per element and step). Inverted dropout: kept inputs are
 * scaled by 1/retain, so inference needs no change. Random numbers come from ND4J's seeded generator.
 */
public class SequenceDropout implements IDropout {

    private double retain;
    /**
     * The mask of the training step under way, one per thread: DL4J's network clones share this configuration
     * object, and a probe of a clone on another thread (inference clears layer state) must not drop it.
     */
    private transient ThreadLocal<INDArray> masks;

    /** For DL4J's JSON (de)serialization. */
    public SequenceDropout() {}

    /** @param dropRate Keras's {@code dropout} argument, the fraction of inputs dropped */
    public static SequenceDropout ofRate(double dropRate) {
        SequenceDropout d = new SequenceDropout();
        d.retain = 1.0 - dropRate;
        return d;
    }

    public double getRetain() {
        return retain;
    }

    @Override
    public INDArray applyDropout(INDArray input, INDArray output, int iteration, int epoch,
                                 LayerWorkspaceMgr workspaceMgr) {
        if (input.rank() != 3) {
            throw new IllegalStateException("SequenceDropout expects [batch, features, time], got rank " + input.rank());
        }
        INDArray mask = workspaceMgr.createUninitialized(ArrayType.INPUT, output.dataType(), input.size(0), input.size(1));
        masks().set(mask);
        Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, retain));
        mask.divi(retain);
        INDArray in = input.dataType() == output.dataType() ? input : input.castTo(output.dataType());
        multiply(in, mask, output);
        return output;
    }

    @Override
    public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
        INDArray mask = masks().get();
        if (mask == null) {
            throw new IllegalStateException("SequenceDropout: no mask to backpropagate through (forward pass missing)");
        }
        INDArray m = mask.dataType() == gradAtInput.dataType() ? mask : mask.castTo(gradAtInput.dataType());
        multiply(gradAtOutput, m, gradAtInput);
        masks().remove();
        return gradAtInput;
    }

    @Override
    public void clear() {
        masks().remove();
    }

    private synchronized ThreadLocal<INDArray> masks() {
        if (masks == null) {
            masks = new ThreadLocal<>();
        }
        return masks;
    }

    @Override
    public SequenceDropout clone() {
        SequenceDropout d = new SequenceDropout();
        d.retain = retain;
        return d;
    }

    /** z[b, f, t] = x[b, f, t] * mask[b, f]. */
    private static void multiply(INDArray x, INDArray mask, INDArray z) {
        if (sameDenseFloatBlocks(x, z)) {
            // one flat copy of the [batch, features] mask (toFloatMatrix made a view a row, slow for a per-batch call)
            multiplyBlocks(x, mask.dup('c').data().asFloat(), (int) mask.size(1), z);
        } else {
            Broadcast.mul(x, mask, z, 0, 1);
        }
    }

    /**
     * True when x and z are float arrays whose examples are dense blocks laid out alike ([features, time] or
     * [time, features] inside each block): the layouts the embedding and the LSTMs use. ND4J's broadcast over
     * such permuted views is slow, a plain loop over each block is not.
     */
    private static boolean sameDenseFloatBlocks(INDArray x, INDArray z) {
        if (x.dataType() != DataType.FLOAT || z.dataType() != DataType.FLOAT
                || !java.util.Arrays.equals(x.stride(), z.stride()) || x.size(0) > 1 && x.stride(0) != x.size(1) * x.size(2)) {
            return false;
        }
        long[] st = x.stride();
        return st[1] == 1 && st[2] == x.size(1) || st[2] == 1 && st[1] == x.size(2);
    }

    /** One pass over each example's block, ranges of examples on the fast kernels' threads. */
    private static void multiplyBlocks(INDArray x, float[] mask, int maskColumns, INDArray z) {
        int features = (int) x.size(1);
        int steps = (int) x.size(2);
        boolean featuresInner = x.stride(1) == 1;
        int block = features * steps;
        FloatPointer in = new FloatPointer(x.data().addressPointer());
        FloatPointer out = new FloatPointer(z.data().addressPointer());
        BatchRows.forEach((int) x.size(0), (lo, n) -> {
            float[] buffer = new float[block];
            for (int b = lo; b < lo + n; b++) {
                long start = (long) b * block;
                new FloatPointer(in).position(start).get(buffer, 0, block);
                int m0 = b * maskColumns;
                if (featuresInner) {
                    for (int t = 0; t < steps; t++) {
                        int row = t * features;
                        for (int f = 0; f < features; f++) {
                            buffer[row + f] *= mask[m0 + f];
                        }
                    }
                } else {
                    for (int f = 0; f < features; f++) {
                        int row = f * steps;
                        float factor = mask[m0 + f];
                        for (int t = 0; t < steps; t++) {
                            buffer[row + t] *= factor;
                        }
                    }
                }
                new FloatPointer(out).position(start).put(buffer, 0, block);
            }
        });
    }
}
