package org.flattenexplorer.model;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.flattenexplorer.model.lstm.BatchRows;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;

/**
 * Keras's {@code Flatten} after an LSTM with return_sequences=True: [batch, units, time] (DL4J's layout)
 * becomes [batch, time * units] with element {@code t * units + u} = h_t[u], i.e. h_1's values, then h_2's...
 * DL4J's own RnnToFeedForward / KerasFlattenRnnPreprocessor give unit-major order instead, which trains the
 * same but makes every weight picture wrong.
 *
 * <p>Flatten does not support masking ({@link ExperimentSpec} refuses the combination, as Keras 2.0-2.3 do).
 * Runs saved before that rule may have {@code zeroMaskedSteps}: their padded time steps are zeroed (forward and
 * backward). DL4J hands a preprocessor the features mask in {@link #feedForwardMaskArray} before
 * {@link #preProcess} and never clears it, so the mask is kept for the next forward pass only: a later pass
 * without a mask of its own must not reuse it.
 */
public class KerasOrderFlatten implements InputPreProcessor {

    private long timeSteps;
    private long units;
    private boolean zeroMaskedSteps;
    /** Set by {@link #feedForwardMaskArray} for the next forward pass. */
    private transient INDArray pendingMask;
    /** The mask of the last forward pass, for its backprop. */
    private transient INDArray forwardMask;

    /** For DL4J's JSON (de)serialization. */
    public KerasOrderFlatten() {}

    public KerasOrderFlatten(long timeSteps, long units, boolean zeroMaskedSteps) {
        this.timeSteps = timeSteps;
        this.units = units;
        this.zeroMaskedSteps = zeroMaskedSteps;
    }

    public long getTimeSteps() {
        return timeSteps;
    }

    public long getUnits() {
        return units;
    }

    public boolean isZeroMaskedSteps() {
        return zeroMaskedSteps;
    }

    /** Position of h_t[u] in the flattened vector, Keras's order. */
    public static long flatIndex(long t, long u, long units) {
        return t * units + u;
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        if (input.rank() != 3) {
            throw new IllegalArgumentException("Flatten expects LSTM sequences [batch, units, time], got rank "
                    + input.rank());
        }
        long batch = input.size(0);
        forwardMask = zeroMaskedSteps ? pendingMask : null;
        pendingMask = null;
        INDArray timeMajor = input.permute(0, 2, 1);
        INDArray activeMask = activeMask(batch);
        if (activeMask == null && BatchRows.dense(timeMajor, timeMajor.dataType())) {
            // the fast cells keep their states time-major already: Keras's order is a view, no 8 MB copy a batch
            return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, timeMajor.reshape('c', batch, timeMajor.length() / batch));
        }
        timeMajor = workspaceMgr.dup(ArrayType.ACTIVATIONS, timeMajor, 'c');
        if (activeMask != null) {
            Broadcast.mul(timeMajor, activeMask, timeMajor, 0, 1);
        }
        return timeMajor.reshape('c', batch, input.size(2) * input.size(1));
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        long batch = output.size(0);
        INDArray activeMask = activeMask(batch);
        INDArray grad;
        if (activeMask == null && BatchRows.dense(output, output.dataType())) {
            // nothing but the recurrent layer reads it: a view of the Dense layer's gradient does, no 8 MB copy a batch
            grad = workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, output).reshape('c', batch, timeSteps, units);
        } else {
            grad = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, output, 'c').reshape('c', batch, timeSteps, units);
        }
        if (activeMask != null) {
            Broadcast.mul(grad, activeMask, grad, 0, 1);
        }
        // A view is enough: both LSTMs read the gradient in any layout, and a transposing copy cost ~0.2 s an epoch.
        return grad.permute(0, 2, 1);
    }

    private INDArray activeMask(long batch) {
        if (forwardMask != null && forwardMask.size(0) != batch) {
            throw new IllegalStateException("Flatten's mask has " + forwardMask.size(0) + " rows for a batch of " + batch);
        }
        return forwardMask;
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        pendingMask = maskArray;
        // The Dense layer after Flatten sees one vector per review: no mask beyond this point.
        return new Pair<>(null, null);
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return InputType.feedForward(timeSteps * units);
    }

    @Override
    public KerasOrderFlatten clone() {
        return new KerasOrderFlatten(timeSteps, units, zeroMaskedSteps);
    }
}
