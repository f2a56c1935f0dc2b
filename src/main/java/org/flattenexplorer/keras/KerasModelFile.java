package org.flattenexplorer.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Keras 2 model saved whole ({@code model.save("m.h5")}): its layers (class, name, configuration) and weights,
 * read with the project's own HDF5 access. Every way a file can be something else (not HDF5, a Keras 3 .keras
 * zip, weights only, no configuration, branches) is refused with one sentence naming the file and what to do.
 */
public record KerasModelFile(Path file, String kerasVersion, String backend, String modelClass,
        List<KerasLayer> layers, String modelConfig) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAVE_HINT = "save the whole model from Keras 2 or tf.keras with model.save(\"m.h5\")";

    public KerasModelFile {
        layers = List.copyOf(layers);
    }

    /** Reads the file's configuration and every layer's weights. */
    public static KerasModelFile read(Path file) {
        checkIsHdf5(file);
        try (Hdf5File h5 = Hdf5File.open(file)) {
            Optional<String> config = h5.stringAttribute("", "model_config");
            if (config.isEmpty()) {
                if (h5.hasAttribute("", "layer_names") || h5.hasAttribute("model_weights", "layer_names")) {
                    throw new KerasModelException(file + " holds only weights (model.save_weights): the layers are "
                            + "not in it; " + SAVE_HINT);
                }
                throw new KerasModelException(file + " is an HDF5 file without a Keras model configuration (no "
                        + "model_config): " + SAVE_HINT);
            }
            String version = h5.stringAttribute("", "keras_version").orElse("unknown");
            String backend = h5.stringAttribute("", "backend").orElse("unknown");
            JsonNode root;
            try {
                root = JSON.readTree(config.get());
            } catch (IOException e) {
                throw new KerasModelException(file + ": its model configuration is not valid JSON (" + org.flattenexplorer.training.Failures.clean(e.getMessage())
                        + "): the file is damaged; " + SAVE_HINT);
            }
            String modelClass = root.path("class_name").asText("");
            List<JsonNode> layerNodes = layerNodes(file, root, modelClass);
            List<KerasLayer> layers = new ArrayList<>();
            for (JsonNode node : layerNodes) {
                String className = node.path("class_name").asText("");
                JsonNode layerConfig = node.path("config");
                String name = layerConfig.path("name").asText(node.path("name").asText(""));
                layers.add(new KerasLayer(className, name, layerConfig, weights(h5, file, name)));
            }
            return new KerasModelFile(file, version, backend, modelClass, layers, config.get());
        } catch (RuntimeException e) {
            if (e instanceof KerasModelException) {
                throw e;
            }
            throw new KerasModelException(file + " could not be read as a Keras HDF5 model (" + e.getMessage() + "): "
                    + "the file may be damaged; " + SAVE_HINT, e);
        }
    }

    /** The layers Keras lists, an InputLayer included. */
    private static List<JsonNode> layerNodes(Path file, JsonNode root, String modelClass) {
        JsonNode config = root.path("config");
        switch (modelClass) {
            case "Sequential" -> {
                JsonNode layers = config.isArray() ? config : config.path("layers");
                if (!layers.isArray() || layers.isEmpty()) {
                    throw new KerasModelException(file + ": the Sequential model lists no layers");
                }
                List<JsonNode> out = new ArrayList<>();
                layers.forEach(out::add);
                return out;
            }
            case "Model", "Functional" -> {
                return FunctionalChain.layers(file, config);
            }
            default -> throw new KerasModelException(file + " holds a model of class '" + modelClass + "': only "
                    + "Sequential models and functional models that are one chain of layers can be opened");
        }
    }

    private static Map<String, Hdf5File.Tensor> weights(Hdf5File h5, Path file, String layer) {
        Map<String, Hdf5File.Tensor> weights = new LinkedHashMap<>();
        String group = "model_weights/" + layer;
        if (!h5.isGroup(group)) {
            return weights;
        }
        for (String name : h5.stringsAttribute(group, "weight_names")) {
            String path = group + "/" + name;
            if (!h5.isDataset(path)) {
                throw new KerasModelException(file + ": the weight " + name + " of layer " + layer + " is missing; the "
                        + "file is damaged or incomplete");
            }
            weights.put(shortName(name), h5.readFloats(path));
        }
        return weights;
    }

    /** "lstm_1/kernel:0" is "kernel"; "lstm/lstm_cell/recurrent_kernel:0" is "recurrent_kernel". */
    static String shortName(String weightName) {
        String s = weightName.substring(weightName.lastIndexOf('/') + 1);
        int colon = s.indexOf(':');
        return colon >= 0 ? s.substring(0, colon) : s;
    }

    /**
     * Refuses what is not a Keras 2 HDF5 file before the HDF5 library opens it: a missing file, a folder (a
     * SavedModel), a zip (a Keras 3 .keras file), JSON, or anything without HDF5's signature.
     */
    static void checkIsHdf5(Path file) {
        if (!Files.exists(file)) {
            throw new KerasModelException("No Keras model file at " + file + ": check the path");
        }
        if (Files.isDirectory(file)) {
            throw new KerasModelException(file + " is a folder (a TensorFlow SavedModel?), not a Keras HDF5 file: "
                    + SAVE_HINT);
        }
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 8);
        } catch (IOException e) {
            throw new KerasModelException("Cannot read the Keras model file " + file + " (" + e.getMessage() + ")", e);
        }
        if (n == 0) {
            throw new KerasModelException("The Keras model file " + file + " is empty: " + SAVE_HINT);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            boolean keras3 = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".keras");
            throw new KerasModelException(file + (keras3 ? " is a Keras 3 .keras file (a zip archive)" : " is a zip "
                    + "archive") + ", not a Keras 2 HDF5 model: Flatten Explorer opens .h5 files; save the model with "
                    + "tf.keras 2 (model.save(\"m.h5\")), or in Keras 3 with model.save(\"m.h5\") (legacy HDF5)");
        }
        byte[] signature = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
        if (n < 8 || !java.util.Arrays.equals(head, signature)) {
            String what = head[0] == '{' || head[0] == '[' ? " (it is JSON: a model's config or a tokenizer?)" : "";
            throw new KerasModelException(file + " is not an HDF5 file" + what + ": " + SAVE_HINT);
        }
    }

    /** The layers that compute something: without the InputLayer. */
    public List<KerasLayer> computingLayers() {
        return layers.stream().filter(l -> !l.className().equals("InputLayer")).toList();
    }

    /** The input shape without the batch dimension (-1 for a free length), from the first layer that states it. */
    public List<Integer> inputShape() {
        for (KerasLayer l : layers) {
            List<Integer> shape = l.inputShape();
            if (!shape.isEmpty()) {
                return shape;
            }
            if (l.className().equals("Embedding") && l.config().has("input_length") && !l.config().get("input_length").isNull()) {
                return List.of(l.integer("input_length", -1));
            }
        }
        return List.of();
    }

    /** The file name without folders, for titles. */
    public String fileName() {
        return file.getFileName().toString();
    }
}
