package org.flattenexplorer.keras;

/**
 * One layer's output for a batch, in Keras's orientation: {@code [batch][time][units]} for a sequence (then
 * {@code mask[b][t]} says which steps are real, or is null), {@code [batch][1][units]} stored as a vector when
 * {@link #sequence} is false. Values are floats, as Keras computes them.
 */
public record Activations(float[][][] values, boolean sequence, boolean[][] mask) {

    public static Activations vectors(float[][] rows) {
        float[][][] v = new float[rows.length][1][];
        for (int b = 0; b < rows.length; b++) {
            v[b][0] = rows[b];
        }
        return new Activations(v, false, null);
    }

    public int batch() {
        return values.length;
    }

    public int steps() {
        return sequence ? values[0].length : 1;
    }

    public int width() {
        return values[0][0].length;
    }

    /** Row b as a flat array (sequence: t-major, as Keras's Flatten reads it). */
    public float[] flat(int b) {
        float[][] rows = values[b];
        float[] out = new float[rows.length * rows[0].length];
        for (int t = 0; t < rows.length; t++) {
            System.arraycopy(rows[t], 0, out, t * rows[0].length, rows[0].length);
        }
        return out;
    }

    /** Keras's output shape without the batch: "(None, 10, 6)" or "(None, 6)". */
    public String shapeText() {
        return sequence ? "(None, " + steps() + ", " + width() + ")" : "(None, " + width() + ")";
    }

    /** The largest |a - b| over every value; the shapes must agree (else infinity). */
    public static double maxAbsDifference(Activations a, Activations b) {
        if (a.batch() != b.batch() || a.sequence != b.sequence || a.steps() != b.steps() || a.width() != b.width()) {
            return Double.POSITIVE_INFINITY;
        }
        double max = 0;
        for (int i = 0; i < a.batch(); i++) {
            for (int t = 0; t < a.steps(); t++) {
                for (int u = 0; u < a.width(); u++) {
                    max = Math.max(max, Math.abs((double) a.values[i][t][u] - b.values[i][t][u]));
                }
            }
        }
        return max;
    }
}
