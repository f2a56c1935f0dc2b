package org.flattenexplorer.model.lstm;

import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Test dropout in the app's style: one deterministic mask per (example, input feature), reused at every time
 * step; counts the calls so tests can see the layer used the standard hooks.
 */
public class SequenceMaskDropout implements IDropout {

    private double retain = 0.75;
    private transient INDArray mask;
    transient int applied;
    transient int backpropped;

    public SequenceMaskDropout() {
    }

    public double getRetain() {
        return retain;
    }

    public void setRetain(double retain) {
        this.retain = retain;
    }

    @Override
    public INDArray applyDropout(INDArray in, INDArray result, int iteration, int epoch, LayerWorkspaceMgr ws) {
        applied++;
        long b = in.size(0);
        long f = in.size(1);
        mask = in.like().get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)).dup();
        for (int i = 0; i < b; i++) {
            for (int k = 0; k < f; k++) {
                mask.putScalar(new long[] {i, k, 0}, (i * 31 + k * 17) % 4 == 0 ? 0.0 : 1.0 / retain);
            }
        }
        INDArray full = mask.repeat(2, in.size(2));
        return result.assign(in.mul(full));
    }

    @Override
    public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
        backpropped++;
        INDArray full = mask.repeat(2, gradAtOutput.size(2));
        return gradAtInput.assign(gradAtOutput.mul(full));
    }

    @Override
    public void clear() {
        mask = null;
    }

    @Override
    public SequenceMaskDropout clone() {
        SequenceMaskDropout d = new SequenceMaskDropout();
        d.retain = retain;
        return d;
    }
}
