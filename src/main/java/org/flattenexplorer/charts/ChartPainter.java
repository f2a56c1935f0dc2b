package org.flattenexplorer.charts;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;

/**
 * Draws a chart with Java2D into an image the way the window shows it: cleared to transparent, scaled to the screen's
 * output scale, with the entities that the hover tooltips read. The window's chart view and the warm-up that
 * compiles this code before the first run ({@link ChartWarmUp}) both draw through it, so the warm-up teaches the JIT
 * the window's types and branches (drawn another way, into a {@code java.awt.Rectangle} with no entities, parts of
 * Java2D's code were deoptimized and recompiled during the first run: JFR saw class checks fail in
 * {@code RectangularShape.getMinX}).
 */
public final class ChartPainter {
    private ChartPainter() {}

    /** Draws {@code chart} (or nothing) over the whole image; width and height in points; returns where parts went. */
    public static ChartRenderingInfo paint(JFreeChart chart, BufferedImage image, double width, double height,
                                           double scale) {
        ChartRenderingInfo info = new ChartRenderingInfo();
        Graphics2D g2 = image.createGraphics();
        try {
            g2.setComposite(AlphaComposite.Clear);
            g2.fillRect(0, 0, image.getWidth(), image.getHeight());
            g2.setComposite(AlphaComposite.SrcOver);
            g2.scale(scale, scale);
            if (chart != null) {
                chart.draw(g2, new Rectangle2D.Double(0, 0, width, height), null, info);
            }
        } finally {
            g2.dispose();
        }
        return info;
    }
}
