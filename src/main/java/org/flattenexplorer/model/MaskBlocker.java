package org.flattenexplorer.model;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's rule for a head that does not support masking ({@link Head#supportsMasking()}), here
 * GlobalMaxPooling1D: tf.keras 2 drops the mask there and pools over every step (the LSTM's output at a masked
 * step being its previous output, zeros before the first word). DL4J would hand the mask on to its pooling layer,
 * which would pool over the real steps only; this identity preprocessor stops the mask instead.
 */
public class MaskBlocker implements InputPreProcessor {

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        return input;
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        return output;
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        return new Pair<>(null, null);
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return inputType;
    }

    @Override
    public MaskBlocker clone() {
        return new MaskBlocker();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MaskBlocker;
    }

    @Override
    public int hashCode() {
        return MaskBlocker.class.hashCode();
    }
}
