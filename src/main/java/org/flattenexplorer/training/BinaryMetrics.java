package org.flattenexplorer.training;

/**
 * Keras's {@code binary_crossentropy} (probabilities clipped to [1e-7, 1 - 1e-7]) and {@code accuracy}
 * (prediction > 0.5 equals the label), summed over samples so batches of any size average correctly.
 */
final class BinaryMetrics {
    private static final double EPSILON = 1e-7;

    private double lossSum;
    private long correct;
    private long count;

    void add(float[] probabilities, float[] labels) {
        for (int i = 0; i < probabilities.length; i++) {
            lossSum += loss(probabilities[i], labels[i]);
            if ((probabilities[i] > 0.5) == (labels[i] > 0.5)) {
                correct++;
            }
        }
        count += probabilities.length;
    }

    /** The mean loss of one batch (DL4J's own score clips at 1e-5 instead, so it is not used). */
    static double meanLoss(float[] probabilities, float[] labels) {
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            sum += loss(probabilities[i], labels[i]);
        }
        return sum / probabilities.length;
    }

    private static double loss(float probability, double y) {
        double p = Math.min(Math.max(probability, EPSILON), 1 - EPSILON);
        return -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
    }

    double loss() {
        return count == 0 ? Double.NaN : lossSum / count;
    }

    double accuracy() {
        return count == 0 ? Double.NaN : (double) correct / count;
    }
}
