package org.flattenexplorer.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.config.KerasModelConfiguration;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasModelBuilder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.flattenexplorer.model.KerasOrderFlatten;
import org.flattenexplorer.training.Failures;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A Keras model through deeplearning4j-modelimport: a MultiLayerNetwork for a Sequential model, a ComputationGraph
 * for a functional chain. Two things are set right after DL4J's import: the initialisers in the configuration
 * are replaced by zeros before the import (the weights come from the file anyway, and M2.1's orthogonal initialiser
 * crashes natively on some shapes), and a Flatten after a recurrent layer reads the states in Keras's order
 * ({@link KerasOrderFlatten}: index t * units + u), not DL4J's unit-major one.
 */
public final class KerasImport {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The imported network, one of the two kinds, and what each Keras layer became. */
    public record Imported(MultiLayerNetwork network, ComputationGraph graph, Map<String, String> importedAs) {
        public boolean sequential() {
            return network != null;
        }
    }

    private KerasImport() {}

    public static Imported load(KerasModelFile model) {
        String json = withZeroInitialisers(model.modelConfig(), model.kerasVersion(), model.backend());
        try (KerasModelBuilder builder = new KerasModelBuilder(new KerasModelConfiguration())) {
            builder.modelJson(json).weightsHdf5Filename(model.file().toString()).enforceTrainingConfig(false);
            synchronized (org.deeplearning4j.nn.modelimport.keras.Hdf5Archive.LOCK_OBJECT) {
                if (model.modelClass().equals("Sequential")) {
                    MultiLayerNetwork net = relaidOut(builder.buildSequential().getMultiLayerNetwork(), false);
                    kerasOrderFlatten(model, net);
                    return new Imported(net, null, describe(model, net));
                }
                ComputationGraph graph = builder.buildModel().getComputationGraph();
                kerasOrderFlatten(model, graph);
                return new Imported(null, graph, describe(model, graph));
            }
        } catch (KerasModelException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw new KerasModelException(model.file() + ": deeplearning4j-modelimport could not build the model ("
                    + Failures.clean(e.getMessage()) + ")", e);
        }
    }

