package org.flattenexplorer.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/**
 * The table Keras's {@code model.summary()} prints: one row per Keras layer, with output shapes and parameter
 * counts. Counts come from DL4J's own parameter initialisers for the configured network, so the table shows
 * what is really trained; the Flatten and pooling rows have no parameters.
 */
public record KerasSummary(List<Row> rows, boolean valid, String problem) {

    /** One line of the table. */
    public record Row(String name, String type, String outputShape, long params) {}

    public long totalParams() {
        return rows.stream().mapToLong(Row::params).sum();
    }

    public static KerasSummary of(ExperimentSpec spec, int vocabSize) {
        MultiLayerConfiguration conf = NetworkFactory.configuration(spec, vocabSize);
        int t = spec.data().maxlen();
        int u = spec.model().stateWidth();
        String recurrentName = spec.model().bidirectional() ? "bidirectional" : spec.model().cell().kerasName();
        String recurrentType = spec.model().bidirectional() ? "Bidirectional" : spec.model().cell().kerasType();
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("embedding", "Embedding", shape(t, spec.model().embedding()), params(conf,
                NetworkFactory.EMBEDDING_LAYER)));
        long recurrentParams = params(conf, NetworkFactory.RECURRENT_LAYER);
        if (spec.model().lastStateOnly()) {
            rows.add(new Row(recurrentName, recurrentType, shape(u), recurrentParams));
            if (spec.model().flattenIsNoOp()) {
                rows.add(new Row("flatten", "Flatten", shape(u), 0));
            }
            rows.add(new Row("dense", "Dense", shape(1), params(conf, 2)));
        } else {
            rows.add(new Row(recurrentName, recurrentType, shape(t, u), recurrentParams));
            int denseIndex = 2;
            switch (spec.model().head()) {
                case FLATTEN -> rows.add(new Row("flatten", "Flatten", shape((long) t * u), 0));
                case GLOBAL_MAX -> rows.add(new Row("global_max_pooling1d", "GlobalMaxPooling1D", shape(u), params(conf, denseIndex++)));
                case GLOBAL_AVG -> rows.add(new Row("global_average_pooling1d", "GlobalAveragePooling1D", shape(u), params(conf, denseIndex++)));
                case NONE -> { }
            }
            String denseShape = spec.model().head() == Head.NONE ? shape(t, 1) : shape(1);
            rows.add(new Row("dense", "Dense", denseShape, params(conf, denseIndex)));
        }
        return new KerasSummary(List.copyOf(rows), spec.isValid(), spec.invalidReason().orElse(""));
    }

    private static long params(MultiLayerConfiguration conf, int layer) {
        NeuralNetConfiguration layerConf = conf.getConf(layer);
        return layerConf.getLayer().initializer().numParams(layerConf);
    }

    private static String shape(long... dims) {
        StringBuilder s = new StringBuilder("(None");
        for (long d : dims) {
            s.append(", ").append(d);
        }
        return s.append(')').toString();
    }

    /** Keras's number format: thousands separators, whatever the user's locale. */
    public static String formatCount(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** The table as Keras prints it. */
    public String toText() {
        String rule = "_".repeat(65);
        String doubleRule = "=".repeat(65);
        StringBuilder out = new StringBuilder("Model: \"sequential\"\n").append(rule).append('\n');
        // as Keras does, the first column widens for a long name ("bidirectional (Bidirectional)")
        int nameWidth = Math.max(28, rows.stream().mapToInt(r -> r.name().length() + r.type().length() + 4).max()
                .orElse(0));
        String line = " %-" + nameWidth + "s%-26s%s%n";
        out.append(String.format(Locale.ROOT, line, "Layer (type)", "Output Shape", "Param #"));
        out.append(doubleRule).append('\n');
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            out.append(String.format(Locale.ROOT, line, r.name() + " (" + r.type() + ")",
                    r.outputShape(), formatCount(r.params())));
            out.append(i == rows.size() - 1 ? doubleRule : rule).append('\n');
        }
        out.append("Total params: ").append(formatCount(totalParams())).append('\n');
        out.append("Trainable params: ").append(formatCount(totalParams())).append('\n');
        out.append("Non-trainable params: 0\n").append(rule).append('\n');
        if (!valid) {
            out.append("Invalid: ").append(problem).append('\n');
        }
        return out.toString();
    }
}
