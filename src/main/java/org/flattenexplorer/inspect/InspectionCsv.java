package org.flattenexplorer.inspect;

import java.util.Locale;

/**
 * The numbers behind the pictures: a header and one row per time step, {@code t, token, contribution,
 * h_0 .. h_{U-1}} (U + 3 columns). {@code contribution} is the step's share of the logit; the footer-free file
 * loads straight into a spreadsheet or pandas.
 */
public final class InspectionCsv {
    private InspectionCsv() {}

    public static String write(Inspection inspection) {
        HiddenStates states = inspection.states();
        int units = states.units();
        StringBuilder out = new StringBuilder(states.timeSteps() * units * 11);
        out.append("t,token,contribution");
        for (int u = 0; u < units; u++) {
            out.append(",h").append(u);
        }
        out.append('\n');
        double[] c = inspection.readout().contributions();
        for (int t = 0; t < states.timeSteps(); t++) {
            out.append(t).append(',').append(quote(inspection.review().words()[t])).append(',')
                    .append(String.format(Locale.ROOT, "%.8g", c[t]));
            for (int u = 0; u < units; u++) {
                out.append(',').append(Float.toString(states.at(t, u)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    static String quote(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }
}
