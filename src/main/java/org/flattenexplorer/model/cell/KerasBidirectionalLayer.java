package org.flattenexplorer.model.cell;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BidirectionalLayer;
import org.deeplearning4j.nn.params.BidirectionalParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.TimeSeriesUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The layer of {@link KerasBidirectional}. DL4J's {@link BidirectionalLayer} gives the backward cell the reversed
 * input and mask and keeps the parameters; this layer merges the two outputs as Keras does. The backward cell's
 * output is in the order it processed the steps (its step t read input steps T-1 down to T-1-t), so its last step is
 * its state after the first input step.
 */
public class KerasBidirectionalLayer extends BidirectionalLayer {

    private final Layer forward;
    private final Layer backward;
    private final boolean returnSequences;
    private INDArray mask;

    public KerasBidirectionalLayer(NeuralNetConfiguration conf, Layer forward, Layer backward, INDArray paramsView,
                                   boolean returnSequences) {
        super(conf, forward, backward, paramsView);
        this.forward = forward;
        this.backward = backward;
        this.returnSequences = returnSequences;
    }

    public boolean isReturnSequences() {
        return returnSequences;
    }

    @Override
    public Type type() {
        return returnSequences ? Type.RECURRENT : Type.FEED_FORWARD;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray f = forward.activate(training, workspaceMgr);
        INDArray b = backward.activate(training, workspaceMgr);
        long batch = f.size(0);
        long units = f.size(1);
        long steps = f.size(2);
        if (!returnSequences) {
            INDArray out = workspaceMgr.create(ArrayType.ACTIVATIONS, f.dataType(), new long[] {batch, 2 * units}, 'c');
            out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, units)).assign(lastStep(f));
            out.get(NDArrayIndex.all(), NDArrayIndex.interval(units, 2 * units)).assign(lastStep(b));
            return out;
        }
        return merged(f, b, mask, workspaceMgr, ArrayType.ACTIVATIONS, batch, units, steps);
    }

    /**
     * Both directions' full state sequences in the input's order, [batch, 2U, T]: the output itself with
     * return_sequences; for the last-state layer, the sequences its two vectors come from (the Dense layer reads the
     * forward half at step T-1 and the backward half at step 0). Masked steps: zeros with return_sequences (what the
     * layer outputs), else the state kept over them. For the hidden-state views; feed the mask first
     * ({@code feedForwardMaskArray}), as for {@code activate}.
     */
    public INDArray states(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        INDArray f = forward.activate(false, workspaceMgr);
        INDArray b = backward.activate(false, workspaceMgr);
        return merged(f, b, returnSequences ? mask : null, workspaceMgr, ArrayType.ACTIVATIONS, f.size(0), f.size(1),
                f.size(2));
    }

    /** [forward, backward put back in input order] as [batch, 2U, T] over batch-major memory; masked steps zero. */
    private static INDArray merged(INDArray f, INDArray b, INDArray mask, LayerWorkspaceMgr workspaceMgr,
                                   ArrayType type, long batch, long units, long steps) {
        INDArray timeMajor = workspaceMgr.create(type, f.dataType(), new long[] {batch, steps, 2 * units}, 'c');
        INDArray out = timeMajor.permute(0, 2, 1);
        out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, units), NDArrayIndex.all()).assign(f);
        out.get(NDArrayIndex.all(), NDArrayIndex.interval(units, 2 * units), NDArrayIndex.all())
                .assign(TimeSeriesUtils.reverseTimeSeries(b, workspaceMgr, ArrayType.FF_WORKING_MEM));
        if (mask != null) {
            Broadcast.mul(timeMajor, mask.castTo(f.dataType()), timeMajor, 0, 1);
        }
        return out;
    }

    private static INDArray lastStep(INDArray sequence) {
        return sequence.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(sequence.size(2) - 1));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        long batch = epsilon.size(0);
        long units = epsilon.size(1) / 2;
        long steps = input().size(2);
        INDArray epsForward;
        INDArray epsBackward;
        INDArrayIndex[] forwardHalf = {NDArrayIndex.all(), NDArrayIndex.interval(0, units)};
        INDArrayIndex[] backwardHalf = {NDArrayIndex.all(), NDArrayIndex.interval(units, 2 * units)};
        if (returnSequences) {
            INDArray e = epsilon;
            if (mask != null) {
                // masked steps output a constant zero: nothing flows back from them
                e = workspaceMgr.dup(ArrayType.BP_WORKING_MEM, epsilon.permute(0, 2, 1), 'c');
                Broadcast.mul(e, mask.castTo(e.dataType()), e, 0, 1);
                e = e.permute(0, 2, 1);
            }
            epsForward = e.get(forwardHalf[0], forwardHalf[1], NDArrayIndex.all());
            epsBackward = TimeSeriesUtils.reverseTimeSeries(e.get(backwardHalf[0], backwardHalf[1], NDArrayIndex.all()),
                    workspaceMgr, ArrayType.BP_WORKING_MEM);
        } else {
            // each direction's last output is its last step
            epsForward = workspaceMgr.create(ArrayType.BP_WORKING_MEM, epsilon.dataType(), new long[] {batch, units, steps}, 'f');
            epsBackward = workspaceMgr.create(ArrayType.BP_WORKING_MEM, epsilon.dataType(), new long[] {batch, units, steps}, 'f');
            epsForward.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(steps - 1)).assign(epsilon.get(forwardHalf));
            epsBackward.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(steps - 1)).assign(epsilon.get(backwardHalf));
        }
        Pair<Gradient, INDArray> f = forward.backpropGradient(epsForward, workspaceMgr);
        Pair<Gradient, INDArray> b = backward.backpropGradient(epsBackward, workspaceMgr);
        Gradient g = new DefaultGradient(getGradientsViewArray());
        f.getFirst().gradientForVariable().forEach((k, v) ->
                g.gradientForVariable().put(BidirectionalParamInitializer.FORWARD_PREFIX + k, v));
        b.getFirst().gradientForVariable().forEach((k, v) ->
                g.gradientForVariable().put(BidirectionalParamInitializer.BACKWARD_PREFIX + k, v));
        INDArray epsOut = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, f.getSecond());
        epsOut.addi(TimeSeriesUtils.reverseTimeSeries(b.getSecond(), workspaceMgr, ArrayType.BP_WORKING_MEM));
        return new Pair<>(g, epsOut);
    }

    /** Keeps the mask for the merged output; with return_sequences it goes on to the next layer (Keras). */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        this.mask = maskArray;
        Pair<INDArray, MaskState> p = super.feedForwardMaskArray(maskArray, currentMaskState, minibatchSize);
        return returnSequences ? p : new Pair<>(null, currentMaskState);
    }

    @Override
    public void setMaskArray(INDArray maskArray) {
        this.mask = maskArray;
        super.setMaskArray(maskArray);
    }

    @Override
    public INDArray getMaskArray() {
        return mask;
    }

    @Override
    public void clear() {
        super.clear();
        mask = null;
    }
}
