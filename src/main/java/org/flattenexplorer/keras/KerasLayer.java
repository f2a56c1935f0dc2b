package org.flattenexplorer.keras;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One layer of a Keras model file: its class ({@code LSTM}), name ({@code lstm_1}), configuration as Keras wrote
 * it, and its weights in Keras's order ({@code kernel}, {@code recurrent_kernel}, {@code bias}), keyed by the
 * short name (the part after the last slash, without {@code :0}).
 */
public record KerasLayer(String className, String name, JsonNode config, Map<String, Hdf5File.Tensor> weights) {

    public KerasLayer {
        weights = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(weights));
    }

    public String string(String key, String fallback) {
        JsonNode v = config.get(key);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    public int integer(String key, int fallback) {
        JsonNode v = config.get(key);
        return v == null || !v.isNumber() ? fallback : v.asInt();
    }

    public double decimal(String key, double fallback) {
        JsonNode v = config.get(key);
        return v == null || !v.isNumber() ? fallback : v.asDouble();
    }

    public boolean flag(String key, boolean fallback) {
        JsonNode v = config.get(key);
        return v == null || !v.isBoolean() ? fallback : v.asBoolean();
    }

    /** The activation's name; Keras writes a name, or a {class_name, config} object in newer versions. */
    public String activation(String key, String fallback) {
        JsonNode v = config.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        return v.isTextual() ? v.asText() : v.path("class_name").asText(fallback).toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code batch_input_shape} without the batch dimension (null entries are -1), empty when not given. */
    public List<Integer> inputShape() {
        JsonNode shape = config.get("batch_input_shape");
        if (shape == null || !shape.isArray()) {
            shape = config.get("batch_shape");
        }
        if (shape == null || !shape.isArray() || shape.size() < 2) {
            return List.of();
        }
        List<Integer> dims = new java.util.ArrayList<>();
        for (int i = 1; i < shape.size(); i++) {
            dims.add(shape.get(i).isNull() ? -1 : shape.get(i).asInt());
        }
        return List.copyOf(dims);
    }

    public Hdf5File.Tensor weight(String shortName) {
        return weights.get(shortName);
    }

    /** Keras's parameter count: every weight of the layer. */
    public long params() {
        long n = 0;
        for (Hdf5File.Tensor t : weights.values()) {
            n += t.size();
        }
        return n;
    }

    /** "lstm_1 (LSTM)", as Keras's summary names a layer. */
    public String title() {
        return name + " (" + className + ")";
    }
}
