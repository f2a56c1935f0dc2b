package org.flattenexplorer.ui;

import java.util.function.BooleanSupplier;
import org.flattenexplorer.charts.ChartWarmUp;
import org.flattenexplorer.training.TrainingWarmUp;

/**
 * What the window runs on its training thread when it opens, so that Java has compiled the training and the charts'
 * drawing before the first run: the training warm-up, then, if it ran to the end, the charts'. The app and the
 * window's side of {@code bench --window} both run it from here.
 */
public final class WindowWarmUps {
    private WindowWarmUps() {}

    /** Runs both on the calling thread, each giving way when {@code stop} says a user's run waits. */
    public static void run(BooleanSupplier stop) {
        if (TrainingWarmUp.run(stop)) {
            ChartWarmUp.run(stop);
        }
    }
}
