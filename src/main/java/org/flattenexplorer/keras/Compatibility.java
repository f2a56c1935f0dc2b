package org.flattenexplorer.keras;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which layers of a Keras model Flatten Explorer can open, and for each one that it cannot: why, and what would be
 * needed. Supported: InputLayer, Embedding, Masking, LSTM (sigmoid or hard_sigmoid gates, return_sequences either
 * way), SimpleRNN, Dropout, Flatten, GlobalMax/AveragePooling1D and Dense.
 */
public final class Compatibility {
    /** A layer that cannot be opened. */
    public record Problem(String layer, String why, String needed) {
        public String describe() {
            return layer + ": " + why + "; needed: " + needed;
        }
    }

    static final Set<String> SUPPORTED = Set.of("InputLayer", "Embedding", "Masking", "LSTM", "SimpleRNN", "Dropout",
            "Flatten", "GlobalMaxPooling1D", "GlobalAveragePooling1D", "Dense");
    private static final Set<String> ACTIVATIONS = Set.of("linear", "tanh", "sigmoid", "hard_sigmoid", "relu");
    private static final Map<String, String> NEEDED = Map.ofEntries(
            Map.entry("GRU", "an LSTM or SimpleRNN in its place (GRU's reset and update gates are not inspected yet)"),
            Map.entry("Bidirectional", "a one-directional LSTM (the hidden states of two directions are not shown yet)"),
            Map.entry("Conv1D", "a model without convolutions: the inspection reads one recurrent layer's states"),
            Map.entry("TimeDistributed", "a Dense layer after Flatten, pooling or the last state"),
            Map.entry("Lambda", "the Lambda's computation as standard layers (its Python code is not in the file)"),
            Map.entry("Activation", "the activation set on the Dense layer itself"),
            Map.entry("BatchNormalization", "a model without batch normalisation"),
            Map.entry("SpatialDropout1D", "Dropout in its place (both do nothing when the model is used)"));

    private Compatibility() {}

    public static List<Problem> problems(KerasModelFile model) {
        List<Problem> problems = new ArrayList<>();
        List<KerasLayer> layers = model.computingLayers();
        for (int i = 0; i < layers.size(); i++) {
            KerasLayer l = layers.get(i);
            String name = l.title();
            if (!SUPPORTED.contains(l.className())) {
                problems.add(new Problem(name, "not one of the layers Flatten Explorer opens ("
                        + SUPPORTED.stream().sorted().collect(Collectors.joining(", ")) + ")",
                        NEEDED.getOrDefault(l.className(), "the model rebuilt from the supported layers")));
                continue;
            }
            switch (l.className()) {
                case "Embedding" -> {
                    if (i != 0) {
                        problems.add(new Problem(name, "an Embedding after another layer",
                                "the Embedding as the first layer, reading token ids"));
                    }
                }
                case "LSTM", "SimpleRNN" -> recurrent(l, problems);
                case "Dense" -> {
                    activation(l, "activation", Set.of("linear", "sigmoid", "softmax", "relu", "tanh"), problems);
                    if (i > 0 && producesSequence(layers.subList(0, i))) {
                        problems.add(new Problem(name, "applied to every time step (the layer before it returns a "
                                + "sequence)", "Flatten, a pooling layer or return_sequences=False before it"));
                    }
                }
                case "Flatten" -> {
                    if (model.inputShape().isEmpty() || model.inputShape().get(0) < 0) {
                        problems.add(new Problem(name, "Flatten needs a fixed sequence length, and the model's input "
                                + "length is not set", "input_length on the Embedding (or a fixed input shape)"));
                    }
                }
                case "GlobalMaxPooling1D", "GlobalAveragePooling1D" -> {
                    if (!l.string("data_format", "channels_last").equals("channels_last")) {
                        problems.add(new Problem(name, "data_format " + l.string("data_format", ""),
                                "data_format=\"channels_last\", Keras's default"));
                    }
                }
                default -> { }
            }
            if (l.weights().isEmpty() && (l.className().equals("LSTM") || l.className().equals("Dense")
                    || l.className().equals("Embedding") || l.className().equals("SimpleRNN"))) {
                problems.add(new Problem(name, "its weights are not in the file", "a file saved after the model was "
                        + "built (model.save after fit or build)"));
            }
        }
        if (layers.stream().noneMatch(l -> l.className().equals("LSTM") || l.className().equals("SimpleRNN"))) {
            problems.add(new Problem("the model", "it has no LSTM or SimpleRNN layer, so there are no hidden states "
                    + "to show", "a recurrent layer"));
        }
        return problems;
    }

    private static void recurrent(KerasLayer l, List<Problem> problems) {
        String name = l.title();
        for (String flag : List.of("stateful", "go_backwards", "return_state")) {
            if (l.flag(flag, false)) {
                problems.add(new Problem(name, flag + "=True", flag + "=False (the default)"));
            }
        }
        activation(l, "activation", ACTIVATIONS, problems);
        if (l.className().equals("LSTM")) {
            activation(l, "recurrent_activation", Set.of("sigmoid", "hard_sigmoid"), problems);
            if (!l.flag("use_bias", true)) {
                problems.add(new Problem(name, "use_bias=False", "use_bias=True (the default)"));
            }
        }
    }

    private static void activation(KerasLayer l, String key, Set<String> allowed, List<Problem> problems) {
        String a = l.activation(key, "linear");
        if (!allowed.contains(a)) {
            problems.add(new Problem(l.title(), key + "='" + a + "'", "one of " + allowed.stream().sorted()
                    .collect(Collectors.joining(", "))));
        }
    }

    /** Whether the output of these layers (in order) is still a sequence. */
    static boolean producesSequence(List<KerasLayer> layers) {
        boolean sequence = true;
        for (KerasLayer l : layers) {
            switch (l.className()) {
                case "LSTM", "SimpleRNN" -> sequence = l.flag("return_sequences", false);
                case "Flatten", "GlobalMaxPooling1D", "GlobalAveragePooling1D", "Dense" -> sequence = false;
                default -> { }
            }
        }
        return sequence;
    }

    /** One line for a refusal: every problem, then what to do. */
    public static String refusal(KerasModelFile model, List<Problem> problems) {
        return model.file() + " cannot be opened: " + problems.stream().map(Problem::describe)
                .collect(Collectors.joining("; ")) + " (import --keras prints the compatibility report)";
    }
}
