package org.flattenexplorer.model.cell;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.flattenexplorer.model.CustomLayers;
import org.flattenexplorer.model.GlorotUniform;
import org.flattenexplorer.model.KerasOrthogonal;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The configuration of a fast Keras recurrent cell ({@link FastGru}, {@link FastSimpleRnn}): DL4J has no GRU for a
 * MultiLayerNetwork, and its SimpleRnn resets the state at a masked step, so both are the project's own layers. One
 * layer implementation runs them ({@link FastRecurrentLayer}, with the cell's kernel), one initializer lays out
 * their parameters ({@link CellParamInitializer}).
 *
 * <p>Keras's defaults are the builder's: activation tanh (the only one computed), glorot-uniform kernel,
 * orthogonal recurrent kernel, zero bias. The layer reads NCW data ([batch, features, time], DL4J's default) and
 * has no stepwise mode (rnnTimeStep, truncated BPTT).
 */
public abstract class RecurrentCellConfig extends BaseRecurrentLayer {

    /** For JSON. */
    protected RecurrentCellConfig() {
    }

    protected RecurrentCellConfig(Builder<?> builder) {
        super(builder);
    }

    /** Gate blocks stacked along the weights' columns (GRU 3, SimpleRNN 1). */
    public abstract int gates();

    /** Rows of the bias (GRU 2, input and recurrent bias; SimpleRNN 1). */
    public abstract int biasRows();

    /** Keras's class name, for messages and summaries. */
    public abstract String kerasName();

    /** A kernel of this cell in the network's precision. */
    abstract RecurrentKernel newKernel(DataType dataType);

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        LayerValidation.assertNInNOutSet(kerasName(), getLayerName(), layerIndex, getNIn(), getNOut());
        if (!(getActivationFn() instanceof ActivationTanH)) {
            throw new IllegalStateException(kerasName() + " computes tanh (Keras's default activation), not "
                    + getActivationFn() + ": remove the activation setting");
        }
        if (getRnnDataFormat() == RNNFormat.NWC) {
            throw new IllegalStateException(kerasName() + " reads NCW data ([batch, features, time]), not NWC");
        }
        if (networkDataType != DataType.FLOAT && networkDataType != DataType.DOUBLE) {
            throw new IllegalStateException(kerasName() + " computes in float or double, not " + networkDataType);
        }
        return CustomLayers.wire(new FastRecurrentLayer(conf, networkDataType), conf, initializer(),
                trainingListeners, layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return CellParamInitializer.getInstance();
    }

    /** A rough report, in the style of DL4J's LSTM: the kernel's buffers per example and time step. */
    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType.InputTypeRecurrent in = (InputType.InputTypeRecurrent) inputType;
        long steps = Math.max(1, in.getTimeSeriesLength());
        long params = initializer().numParams(this);
        long width = (long) gates() * getNOut();
        long inference = steps * (getNIn() + width + getNOut());
        long training = steps * (getNIn() + 3 * width + 3L * getNOut());
        Map<CacheMode, Long> fixed = new HashMap<>();
        Map<CacheMode, Long> perExample = new HashMap<>();
        for (CacheMode m : CacheMode.values()) {
            fixed.put(m, 0L);
            perExample.put(m, training);
        }
        return new LayerMemoryReport.Builder(getLayerName(), getClass(), inputType, getOutputType(-1, inputType))
                .standardMemory(params, getIUpdater() == null ? 0 : getIUpdater().stateSize(params))
                .workingMemory(0, inference, fixed, perExample)
                .cacheMemory(fixed, fixed)
                .build();
    }

    @Override
    public RecurrentCellConfig clone() {
        return (RecurrentCellConfig) super.clone();
    }

    /** Equal only to the same cell with the same settings (DL4J's equals would match any recurrent layer's). */
    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && super.equals(o);
    }

    @Override
    protected boolean canEqual(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + getClass().getName().hashCode();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + super.toString() + ")";
    }

    /** Keras's defaults: tanh, glorot-uniform kernel, orthogonal recurrent kernel, zero bias. */
    public abstract static class Builder<T extends Builder<T>> extends BaseRecurrentLayer.Builder<T> {

        protected Builder() {
            activation(Activation.TANH);
            weightInit(new GlorotUniform());
            weightInitRecurrent(new KerasOrthogonal());
            biasInit(0);
        }
    }
}
