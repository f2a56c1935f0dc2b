package org.flattenexplorer.model.lstm;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.base.Preconditions;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The layer of {@link FastLstm}: DL4J's stock {@link org.deeplearning4j.nn.layers.recurrent.LSTM} with a fast
 * forward and backward pass ({@link LstmKernel}).
 *
 * <p>What it keeps from the stock layer: parameters and gradient views, input dropout through
 * {@code applyDropOutIfNecessary}/{@code backpropDropOutIfPresent}, and everything it does not override
 * ({@code rnnTimeStep}, {@code rnnActivateUsingStoredState}, truncated BPTT, NWC data, other activations, weight
 * noise run the stock code).
 *
 * <p>What it changes: masking is Keras's ({@link LstmKernel}): the layer takes the network's features mask
 * ({@code feedForwardMaskArray} sets it, so a plain sequence layer is masked too, not only one inside
 * {@code LastTimeStep}), a masked step keeps the previous state and outputs it again, and backprop is the exact
 * gradient of that (the stock layer zeroes h and c at masked steps and backprops as if there were no mask). The
 * forward pass of training is cached for backprop (the stock layer recomputes it), and the work is GEMMs on whole
 * sequences plus fused Java loops, split over {@link FastLstmRuntime#threads()}.
 */
public class FastLstmLayer extends org.deeplearning4j.nn.layers.recurrent.LSTM {

    private transient LstmKernel kernel;
    private transient INDArray cachedFor;

    public FastLstmLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** Whether this layer's configuration runs on the fast path (otherwise it runs DL4J's stock code). */
    public boolean isFastPath() {
        org.deeplearning4j.nn.conf.layers.LSTM c = layerConf();
        return c.getGateActivationFn() instanceof ActivationSigmoid
                && c.getActivationFn() instanceof ActivationTanH
                && c.getWeightNoise() == null
                && c.getRnnDataFormat() != RNNFormat.NWC
                && (dataType == DataType.FLOAT || dataType == DataType.DOUBLE);
    }

    /** Frees this layer's cached working buffers (they are otherwise kept and reused between batches). */
    public synchronized void releaseBuffers() {
        if (kernel != null) {
            kernel.release();
        }
        cachedFor = null;
    }

    private LstmKernel kernel(DataType dt) {
        boolean wantDouble = dt == DataType.DOUBLE;
        if (kernel == null || (kernel instanceof LstmKernelD) != wantDouble) {
            kernel = wantDouble ? new LstmKernelD() : new LstmKernelF();
        }
        return kernel;
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        return activate(training, workspaceMgr);
    }

    @Override
    public synchronized INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!isFastPath()) {
            return super.activate(training, workspaceMgr);
        }
        cachedFor = null;
        INDArray x = prepareInput(training, workspaceMgr);
        INDArray w = getParamWithNoise(LSTMParamInitializer.INPUT_WEIGHT_KEY, training, workspaceMgr);
        INDArray rw = getParamWithNoise(LSTMParamInitializer.RECURRENT_WEIGHT_KEY, training, workspaceMgr);
        INDArray b = getParamWithNoise(LSTMParamInitializer.BIAS_KEY, training, workspaceMgr);
        // batch-major [b, T, U] memory, returned as the [b, U, T] view: Keras-order Flatten reads it as is
        // uninitialized: the kernel writes every element (no 8 MB zeroing a batch)
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, w.dataType(),
                new long[] {x.size(0), x.size(2), rw.size(0)}, 'c');
        kernel(w.dataType()).forward(x, w, rw, b, maskArray, training, out);
        if (training) {
            cachedFor = input;
        }
        return out.permute(0, 2, 1);
    }

    private INDArray prepareInput(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        Preconditions.checkState(input.rank() == 3, "3D input expected to RNN layer, got rank %s", input.rank());
        applyDropOutIfNecessary(training, workspaceMgr);
        return input;
    }

    /** Keeps the features mask (the stock layer only passes it on): the network and a probe mask alike. */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray mask, MaskState currentMaskState, int minibatchSize) {
        if (isFastPath()) {
            setMaskArray(mask);
        }
        return super.feedForwardMaskArray(mask, currentMaskState, minibatchSize);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return fastBackprop(epsilon, workspaceMgr);
    }

    private synchronized Pair<Gradient, INDArray> fastBackprop(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!isFastPath()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        INDArray w = getParamWithNoise(LSTMParamInitializer.INPUT_WEIGHT_KEY, true, workspaceMgr);
        INDArray rw = getParamWithNoise(LSTMParamInitializer.RECURRENT_WEIGHT_KEY, true, workspaceMgr);
        DataType dt = w.dataType();
        LstmKernel k = kernel(dt);
        if (cachedFor == null || cachedFor != input) {
            INDArray x = prepareInput(true, workspaceMgr);
            INDArray b = getParamWithNoise(LSTMParamInitializer.BIAS_KEY, true, workspaceMgr);
            k.forward(x, w, rw, b, maskArray, true, null);
        }
        cachedFor = null;
        INDArray gW = gradientViews.get(LSTMParamInitializer.INPUT_WEIGHT_KEY);
        INDArray gRW = gradientViews.get(LSTMParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray gB = gradientViews.get(LSTMParamInitializer.BIAS_KEY);
        // batch-major [b, T, nIn] memory, the embedding layer's layout, returned as the [b, nIn, T] view
        // uninitialized: the kernel writes every element
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dt,
                new long[] {input.size(0), input.size(2), input.size(1)}, 'c');
        k.backward(epsilon.castTo(dt), gW, gRW, gB, epsOut);

        Gradient g = new DefaultGradient();
        g.gradientForVariable().put(LSTMParamInitializer.INPUT_WEIGHT_KEY, gW);
        g.gradientForVariable().put(LSTMParamInitializer.RECURRENT_WEIGHT_KEY, gRW);
        g.gradientForVariable().put(LSTMParamInitializer.BIAS_KEY, gB);
        weightNoiseParams.clear();
        return new Pair<>(g, backpropDropOutIfPresent(epsOut.permute(0, 2, 1)));
    }
}