    /**
     * The model's configuration with every *_initializer set to zeros (DL4J copies the file's weights over them),
     * and the Keras version and backend, which DL4J reads from the JSON it is given (without them it assumes Keras 1).
     */
    static String withZeroInitialisers(String modelConfig, String kerasVersion, String backend) {
        try {
            JsonNode root = JSON.readTree(modelConfig);
            zeroInitialisers(root);
            if (root instanceof ObjectNode object) {
                object.put("keras_version", kerasVersion.equals("unknown") ? "2.2.4" : kerasVersion);
                object.put("backend", backend.equals("unknown") ? "tensorflow" : backend);
            }
            return JSON.writeValueAsString(root);
        } catch (java.io.IOException e) {
            throw new KerasModelException("the model configuration is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** The initialisers DL4J's importer insists on reading for each layer class (Keras always writes them). */
    private static final Map<String, List<String>> REQUIRED_INITIALISERS = Map.of(
            "Embedding", List.of("embeddings_initializer"),
            "LSTM", List.of("kernel_initializer", "recurrent_initializer", "bias_initializer"),
            "SimpleRNN", List.of("kernel_initializer", "recurrent_initializer", "bias_initializer"),
            "Dense", List.of("kernel_initializer", "bias_initializer"));

    private static void zeroInitialisers(JsonNode node) {
        if (node instanceof ObjectNode object && object.path("config") instanceof ObjectNode config
                && REQUIRED_INITIALISERS.containsKey(object.path("class_name").asText())) {
            for (String key : REQUIRED_INITIALISERS.get(object.path("class_name").asText())) {
                if (!config.has(key)) {
                    config.putObject(key).put("class_name", "Zeros").putObject("config");
                }
            }
        }
        if (node instanceof ObjectNode object) {
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
                keys.add(it.next());
            }
            for (String key : keys) {
                if (key.endsWith("_initializer") && object.get(key).isObject()) {
                    ObjectNode zeros = JSON.createObjectNode();
                    zeros.put("class_name", "Zeros");
                    zeros.putObject("config");
                    object.set(key, zeros);
                } else {
                    zeroInitialisers(object.get(key));
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(KerasImport::zeroInitialisers);
        }
    }

    /**
     * The imported network rebuilt with the same parameters in the layout the app reads: every sequence as DL4J's
     * [batch, units, time] (NCW, so {@link KerasOrderFlatten} and global pooling read the axes they expect), and
     * without the layers that compute nothing here:
     * <ul>
     *   <li>DL4J's MaskZeroLayer (its import of Keras's Masking): in M2.1 the LSTM after it gave outputs 0.44 away
     *       from the reference pass on padded inputs, and output() failed in its workspace. The features mask, computed from
     *       the input the way Keras's Masking does, gives the layers after it the same steps.</li>
     *   <li>Dropout layers, when {@code withoutDropout} (nothing to do when the model is used; the inspection
     *       finds the embedding at layer 0 and the LSTM at layer 1).</li>
     * </ul>
     * Neither has parameters, so the parameter vector is the imported one.
     */
    static MultiLayerNetwork relaidOut(MultiLayerNetwork net, boolean withoutDropout) {
        org.deeplearning4j.nn.conf.MultiLayerConfiguration conf = net.getLayerWiseConfigurations().clone();
        List<org.deeplearning4j.nn.conf.NeuralNetConfiguration> kept = new ArrayList<>();
        Map<Integer, InputPreProcessor> preprocessors = new java.util.HashMap<>();
        for (int i = 0; i < conf.getConfs().size(); i++) {
            org.deeplearning4j.nn.conf.layers.Layer layer = conf.getConf(i).getLayer();
            boolean maskZero = layer instanceof org.deeplearning4j.nn.conf.layers.util.MaskZeroLayer mz
                    && mz.getUnderlying() instanceof org.deeplearning4j.nn.conf.layers.samediff.AbstractSameDiffLayer;
            boolean dropout = withoutDropout && layer instanceof org.deeplearning4j.nn.conf.layers.DropoutLayer;
            if ((maskZero || dropout) && net.getLayer(i).numParams() == 0) {
                continue;
            }
            InputPreProcessor pre = conf.getInputPreProcess(i);
            if (pre instanceof KerasOrderFlatten) {
                preprocessors.put(kept.size(), pre);
            }
            ncw(layer);
            kept.add(conf.getConf(i));
        }
        conf.setConfs(kept);
        conf.setInputPreProcessors(preprocessors);
        MultiLayerNetwork out = new MultiLayerNetwork(conf);
        out.init(net.params().dup(), false);
        return out;
    }

    private static void ncw(org.deeplearning4j.nn.conf.layers.Layer layer) {
        if (layer instanceof BaseWrapperLayer wrapper) {
            ncw(wrapper.getUnderlying());
        } else if (layer instanceof org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer recurrent) {
            recurrent.setRnnDataFormat(RNNFormat.NCW);
        } else if (layer instanceof org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer embedding) {
            embedding.setOutputFormat(RNNFormat.NCW);
        } else if (layer instanceof org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer pooling) {
            pooling.setPoolingDimensions(new int[] {2}); // time is axis 2 in NCW
        }
    }

    /** Replaces the preprocessor in front of the layer that reads a Flatten of a sequence. */
    private static void kerasOrderFlatten(KerasModelFile model, MultiLayerNetwork net) {
        List<KerasLayer> layers = model.computingLayers();
        for (int i = 0; i < layers.size(); i++) {
            if (!flattensSequence(layers, i)) {
                continue;
            }
            int reader = layerIndex(net, nextNamed(layers, i, net));
            if (reader >= 0) {
                long[] tu = stepsAndUnits(layers, i);
                net.getLayerWiseConfigurations().getInputPreProcessors().put(reader,
                        new KerasOrderFlatten(tu[0], tu[1], false));
            }
        }
    }

    private static void kerasOrderFlatten(KerasModelFile model, ComputationGraph graph) {
        List<KerasLayer> layers = model.computingLayers();
        for (int i = 0; i < layers.size(); i++) {
            if (!flattensSequence(layers, i)) {
                continue;
            }
            for (int j = i + 1; j < layers.size(); j++) {
                GraphVertex v = graph.getConfiguration().getVertices().get(layers.get(j).name());
                if (v instanceof LayerVertex lv) {
                    long[] tu = stepsAndUnits(layers, i);
                    lv.setPreProcessor(new KerasOrderFlatten(tu[0], tu[1], false));
                    graph.getVertex(layers.get(j).name()); // the runtime vertex reads its configuration's preprocessor
                    break;
                }
            }
        }
    }

    private static boolean flattensSequence(List<KerasLayer> layers, int i) {
        return layers.get(i).className().equals("Flatten") && Compatibility.producesSequence(layers.subList(0, i));
    }

    /** {time steps, units} of the sequence a Flatten reads: from the input length and the last recurrent layer. */
    private static long[] stepsAndUnits(List<KerasLayer> layers, int flatten) {
        long units = 0;
        long steps = -1;
        for (KerasLayer l : layers.subList(0, flatten)) {
            if (l.className().equals("LSTM") || l.className().equals("SimpleRNN")) {
                units = l.integer("units", 0);
            }
            if (l.className().equals("Embedding")) {
                steps = l.integer("input_length", -1);
                if (units == 0) {
                    units = l.integer("output_dim", 0);
                }
            }
            if (steps < 0 && !l.inputShape().isEmpty()) {
                steps = l.inputShape().get(0);
            }
        }
        return new long[] {steps, units};
    }

    private static String nextNamed(List<KerasLayer> layers, int from, MultiLayerNetwork net) {
        for (int j = from + 1; j < layers.size(); j++) {
            if (layerIndex(net, layers.get(j).name()) >= 0) {
                return layers.get(j).name();
            }
        }
        return "";
    }

    /** The DL4J layer that carries a Keras layer's name, -1 when the Keras layer became none (Flatten, Masking). */
    public static int layerIndex(MultiLayerNetwork net, String kerasName) {
        for (int i = 0; i < net.getnLayers(); i++) {
            if (kerasName.equals(net.getLayer(i).conf().getLayer().getLayerName())) {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, String> describe(KerasModelFile model, MultiLayerNetwork net) {
        Map<String, String> out = new LinkedHashMap<>();
        for (KerasLayer l : model.layers()) {
            int i = layerIndex(net, l.name());
            if (i >= 0) {
                InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(i);
                out.put(l.name(), (pre == null ? "" : preprocessorName(pre) + " + ")
                        + layerName(net.getLayerWiseConfigurations().getConf(i).getLayer()) + " (layer " + i + ")");
            } else {
                out.put(l.name(), noLayer(l));
            }
        }
        return out;
    }

    private static Map<String, String> describe(KerasModelFile model, ComputationGraph graph) {
        Map<String, String> out = new LinkedHashMap<>();
        for (KerasLayer l : model.layers()) {
            GraphVertex v = graph.getConfiguration().getVertices().get(l.name());
            if (v instanceof LayerVertex lv) {
                out.put(l.name(), (lv.getPreProcessor() == null ? "" : preprocessorName(lv.getPreProcessor()) + " + ")
                        + layerName(lv.getLayerConf().getLayer()) + " (vertex " + l.name() + ")");
            } else if (v != null) {
                out.put(l.name(), v.getClass().getSimpleName() + " (vertex " + l.name() + ")");
            } else {
                out.put(l.name(), noLayer(l));
            }
        }
        return out;
    }

    private static String noLayer(KerasLayer l) {
        return switch (l.className()) {
            case "InputLayer" -> "the network's input";
            case "Flatten" -> "no layer: KerasOrderFlatten in front of the next layer (Keras's order)";
            case "Masking" -> "no layer: the features mask (DL4J M2.1 MaskZeroLayer left out: its output differs from Keras)";
            default -> "no layer of its own";
        };
    }

    private static String layerName(org.deeplearning4j.nn.conf.layers.Layer layer) {
        if (layer instanceof LastTimeStep last) {
            return "LastTimeStep(" + layerName(last.getUnderlying()) + ")";
        }
        if (layer instanceof BaseWrapperLayer wrapper) {
            return layer.getClass().getSimpleName() + "(" + layerName(wrapper.getUnderlying()) + ")";
        }
        String name = layer.getClass().getSimpleName();
        if (layer instanceof org.deeplearning4j.nn.conf.layers.BaseLayer base && base.getActivationFn() != null) {
            name += ", " + base.getActivationFn().toString().toLowerCase(java.util.Locale.ROOT);
        }
        if (layer instanceof org.deeplearning4j.nn.conf.layers.LSTM lstm && lstm.getGateActivationFn() != null) {
            name += ", gates " + lstm.getGateActivationFn().toString().toLowerCase(java.util.Locale.ROOT);
        }
        return name;
    }

    private static String preprocessorName(InputPreProcessor p) {
        return p.getClass().getSimpleName();
    }

    /**
     * Every named layer's output for a batch, converted to Keras's orientation, by Keras layer name. Masks follow
     * Keras: a mask_zero Embedding or a Masking layer makes padded (all mask-value) steps masked.
     */
    public static Map<String, Activations> activations(Imported imported, KerasModelFile model, Activations input) {
        INDArray features = toDl4jInput(model, input, inputFormat(imported));
        INDArray mask = featuresMask(model, input);
        Map<String, Activations> out = new LinkedHashMap<>();
        if (imported.sequential()) {
            MultiLayerNetwork net = imported.network();
            synchronized (net) {
                List<INDArray> acts = net.feedForward(features, mask, null);
                net.clearLayerMaskArrays();
                for (KerasLayer l : model.computingLayers()) {
                    int i = layerIndex(net, l.name());
                    if (i >= 0) {
                        out.put(l.name(), toActivations(acts.get(i + 1),
                                format(net.getLayerWiseConfigurations().getConf(i).getLayer())));
                    }
                }
            }
        } else {
            ComputationGraph graph = imported.graph();
            synchronized (graph) {
                graph.setLayerMaskArrays(mask == null ? null : new INDArray[] {mask}, null);
                Map<String, INDArray> acts = graph.feedForward(new INDArray[] {features}, false, false);
                graph.clearLayerMaskArrays();
                for (KerasLayer l : model.computingLayers()) {
                    if (acts.containsKey(l.name())
                            && graph.getConfiguration().getVertices().get(l.name()) instanceof LayerVertex v) {
                        out.put(l.name(), toActivations(acts.get(l.name()), format(v.getLayerConf().getLayer())));
                    }
                }
            }
        }
        return out;
    }

    static boolean embeddingFirst(KerasModelFile model) {
        List<KerasLayer> layers = model.computingLayers();
        return !layers.isEmpty() && layers.get(0).className().equals("Embedding");
    }

    /** The sequence layout of a DL4J layer's output (NWC: [b, T, U]; NCW: [b, U, T]); null when it has none. */
    static RNNFormat format(org.deeplearning4j.nn.conf.layers.Layer layer) {
        if (layer instanceof BaseWrapperLayer wrapper) {
            return format(wrapper.getUnderlying());
        }
        if (layer instanceof org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer r) {
            return r.getRnnDataFormat();
        }
        if (layer instanceof org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer e) {
            return e.getOutputFormat();
        }
        return null;
    }

    /** The layout the network's first recurrent layer reads (DL4J's import keeps Keras's NWC). */
    static RNNFormat inputFormat(Imported imported) {
        List<org.deeplearning4j.nn.conf.layers.Layer> layers = new ArrayList<>();
        if (imported.sequential()) {
            for (int i = 0; i < imported.network().getnLayers(); i++) {
                layers.add(imported.network().getLayerWiseConfigurations().getConf(i).getLayer());
            }
        } else {
            for (String name : imported.graph().getConfiguration().getTopologicalOrderStr()) {
                if (imported.graph().getConfiguration().getVertices().get(name) instanceof LayerVertex v) {
                    layers.add(v.getLayerConf().getLayer());
                }
            }
        }
        for (org.deeplearning4j.nn.conf.layers.Layer l : layers) {
            RNNFormat f = format(l);
            if (f != null) {
                return f;
            }
        }
        return RNNFormat.NCW;
    }

    /** Token ids [batch, T], or features in the network's layout ([b, T, F] for NWC, [b, F, T] for NCW). */
    static INDArray toDl4jInput(KerasModelFile model, Activations input, RNNFormat format) {
        int batch = input.batch();
        int steps = input.steps();
        if (embeddingFirst(model)) {
            float[][] ids = new float[batch][steps];
            for (int b = 0; b < batch; b++) {
                for (int t = 0; t < steps; t++) {
                    ids[b][t] = input.values()[b][t][0];
                }
            }
            return Nd4j.createFromArray(ids);
        }
        if (format == RNNFormat.NWC) {
            return Nd4j.createFromArray(input.values());
        }
        int features = input.width();
        float[][][] x = new float[batch][features][steps];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                for (int f = 0; f < features; f++) {
                    x[b][f][t] = input.values()[b][t][f];
                }
            }
        }
        return Nd4j.createFromArray(x);
    }

    /** [batch, T] with 1 on real steps when the Keras model masks (mask_zero or a Masking layer), else null. */
    static INDArray featuresMask(KerasModelFile model, Activations input) {
        boolean[][] mask = kerasMask(model, input);
        if (mask == null) {
            return null;
        }
        float[][] m = new float[mask.length][];
        for (int b = 0; b < mask.length; b++) {
            m[b] = new float[mask[b].length];
            for (int t = 0; t < mask[b].length; t++) {
                m[b][t] = mask[b][t] ? 1f : 0f;
            }
        }
        return Nd4j.createFromArray(m);
    }

    static boolean[][] kerasMask(KerasModelFile model, Activations input) {
        List<KerasLayer> layers = model.computingLayers();
        if (layers.isEmpty()) {
            return null;
        }
        KerasLayer first = layers.get(0);
        boolean embeddingMask = first.className().equals("Embedding") && first.flag("mask_zero", false);
        boolean masking = first.className().equals("Masking");
        if (!embeddingMask && !masking) {
            return null;
        }
        float value = masking ? (float) first.decimal("mask_value", 0) : 0f;
        boolean[][] mask = new boolean[input.batch()][input.steps()];
        for (int b = 0; b < input.batch(); b++) {
            for (int t = 0; t < input.steps(); t++) {
                boolean real = false;
                for (float v : input.values()[b][t]) {
                    real |= v != value;
                }
                mask[b][t] = real;
            }
        }
        return mask;
    }

    /** [b, U, T] (NCW) or [b, T, U] (NWC) to Keras's [b][t][u]; [b, U] to vectors. */
    static Activations toActivations(INDArray a, RNNFormat format) {
        if (a.rank() == 3 && format == RNNFormat.NWC) {
            float[] flat = a.dup('c').data().asFloat();
            int batch = (int) a.size(0);
            int steps = (int) a.size(1);
            int units = (int) a.size(2);
            float[][][] out = new float[batch][steps][units];
            for (int b = 0; b < batch; b++) {
                for (int t = 0; t < steps; t++) {
                    System.arraycopy(flat, (b * steps + t) * units, out[b][t], 0, units);
                }
            }
            return new Activations(out, true, null);
        }
        if (a.rank() == 3) {
            int batch = (int) a.size(0);
            int units = (int) a.size(1);
            int steps = (int) a.size(2);
            float[] flat = a.dup('c').data().asFloat(); // c order: index (b * units + u) * steps + t
            float[][][] out = new float[batch][steps][units];
            for (int b = 0; b < batch; b++) {
                for (int u = 0; u < units; u++) {
                    for (int t = 0; t < steps; t++) {
                        out[b][t][u] = flat[(b * units + u) * steps + t];
                    }
                }
            }
            return new Activations(out, true, null);
        }
        return Activations.vectors(a.reshape(a.size(0), a.length() / a.size(0)).toFloatMatrix());
    }
}
