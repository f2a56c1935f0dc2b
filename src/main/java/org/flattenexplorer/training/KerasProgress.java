package org.flattenexplorer.training;

import java.util.Locale;

/** Keras's two progress lines per epoch: {@code Epoch 3/7}, then the bar with the epoch's metrics. */
public final class KerasProgress {
    private static final int BAR_WIDTH = 30;

    private KerasProgress() {}

    public static String epochHeader(int epoch, int epochs) {
        return "Epoch " + epoch + "/" + epochs;
    }

    /** {@code 14/14 [==============================] - 23s 2s/step - loss: ... - val_accuracy: ...} */
    public static String epochLine(EpochMetrics m, int batches) {
        return bar(batches, batches) + " - " + Math.round(m.seconds()) + "s " + perStep(m.seconds() / batches)
                + " - " + metrics(m);
    }

    /** The in-progress bar Keras redraws after each batch. */
    public static String batchLine(int batch, int batches, double loss, double accuracy) {
        return bar(batch, batches) + String.format(Locale.ROOT, " - loss: %.4f - accuracy: %.4f", loss, accuracy);
    }

    public static String metrics(EpochMetrics m) {
        return String.format(Locale.ROOT, "loss: %.4f - accuracy: %.4f - val_loss: %.4f - val_accuracy: %.4f",
                m.loss(), m.accuracy(), m.valLoss(), m.valAccuracy());
    }

    private static String bar(int done, int total) {
        String count = String.format(Locale.ROOT, "%" + String.valueOf(total).length() + "d/%d", done, total);
        int filled = (int) ((long) BAR_WIDTH * done / total);
        String bar = done == total ? "=".repeat(BAR_WIDTH)
                : "=".repeat(Math.max(0, filled - 1)) + ">" + ".".repeat(BAR_WIDTH - Math.max(1, filled));
        return count + " [" + bar + "]";
    }

    private static String perStep(double seconds) {
        return seconds >= 1 ? Math.round(seconds) + "s/step" : Math.round(seconds * 1000) + "ms/step";
    }
}
