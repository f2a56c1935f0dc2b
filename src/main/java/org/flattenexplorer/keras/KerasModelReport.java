package org.flattenexplorer.keras;

import java.util.Locale;
import java.util.Map;

/**
 * The report {@code import --keras} prints: the model as Keras's {@code summary()} shows it (layers, output shapes,
 * parameter counts as Keras counts them: every weight in the file), what each layer was imported as, the
 * compatibility verdict, and the check of the import, layer by layer.
 */
public final class KerasModelReport {
    private KerasModelReport() {}

    public static String text(OpenedKerasModel m, ImportCheck.Result check) {
        StringBuilder out = new StringBuilder();
        KerasModelFile f = m.file();
        out.append("Keras model: ").append(f.file()).append(" (Keras ").append(f.kerasVersion()).append(", ")
                .append(f.backend()).append(" backend, ").append(f.modelClass()).append(")\n\n");
        out.append(summary(m));
        out.append('\n');
        if (!m.compatible()) {
            out.append("Compatibility: cannot be opened\n");
            for (Compatibility.Problem p : m.problems()) {
                out.append("  ").append(p.layer()).append(": ").append(p.why()).append("\n      needed: ")
                        .append(p.needed()).append('\n');
            }
            return out.toString();
        }
        out.append("Compatibility: every layer is supported\n\n");
        out.append("Imported as (deeplearning4j-modelimport 1.0.0-M2.1, ")
                .append(m.imported().sequential() ? "MultiLayerNetwork" : "ComputationGraph").append("):\n");
        int width = f.layers().stream().mapToInt(l -> l.title().length()).max().orElse(10);
        for (KerasLayer l : f.layers()) {
            out.append(String.format(Locale.ROOT, "  %-" + width + "s  ->  %s%n", l.title(),
                    m.imported().importedAs().getOrDefault(l.name(), "?")));
        }
        out.append('\n');
        if (m.family().isPresent()) {
            FamilyModel fam = m.family().get();
            out.append("In the app's family: ").append(fam.spec().describe())
                    .append(", maxlen ").append(fam.spec().data().maxlen())
                    .append(", embedding ").append(fam.spec().model().embedding())
                    .append(" (opens in the Hidden states tab")
                    .append(fam.recurrentActivation().equals("sigmoid") ? "" : "; its LSTM gates are "
                            + fam.recurrentActivation() + ", the app's own are sigmoid").append(")\n\n");
        } else {
            out.append("Not in the app's family (").append(m.notFamily()).append(")\n\n");
        }
        if (check != null) {
            out.append("Check against ").append(check.against()).append(": max abs difference per layer\n");
            int w = check.layers().stream().mapToInt(c -> c.layer().length()).max().orElse(5);
            boolean recorded = check.layers().stream().anyMatch(c -> !Double.isNaN(c.referenceVsKeras()));
            out.append(String.format(Locale.ROOT, "  %-" + w + "s  %-16s  %-12s%s%n", "layer", "output", "DL4J",
                    recorded ? "  reference pass" : ""));
            for (ImportCheck.LayerCheck c : check.layers()) {
                out.append(String.format(Locale.ROOT, "  %-" + w + "s  %-16s  %-12s%s%n", c.layer(), c.shape(),
                        number(c.maxAbsDifference()), recorded ? "  " + number(c.referenceVsKeras()) : ""));
            }
            out.append(check.passes()
                    ? String.format(Locale.ROOT, "Largest difference %s: within %.0e, the import computes what Keras "
                    + "computes.%n", number(check.worst()), ImportCheck.TOLERANCE)
                    : String.format(Locale.ROOT, "Largest difference %s: MORE than %.0e, the import does not compute "
                    + "what Keras computes; the hidden states shown would be wrong.%n", number(check.worst()),
                    ImportCheck.TOLERANCE));
        }
        return out.toString();
    }

    /** Keras's summary table; output shapes where the model can be run, params from the file's weights. */
    static String summary(OpenedKerasModel m) {
        Map<String, String> shapes = m.outputShapes();
        String rule = "_".repeat(65);
        StringBuilder out = new StringBuilder("Model: \"").append(m.file().fileName()).append("\"\n").append(rule).append('\n');
        out.append(String.format(Locale.ROOT, " %-28s%-26s%s%n", "Layer (type)", "Output Shape", "Param #"));
        out.append("=".repeat(65)).append('\n');
        long total = 0;
        for (KerasLayer l : m.file().computingLayers()) {
            out.append(String.format(Locale.ROOT, " %-28s%-26s%s%n", l.title(), shapes.getOrDefault(l.name(), "?"),
                    String.format(Locale.ROOT, "%,d", l.params())));
            total += l.params();
        }
        out.append("=".repeat(65)).append('\n');
        out.append(String.format(Locale.ROOT, "Total params: %,d%n", total));
        return out.append(rule).append('\n').toString();
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return Double.isInfinite(v) ? "shape differs" : String.format(Locale.ROOT, "%.2e", v);
    }
}
