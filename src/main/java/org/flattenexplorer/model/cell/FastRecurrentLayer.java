package org.flattenexplorer.model.cell;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.base.Preconditions;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The layer of a {@link RecurrentCellConfig} (GRU, SimpleRNN): the cell's {@link RecurrentKernel} over whole
 * sequences, as the fast LSTM's layer runs its kernel.
 *
 * <p>Input dropout through DL4J's hooks ({@code applyDropOutIfNecessary}/{@code backpropDropOutIfPresent}: with
 * {@code SequenceDropout}, Keras's one mask per sequence). Masking is Keras's: the layer takes the network's
 * features mask ({@code feedForwardMaskArray} sets it, so a plain sequence layer is masked too, not only one inside
 * {@code LastTimeStep}), a masked step keeps the previous state and outputs it again (zeros before the first real
 * step), and backprop is the exact gradient of that. The forward pass of training is cached for backprop.
 *
 * <p>Output: [batch, U, T], a view of batch-major [batch, T, U] memory, which the Keras-order Flatten reads as it is.
 */
public class FastRecurrentLayer extends BaseRecurrentLayer<RecurrentCellConfig> {

    private transient RecurrentKernel kernel;
    private transient INDArray cachedFor;

    public FastRecurrentLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** Frees this layer's cached working buffers (they are otherwise kept and reused between batches). */
    public synchronized void releaseBuffers() {
        if (kernel != null) {
            kernel.release();
        }
        cachedFor = null;
    }

    private RecurrentKernel kernel() {
        if (kernel == null) {
            kernel = layerConf().newKernel(dataType);
        }
        return kernel;
    }

    private INDArray param(String key, boolean training, LayerWorkspaceMgr workspaceMgr) {
        return getParamWithNoise(key, training, workspaceMgr).castTo(dataType);
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        return activate(training, workspaceMgr);
    }

    @Override
    public synchronized INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        cachedFor = null;
        INDArray x = prepareInput(training, workspaceMgr);
        INDArray rw = param(CellParamInitializer.RECURRENT_KERNEL, training, workspaceMgr);
        // batch-major [b, T, U] memory, returned as the [b, U, T] view
        // uninitialized: the kernel writes every element (no 8 MB zeroing a batch)
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[] {x.size(0), x.size(2), rw.size(0)}, 'c');
        kernel().forward(x, param(CellParamInitializer.KERNEL, training, workspaceMgr), rw,
                param(CellParamInitializer.BIAS, training, workspaceMgr), maskArray, training, out);
        if (training) {
            cachedFor = input;
        }
        return out.permute(0, 2, 1);
    }

    private INDArray prepareInput(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        Preconditions.checkState(input.rank() == 3, "%s expects [batch, features, time] input, got rank %s",
                layerConf().kerasName(), input.rank());
        applyDropOutIfNecessary(training, workspaceMgr);
        return input;
    }

    /** Keeps the features mask for the kernel (the network's mask and a probe's alike) and passes it on. */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray mask, MaskState currentMaskState, int minibatchSize) {
        setMaskArray(mask);
        return new Pair<>(mask, MaskState.Passthrough);
    }

    @Override
    public synchronized Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        RecurrentKernel k = kernel();
        if (cachedFor == null || cachedFor != input) {
            k.forward(prepareInput(true, workspaceMgr), param(CellParamInitializer.KERNEL, true, workspaceMgr),
                    param(CellParamInitializer.RECURRENT_KERNEL, true, workspaceMgr),
                    param(CellParamInitializer.BIAS, true, workspaceMgr), maskArray, true, null);
        }
        cachedFor = null;
        Gradient g = new DefaultGradient();
        for (String key : CellParamInitializer.getInstance().paramKeys(layerConf())) {
            g.gradientForVariable().put(key, gradientViews.get(key));
        }
        // batch-major [b, T, nIn] memory, the embedding layer's layout, returned as the [b, nIn, T] view
        // uninitialized: the kernel writes every element
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                new long[] {input.size(0), input.size(2), input.size(1)}, 'c');
        k.backward(epsilon.castTo(dataType), gradientViews.get(CellParamInitializer.KERNEL),
                gradientViews.get(CellParamInitializer.RECURRENT_KERNEL), gradientViews.get(CellParamInitializer.BIAS),
                epsOut);
        weightNoiseParams.clear();
        return new Pair<>(g, backpropDropOutIfPresent(epsOut.permute(0, 2, 1)));
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength,
                                                          LayerWorkspaceMgr workspaceMgr) {
        throw new UnsupportedOperationException(layerConf().kerasName() + " has no truncated BPTT: train on whole sequences");
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        throw new UnsupportedOperationException(layerConf().kerasName() + " has no stepwise mode: run whole sequences");
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        throw new UnsupportedOperationException(layerConf().kerasName() + " has no stepwise mode: run whole sequences");
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }
}
