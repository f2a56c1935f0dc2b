package org.flattenexplorer.keras;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A functional model's layers in order, when they form one chain: one input, one output, every layer fed by the
 * one before it. Branches, merges and shared layers are refused with the layer that has them.
 */
final class FunctionalChain {
    private FunctionalChain() {}

    static List<JsonNode> layers(Path file, JsonNode config) {
        JsonNode layers = config.path("layers");
        if (!layers.isArray() || layers.isEmpty()) {
            throw new KerasModelException(file + ": the functional model lists no layers");
        }
        if (config.path("input_layers").size() != 1 || config.path("output_layers").size() != 1) {
            throw new KerasModelException(file + " is a functional model with " + config.path("input_layers").size()
                    + " inputs and " + config.path("output_layers").size() + " outputs: only a chain of layers with "
                    + "one input and one output can be opened");
        }
        Map<String, JsonNode> byName = new HashMap<>();
        Map<String, String> next = new HashMap<>();
        for (JsonNode layer : layers) {
            String name = layer.path("name").asText(layer.path("config").path("name").asText());
            byName.put(name, layer);
            JsonNode inbound = layer.path("inbound_nodes");
            if (inbound.size() > 1) {
                throw new KerasModelException(file + ": layer '" + name + "' is used " + inbound.size() + " times (a "
                        + "shared layer): only a chain of layers can be opened");
            }
            if (inbound.size() == 1) {
                List<String> inputs = inputsOf(inbound.get(0));
                if (inputs.size() != 1) {
                    throw new KerasModelException(file + ": layer '" + name + "' has " + inputs.size() + " inputs (a "
                            + "merge): only a chain of layers can be opened");
                }
                if (next.put(inputs.get(0), name) != null) {
                    throw new KerasModelException(file + ": layer '" + inputs.get(0) + "' feeds two layers (a branch): "
                            + "only a chain of layers can be opened");
                }
            }
        }
        String input = config.path("input_layers").get(0).get(0).asText();
        String output = config.path("output_layers").get(0).get(0).asText();
        List<JsonNode> chain = new ArrayList<>();
        for (String at = input; at != null; at = next.get(at)) {
            JsonNode layer = byName.get(at);
            if (layer == null) {
                throw new KerasModelException(file + ": the functional model refers to a layer '" + at + "' it does "
                        + "not list; the file is damaged");
            }
            chain.add(layer);
            if (at.equals(output)) {
                break;
            }
        }
        if (chain.size() != layers.size()) {
            throw new KerasModelException(file + ": " + (layers.size() - chain.size()) + " of its layers are not on the "
                    + "path from its input to its output: only a chain of layers can be opened");
        }
        return chain;
    }

    /** The layer names of one inbound node: Keras 2 writes [[name, node, tensor, kwargs], ...]. */
    private static List<String> inputsOf(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode input : node) {
                if (input.isArray() && input.size() > 0) {
                    names.add(input.get(0).asText());
                }
            }
        } else if (node.has("args")) { // Keras 3 style: {"args": [{"config": {"keras_history": [name, ...]}}]}
            for (JsonNode arg : node.path("args")) {
                JsonNode history = arg.path("config").path("keras_history");
                if (history.isArray() && history.size() > 0) {
                    names.add(history.get(0).asText());
                }
            }
        }
        return names;
    }
}
