package org.flattenexplorer.model.cell;

import java.util.Collection;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code go_backwards=True} around any recurrent layer (the fast LSTM, GRU, SimpleRNN): the layer reads the
 * sequence from its last step to its first, and its output sequence stays in the order processed (output step t is
 * the state after reading input steps T-1 down to T-1-t), as {@code keras.backend.rnn} returns it. The mask is
 * reversed with the input; the mask passed on to the next layer is the input's own, unreversed (Keras's
 * {@code RNN.compute_mask} returns it as it came). Inside {@code LastTimeStep} the last state is the state after
 * reading the first step: the output's last step (LastTimeStep finds it through the reversed mask this layer
 * reports). Parameters, initialisation and dropout are the wrapped layer's.
 */
public class GoBackwards extends BaseWrapperLayer {

    /** For JSON. */
    public GoBackwards() {
    }

    public GoBackwards(Layer underlying) {
        super(underlying);
        this.layerName = underlying.getLayerName();
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners, int layerIndex,
                                                       INDArray layerParamsView, boolean initializeParams,
                                                       DataType networkDataType) {
        NeuralNetConfiguration inner = conf.clone();
        inner.setLayer(underlying);
        return new GoBackwardsLayer(underlying.instantiate(inner, trainingListeners, layerIndex, layerParamsView,
                initializeParams, networkDataType));
    }

    @Override
    public GoBackwards clone() {
        GoBackwards copy = (GoBackwards) super.clone();
        copy.setUnderlying(underlying == null ? null : underlying.clone());
        return copy;
    }
}
