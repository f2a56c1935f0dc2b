package org.flattenexplorer.model;

import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
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
    private transient INDArray mask;

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
        mask = workspaceMgr.createUninitialized(ArrayType.INPUT, output.dataType(), input.size(0), input.size(1));
        Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, retain));
        mask.divi(retain);
        INDArray in = input.dataType() == output.dataType() ? input : input.castTo(output.dataType());
        Broadcast.mul(in, mask, output, 0, 1);
        return output;
    }

    @Override
    public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
        if (mask == null) {
            throw new IllegalStateException("SequenceDropout: no mask to backpropagate through (forward pass missing)");
        }
        INDArray m = mask.dataType() == gradAtInput.dataType() ? mask : mask.castTo(gradAtInput.dataType());
        Broadcast.mul(gradAtOutput, m, gradAtInput, 0, 1);
        mask = null;
        return gradAtInput;
    }

    @Override
    public void clear() {
        mask = null;
    }

    @Override
    public SequenceDropout clone() {
        SequenceDropout d = new SequenceDropout();
        d.retain = retain;
        return d;
    }
}
