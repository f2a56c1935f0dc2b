package org.flattenexplorer.inspect;

/**
 * The LSTM's hidden states for one review in Keras's orientation: {@code values[t][u]} = h_t[u], rows are time
 * steps. With masking a padded step holds the previous state (zeros before the first word), as in Keras.
 */
public record HiddenStates(float[][] values, EncodedReview review) {

    public int timeSteps() {
        return values.length;
    }

    public int units() {
        return values.length == 0 ? 0 : values[0].length;
    }

    public float at(int t, int u) {
        return values[t][u];
    }

    /** The flattened vector in Keras's order: index t * units + u holds h_t[u]. */
    public float[] flattened() {
        int units = units();
        float[] flat = new float[timeSteps() * units];
        for (int t = 0; t < timeSteps(); t++) {
            System.arraycopy(values[t], 0, flat, t * units, units);
        }
        return flat;
    }

    /** Largest absolute value: the colour scale's end. */
    public float maxAbs() {
        return Inspection.maxAbs(values);
    }
}
