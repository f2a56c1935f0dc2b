package org.flattenexplorer.model.lstm;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.AbstractLSTM;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.flattenexplorer.model.CustomLayers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Drop-in replacement for DL4J's {@link LSTM} configuration (no peepholes, Keras's LSTM) whose layer,
 * {@link FastLstmLayer}, runs the same math several times faster.
 *
 * <p>It IS an {@link LSTM}: same parameters (W [nIn, 4U], RW [U, 4U], b [1, 4U], DL4J's gate block order
 * [g, f, o, i]), same {@code LSTMParamInitializer}, same keys, same JSON apart from {@code @class}; weights
 * move between the two freely. Build it like the stock layer:
 * <pre>{@code new FastLstm.Builder().nIn(128).nOut(128).activation(Activation.TANH).build()}</pre>
 * or convert a stock configuration with {@link #of(LSTM)}.
 *
 * <p>One deliberate difference: with a features mask it follows Keras's masking (a masked step keeps the
 * previous state; exact gradients), where the stock layer zeroes the state and ignores the mask in backprop
 * (see {@link FastLstmLayer}). Without a mask the two compute the same.
 *
 * <p>The fast path needs sigmoid gates, tanh activation, NCW data, float or double, no weight noise; any
 * other configuration runs DL4J's stock code unchanged. See {@link FastLstmRuntime} for threads.
 */
public class FastLstm extends LSTM {

    /** For JSON and for {@link Builder}. */
    public FastLstm() {
        super();
    }

    /** A FastLstm with every setting of the given stock configuration. */
    public static FastLstm of(LSTM stock) {
        FastLstm fast = new FastLstm();
        CustomLayers.copyFields(stock.clone(), fast, LSTM.class);
        return fast;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        LayerValidation.assertNInNOutSet("FastLstm", getLayerName(), layerIndex, getNIn(), getNOut());
        return CustomLayers.wire(new FastLstmLayer(conf, networkDataType), conf, initializer(), trainingListeners,
                layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public FastLstm clone() {
        return (FastLstm) super.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FastLstm && super.equals(o);
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof FastLstm;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + FastLstm.class.getName().hashCode();
    }

    @Override
    public String toString() {
        return "Fast" + super.toString();
    }

    /** Builder with every option of DL4J's {@code LSTM.Builder}. */
    public static class Builder extends AbstractLSTM.Builder<Builder> {

        public Builder() {
            super();
        }

        @Override
        @SuppressWarnings("unchecked")
        public FastLstm build() {
            LSTM.Builder stock = new LSTM.Builder();
            CustomLayers.copyFields(this, stock, AbstractLSTM.Builder.class);
            return of(stock.build());
        }
    }
}
