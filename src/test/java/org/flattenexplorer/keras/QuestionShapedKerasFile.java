package org.flattenexplorer.keras;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.flattenexplorer.data.Vocabulary;
import org.flattenexplorer.model.ExperimentSpec;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes one of the app's own trained runs as a Keras 2 HDF5 model file ({@code model.save("m.h5")}'s layout:
 * model_config, model_weights/layer/layer/weight:0, layer_names, weight_names) and its vocabulary as a
 * {@code tokenizer.to_json()} file. These files are written by this project for its tests, NOT by Keras: they test
 * the whole import path at the question's full size, where the shared files (written by Keras) are small.
 */
public final class QuestionShapedKerasFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private QuestionShapedKerasFile() {}

    public static void write(Path h5, ExperimentSpec spec, MultiLayerNetwork net, Vocabulary vocabulary) {
        Layer embedding = net.getLayer(0);
        Layer lstm = net.getLayer(1) instanceof org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer w
                ? w.getUnderlying() : net.getLayer(1);
        Layer dense = net.getOutputLayer();
        int units = spec.model().units();
        ArrayNode layers = JSON.createArrayNode();
        layers.add(layer("Embedding", "embedding_1", c -> c.put("input_dim", vocabulary.inputDim())
                .put("output_dim", spec.model().embedding()).put("input_length", spec.data().maxlen()).put("mask_zero",
                        spec.model().masking())
                .set("embeddings_initializer", initializer("RandomUniform"))));
        layers.add(layer("LSTM", "lstm_1", c -> c.put("units", units).put("return_sequences",
                spec.model().returnSequences())
                .put("activation", "tanh").put("recurrent_activation", "sigmoid").put("use_bias", true)
                .put("dropout", spec.model().dropout()).put("recurrent_dropout", 0.0).put("stateful", false)
                .put("go_backwards", false).put("return_state", false).put("unroll", false).put("unit_forget_bias", true)
                .set("kernel_initializer", initializer("VarianceScaling"))));
        String head = spec.model().lastStateOnly() ? null : switch (spec.model().head()) {
            case FLATTEN -> "Flatten";
            case GLOBAL_MAX -> "GlobalMaxPooling1D";
            case GLOBAL_AVG -> "GlobalAveragePooling1D";
            case NONE -> null;
        };
        if (head != null) {
            layers.add(layer(head, head.equals("Flatten") ? "flatten_1" : "pooling_1", c -> c.put("data_format", "channels_last")));
        }
        layers.add(layer("Dense", "dense_1", c -> c.put("units", 1).put("activation", "sigmoid").put("use_bias", true)
                .set("kernel_initializer", initializer("VarianceScaling"))));
        ObjectNode model = JSON.createObjectNode();
        model.put("class_name", "Sequential");
        model.putObject("config").put("name", "sequential_1").set("layers", layers);

        Map<String, Map<String, Object[]>> weights = new LinkedHashMap<>();
        weights.put("embedding_1", Map.of("embeddings", tensor(embedding.getParam("W"))));
        Map<String, Object[]> lstmWeights = new LinkedHashMap<>();
        lstmWeights.put("kernel", kerasGates(lstm.getParam("W"), units));
        lstmWeights.put("recurrent_kernel", kerasGates(lstm.getParam("RW"), units));
        lstmWeights.put("bias", kerasGates(lstm.getParam("b").reshape(1, 4L * units), units));
        lstmWeights.put("bias", new Object[] {new int[] {4 * units}, (float[]) lstmWeights.get("bias")[1]});
        weights.put("lstm_1", lstmWeights);
        if (head != null) {
            weights.put(head.equals("Flatten") ? "flatten_1" : "pooling_1", Map.of());
        }
        Map<String, Object[]> denseWeights = new LinkedHashMap<>();
        denseWeights.put("kernel", tensor(dense.getParam("W")));
        denseWeights.put("bias", new Object[] {new int[] {1}, dense.getParam("b").dup().data().asFloat()});
        weights.put("dense_1", denseWeights);

        try (Hdf5File file = Hdf5File.create(h5)) {
            file.writeStringAttribute("", "keras_version", "2.2.4");
            file.writeStringAttribute("", "backend", "tensorflow");
            file.writeStringAttribute("", "model_config", JSON.writeValueAsString(model));
            file.createGroup("model_weights");
            file.writeStringsAttribute("model_weights", "layer_names", List.copyOf(weights.keySet()));
            for (Map.Entry<String, Map<String, Object[]>> layer : weights.entrySet()) {
                String group = "model_weights/" + layer.getKey();
                file.createGroup(group);
                List<String> names = layer.getValue().keySet().stream().map(n -> layer.getKey() + "/" + n + ":0").toList();
                file.writeStringsAttribute(group, "weight_names", names);
                for (Map.Entry<String, Object[]> w : layer.getValue().entrySet()) {
                    file.writeFloats(group + "/" + layer.getKey() + "/" + w.getKey() + ":0", (int[]) w.getValue()[0],
                            (float[]) w.getValue()[1]);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code tokenizer.to_json()} of the run's vocabulary: word_index is a JSON string inside the config, as Keras writes it. */
    public static void writeTokenizer(Path json, Vocabulary vocabulary) throws IOException {
        ObjectNode index = JSON.createObjectNode();
        for (int i = 1; i < vocabulary.inputDim(); i++) {
            index.put(vocabulary.word(i), i);
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("class_name", "Tokenizer");
        ObjectNode config = root.putObject("config");
        config.putNull("num_words");
        config.put("filters", "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n");
        config.put("lower", true);
        config.put("split", " ");
        config.put("char_level", false);
        config.putNull("oov_token");
        config.put("word_index", JSON.writeValueAsString(index));
        Files.writeString(json, JSON.writeValueAsString(root));
    }

    private interface Config {
        void fill(ObjectNode config);
    }

    private static ObjectNode layer(String className, String name, Config fill) {
        ObjectNode layer = JSON.createObjectNode();
        layer.put("class_name", className);
        ObjectNode config = layer.putObject("config");
        config.put("name", name);
        config.put("trainable", true);
        fill.fill(config);
        return layer;
    }

    private static ObjectNode initializer(String className) {
        ObjectNode init = JSON.createObjectNode();
        init.put("class_name", className);
        init.putObject("config");
        return init;
    }

    /** {shape, c-order floats} of a 2-D parameter. */
    private static Object[] tensor(INDArray a) {
        return new Object[] {new int[] {(int) a.size(0), (int) a.size(1)}, a.dup('c').data().asFloat()};
    }

    /**
     * DL4J's LSTM gate blocks [block input, forget, output, input gate] reordered into Keras's [i, f, c, o]:
     * Keras block k comes from DL4J block {3, 1, 0, 2}[k].
     */
    private static Object[] kerasGates(INDArray dl4j, int units) {
        int rows = (int) dl4j.size(0);
        float[] in = dl4j.dup('c').data().asFloat();
        float[] out = new float[in.length];
        int[] from = {3, 1, 0, 2};
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < 4; k++) {
                System.arraycopy(in, r * 4 * units + from[k] * units, out, r * 4 * units + k * units, units);
            }
        }
        return new Object[] {new int[] {rows, 4 * units}, out};
    }
}
