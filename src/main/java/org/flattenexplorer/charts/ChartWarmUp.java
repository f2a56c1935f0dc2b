package org.flattenexplorer.charts;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.flattenexplorer.training.EpochMetrics;

/**
 * Draws a run's two charts a few dozen times into an image, off screen, when the window opens (after the training
 * warm-up), so that Java has compiled the drawing code (JFreeChart, Java2D's rasterizer) before the first run.
 * Without it that compilation happened during the first run, on the two cores the training uses.
 */
public final class ChartWarmUp {
    private static final int EPOCHS = 7;
    private static final int BATCHES = 14;
    private static final int DRAWS_PER_EPOCH = 8;
    private static final int WIDTH = 490;
    private static final int HEIGHT = 235;

    private ChartWarmUp() {}

    /** Draws until done or until {@code stop} says a user's run waits; returns whether it drew them all. */
    public static boolean run(BooleanSupplier stop) {
        RunCurves curves = new RunCurves();
        curves.setTitle("warm-up");
        curves.setEpochs(EPOCHS);
        // about the live charts' size in a 1366 x 768 window, in the window's pixel format
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_ARGB_PRE);
        List<EpochMetrics> epochs = new ArrayList<>();
        for (int e = 1; e <= EPOCHS; e++) {
            for (int b = 0; b < BATCHES; b++) {
                curves.addBatchLoss(e - 1 + (b + 1.0) / BATCHES, 0.7 / e + 0.02 * (b % 3));
            }
            curves.batchesAdded();
            epochs.add(new EpochMetrics(e, 0.7 / e, 0.5 + 0.07 * e, 0.6 + 0.1 * e, 0.5 + 0.04 * e, 2));
            curves.showEpochs(epochs);
            curves.showBest(e);
            for (int i = 0; i < DRAWS_PER_EPOCH; i++) {
                if (stop.getAsBoolean()) {
                    return false;
                }
                ChartPainter.paint(curves.lossChart(), image, WIDTH, HEIGHT, 1);
                ChartPainter.paint(curves.accuracyChart(), image, WIDTH, HEIGHT, 1);
            }
        }
        return true;
    }
}
