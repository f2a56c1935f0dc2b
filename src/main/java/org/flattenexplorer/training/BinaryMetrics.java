package org.flattenexplorer.training;

/**
 * Keras's {@code binary_crossentropy} and {@code accuracy} (prediction > 0.5 equals the label), summed over
 * samples so batches of any size average correctly. The loss is tf.keras 2's (and Keras 3's): computed from the
 * sigmoid's logit z, never from a clipped probability, so a review predicted wrong with |z| = 30 counts 30, not
 * -log(1e-7) = 16.1 (Keras 2.2's formula, and the app's before). The network's loss function
 * ({@code SigmoidCrossEntropy}) computes it; this class only adds it up.
 */
final class BinaryMetrics {
    /** Each review's loss at z = 0: below it a positive review is predicted positive, at or below it a negative one negative. */
    private static final float LOSS_AT_ONE_HALF = (float) Math.log(2);

    private double lossSum;
    private long correct;
    private long count;

    /**
     * One training batch: its mean loss (the network's score for that forward pass) and that pass's
     * probabilities, for the accuracy.
     */
    void addBatch(double meanLoss, float[] probabilities, float[] labels) {
        lossSum += meanLoss * probabilities.length;
        for (int i = 0; i < probabilities.length; i++) {
            if ((probabilities[i] > 0.5) == (labels[i] > 0.5)) {
                correct++;
            }
        }
        count += probabilities.length;
    }

    /**
     * Reviews scored one by one: each one's loss from its logit, which also says what Keras predicted. A positive
     * review's loss log(1 + e^-z) falls through log 2 as z rises through 0, a negative one's log(1 + e^z) rises
     * through it, and Keras predicts positive where sigmoid(z) > 0.5, that is z > 0.
     */
    void addReviewLosses(float[] losses, float[] labels) {
        for (int i = 0; i < losses.length; i++) {
            lossSum += losses[i];
            boolean positive = labels[i] > 0.5;
            if (positive ? losses[i] < LOSS_AT_ONE_HALF : losses[i] <= LOSS_AT_ONE_HALF) {
                correct++;
            }
        }
        count += losses.length;
    }

    double loss() {
        return count == 0 ? Double.NaN : lossSum / count;
    }

    double accuracy() {
        return count == 0 ? Double.NaN : (double) correct / count;
    }
}
