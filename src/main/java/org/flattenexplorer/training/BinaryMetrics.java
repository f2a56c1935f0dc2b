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
            double p = Math.min(Math.max(probabilities[i], EPSILON), 1 - EPSILON);
            double y = labels[i];
            lossSum += -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
            if ((probabilities[i] > 0.5) == (y > 0.5)) {
                correct++;
            }
        }
        count += probabilities.length;
    }

    /** Adds a batch whose mean loss is already known (DL4J's training score) and its predictions. */
    void addWithLoss(double meanLoss, float[] probabilities, float[] labels) {
        for (int i = 0; i < probabilities.length; i++) {
            if ((probabilities[i] > 0.5) == (labels[i] > 0.5)) {
                correct++;
            }
        }
        lossSum += meanLoss * probabilities.length;
        count += probabilities.length;
    }

    double loss() {
        return count == 0 ? Double.NaN : lossSum / count;
    }

    double accuracy() {
        return count == 0 ? Double.NaN : (double) correct / count;
    }
}
