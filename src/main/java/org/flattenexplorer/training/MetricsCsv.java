package org.flattenexplorer.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The per-epoch metrics as CSV, Keras's column names: what a run folder keeps and what the app exports. */
public final class MetricsCsv {
    public static final String HEADER = "epoch,loss,accuracy,val_loss,val_accuracy,seconds";

    private MetricsCsv() {}

    public static String write(List<EpochMetrics> epochs) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (EpochMetrics m : epochs) {
            out.append(row(m)).append('\n');
        }
        return out.toString();
    }

    public static String row(EpochMetrics m) {
        return String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.3f", m.epoch(), m.loss(), m.accuracy(),
                m.valLoss(), m.valAccuracy(), m.seconds());
    }

    /** @throws IllegalArgumentException naming the bad line */
    public static List<EpochMetrics> read(String csv) {
        String[] lines = csv.strip().split("\\R");
        if (lines.length == 0 || !lines[0].strip().equals(HEADER)) {
            throw new IllegalArgumentException("the header is not '" + HEADER + "'");
        }
        List<EpochMetrics> epochs = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            try {
                if (f.length != 6) {
                    throw new NumberFormatException(f.length + " fields");
                }
                epochs.add(new EpochMetrics(Integer.parseInt(f[0]), Double.parseDouble(f[1]),
                        Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                        Double.parseDouble(f[5])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not a metrics row: '" + lines[i] + "'");
            }
        }
        return epochs;
    }
}
