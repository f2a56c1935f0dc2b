package org.flattenexplorer.model.cell;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Parameters of a {@link RecurrentCellConfig}, Keras's weights of the cell: kernel {@value #KERNEL} [nIn, G],
 * recurrent kernel {@value #RECURRENT_KERNEL} [U, G] and bias {@value #BIAS} [rows, G], G = gates * U (GRU: gate
 * blocks [z, r, h] and bias rows [input bias, recurrent bias]; SimpleRNN: one block, one row). Keras's
 * initializers come from the configuration (see {@link RecurrentCellConfig.Builder}): the kernel's over its own
 * shape [nIn, G], the recurrent kernel's over [U, G], the bias a constant.
 */
public final class CellParamInitializer implements ParamInitializer {

    public static final String KERNEL = "W";
    public static final String RECURRENT_KERNEL = "RW";
    public static final String BIAS = "b";

    private static final CellParamInitializer INSTANCE = new CellParamInitializer();
    private static final List<String> KEYS = List.of(KERNEL, RECURRENT_KERNEL, BIAS);
    private static final List<String> WEIGHT_KEYS = List.of(KERNEL, RECURRENT_KERNEL);
    private static final List<String> BIAS_KEYS = Collections.singletonList(BIAS);

    private CellParamInitializer() {
    }

    public static CellParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    /** Keras's count: (nIn + U + rows) * gates * U. */
    @Override
    public long numParams(Layer layer) {
        RecurrentCellConfig c = (RecurrentCellConfig) layer;
        long width = (long) c.gates() * c.getNOut();
        return (c.getNIn() + c.getNOut() + c.biasRows()) * width;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return KEYS;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return WEIGHT_KEYS;
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return BIAS_KEYS;
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHT_KEYS.contains(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        RecurrentCellConfig c = (RecurrentCellConfig) conf.getLayer();
        Map<String, INDArray> m = views(c, paramsView);
        if (initializeParams) {
            long nIn = c.getNIn();
            long units = c.getNOut();
            long width = (long) c.gates() * units;
            IWeightInit recurrentInit = c.getWeightInitFnRecurrent() != null ? c.getWeightInitFnRecurrent()
                    : c.getWeightInitFn();
            // as DL4J's own layers do: the initializer gets the flat view and the shape, and fills the view
            c.getWeightInitFn().init(nIn, width, new long[] {nIn, width}, 'f', flat(m.get(KERNEL)));
            recurrentInit.init(units, width, new long[] {units, width}, 'f', flat(m.get(RECURRENT_KERNEL)));
            m.get(BIAS).assign(Double.isNaN(c.getBiasInit()) ? 0.0 : c.getBiasInit());
        }
        for (String k : KEYS) {
            conf.addVariable(k);
        }
        return m;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((RecurrentCellConfig) conf.getLayer(), gradientView);
    }

    /** The flat vector behind a parameter view (the views are contiguous slices of the layer's vector). */
    private static INDArray flat(INDArray view) {
        return view.reshape(view.ordering(), new long[] {view.length()});
    }

    /** Views into the flat vector: kernel and recurrent kernel in 'f' order (as DL4J's own layers), then the bias. */
    private Map<String, INDArray> views(RecurrentCellConfig c, INDArray flat) {
        long nIn = c.getNIn();
        long units = c.getNOut();
        long width = (long) c.gates() * units;
        long expected = numParams(c);
        if (flat.length() != expected) {
            throw new IllegalStateException("expected " + expected + " parameters for " + c.kerasName() + ", got "
                    + flat.length() + " (shape " + Arrays.toString(flat.shape()) + ")");
        }
        INDArray v = flat.reshape(flat.length());
        long kernelEnd = nIn * width;
        long recurrentEnd = kernelEnd + units * width;
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put(KERNEL, v.get(NDArrayIndex.interval(0, kernelEnd)).reshape('f', nIn, width));
        m.put(RECURRENT_KERNEL, v.get(NDArrayIndex.interval(kernelEnd, recurrentEnd)).reshape('f', units, width));
        m.put(BIAS, v.get(NDArrayIndex.interval(recurrentEnd, expected)).reshape('c', c.biasRows(), width));
        return m;
    }
}
