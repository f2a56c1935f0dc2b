package org.flattenexplorer.ui.view;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.flattenexplorer.ui.task.TaskExecutor;

/** Saves a chart as a PNG of the size it has on screen: drawn on the UI thread, written on the file thread. */
public final class ChartExport {
    private ChartExport() {}

    public static void png(ChartView viewer, Path file, TaskExecutor executor, Consumer<String> done) {
        int width = Math.max(1, (int) Math.round(viewer.getWidth()));
        int height = Math.max(1, (int) Math.round(viewer.getHeight()));
        BufferedImage image = viewer.getChart().createBufferedImage(width, height);
        executor.io(() -> {
            String message;
            try {
                ImageIO.write(image, "png", file.toFile());
                message = "Saved the chart (" + width + " x " + height + ") to " + file;
            } catch (IOException | RuntimeException e) {
                message = "Could not save " + file + ": " + e.getMessage();
            }
            String m = message;
            executor.ui(() -> done.accept(m));
        });
    }
}
