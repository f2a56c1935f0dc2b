package org.flattenexplorer.model.cell;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.TimeSeriesUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layer of {@link GoBackwards}: gives the wrapped layer its input and mask reversed in time and returns its
 * output as it comes (the order processed); backprop reverses dL/dinput back.
 */
public class GoBackwardsLayer extends BaseWrapperLayer {

    public GoBackwardsLayer(Layer underlying) {
        super(underlying);
    }

    @Override
    public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        underlying.setInput(reversedInput(input), workspaceMgr);
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        return underlying.activate(training, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        Pair<Gradient, INDArray> p = underlying.backpropGradient(epsilon, workspaceMgr);
        return new Pair<>(p.getFirst(),
                TimeSeriesUtils.reverseTimeSeries(p.getSecond(), workspaceMgr, ArrayType.ACTIVATION_GRAD));
    }

    /** The wrapped layer gets the reversed mask; the next layer the input's own (Keras's compute_mask). */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        Pair<INDArray, MaskState> inner = underlying.feedForwardMaskArray(reversedMask(maskArray), currentMaskState,
                minibatchSize);
        return new Pair<>(maskArray, inner.getSecond());
    }

    @Override
    public void setMaskArray(INDArray maskArray) {
        underlying.setMaskArray(reversedMask(maskArray));
    }

    private static INDArray reversedMask(INDArray mask) {
        return TimeSeriesUtils.reverseTimeSeriesMask(mask, LayerWorkspaceMgr.noWorkspaces(), ArrayType.INPUT);
    }

    /** As DL4J's Bidirectional reverses its input: a detached copy, or one in the input's own workspace. */
    private static INDArray reversedInput(INDArray input) {
        if (input == null) {
            return null;
        }
        if (!input.isAttached()) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                return TimeSeriesUtils.reverseTimeSeries(input);
            }
        }
        try (MemoryWorkspace ignored = input.data().getParentWorkspace().notifyScopeBorrowed()) {
            return TimeSeriesUtils.reverseTimeSeries(input);
        }
    }
}
