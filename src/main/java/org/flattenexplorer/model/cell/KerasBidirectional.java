package org.flattenexplorer.model.cell;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Keras's {@code Bidirectional(layer, merge_mode='concat')} around a recurrent cell (the fast LSTM, GRU,
 * SimpleRNN), with the cell's return_sequences:
 * <ul>
 * <li>true: output [batch, 2U, T], step t = [forward h_t, backward h_t], the backward layer's outputs put back in the
 *     input's order, so a Keras-order Flatten gives the Dense layer index {@code t * 2U + u} with the forward units
 *     first; with a mask, masked steps output zeros in both halves (Bidirectional forces {@code zero_output_for_mask}
 *     when it returns sequences) and the mask is passed on;</li>
 * <li>false: output [batch, 2U] = [forward state after the last step, backward state after the first step] (each
 *     layer's last output; with a mask, the state at the last, resp. first, real step), and no mask after it.</li>
 * </ul>
 * Two independent copies of the cell (parameters "f..." then "b...", 2x the cell's count, each initialised and
 * dropped out on its own). Built on DL4J's {@link Bidirectional} (parameters, updater, reversal of input and mask);
 * the layer ({@link KerasBidirectionalLayer}) adds Keras's masked zeros and the last-state output, which DL4J's
 * gets wrong (LastTimeStep around it would read the backward layer after one step).
 */
public class KerasBidirectional extends Bidirectional {

    private boolean returnSequences = true;

    /** For JSON. */
    public KerasBidirectional() {
    }

    public KerasBidirectional(Layer cell, boolean returnSequences) {
        super(Mode.CONCAT, cell);
        if (!(cell instanceof BaseRecurrentLayer)) {
            throw new IllegalArgumentException("Bidirectional wraps a recurrent cell (LSTM, GRU, SimpleRNN), not "
                    + cell.getClass().getSimpleName());
        }
        this.returnSequences = returnSequences;
    }

    public boolean isReturnSequences() {
        return returnSequences;
    }

    public void setReturnSequences(boolean returnSequences) {
        this.returnSequences = returnSequences;
    }

    /** Units of one direction. */
    long units() {
        return ((FeedForwardLayer) getFwd()).getNOut();
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners, int layerIndex,
                                                       INDArray layerParamsView, boolean initializeParams,
                                                       DataType networkDataType) {
        // as DL4J's Bidirectional: each direction instantiated on its half of the parameters
        NeuralNetConfiguration c1 = conf.clone();
        NeuralNetConfiguration c2 = conf.clone();
        c1.setLayer(getFwd());
        c2.setLayer(getBwd());
        INDArray flat = layerParamsView.reshape(layerParamsView.length());
        long n = layerParamsView.length() / 2;
        org.deeplearning4j.nn.api.Layer f = getFwd().instantiate(c1, trainingListeners, layerIndex,
                flat.get(NDArrayIndex.interval(0, n)), initializeParams, networkDataType);
        org.deeplearning4j.nn.api.Layer b = getBwd().instantiate(c2, trainingListeners, layerIndex,
                flat.get(NDArrayIndex.interval(n, 2 * n)), initializeParams, networkDataType);
        KerasBidirectionalLayer layer = new KerasBidirectionalLayer(conf, f, b, layerParamsView, returnSequences);
        Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(paramTable);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeRecurrent r = (InputType.InputTypeRecurrent) getFwd().getOutputType(layerIndex, inputType);
        return returnSequences ? InputType.recurrent(2 * r.getSize(), r.getTimeSeriesLength(), RNNFormat.NCW)
                : InputType.feedForward(2 * r.getSize());
    }

    /** A deep copy: its own cells (and dropout), and an initializer of its own (DL4J's clone shares both). */
    @Override
    public KerasBidirectional clone() {
        KerasBidirectional copy = (KerasBidirectional) super.clone();
        copy.setFwd(getFwd().clone());
        copy.setBwd(getBwd().clone());
        copy.setInitializer(null);
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KerasBidirectional k && k.returnSequences == returnSequences && super.equals(o);
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof KerasBidirectional;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + (returnSequences ? 1 : 0);
    }
}
