package org.flattenexplorer.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Stroke;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;

/** Colours, dash styles and fonts shared by every chart; scaled and recoloured for projector mode. */
public final class ChartStyle {
    /** Distinct on white and on black, and for the common colour-vision deficiencies (Okabe-Ito). */
    public static final Color[] PALETTE = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(230, 159, 0), new Color(86, 180, 233), new Color(120, 120, 120), new Color(240, 228, 66)};
    private static final float[][] DASHES = {null, {10f, 5f}, {2f, 4f}, {12f, 4f, 2f, 4f}, {6f, 6f}, {2f, 2f}};

    private ChartStyle() {}

    public static Color color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /** Solid for the first series, then dashes, so curves stay apart in black and white too. */
    public static Stroke stroke(int i, float width) {
        float[] dash = DASHES[Math.floorMod(i, DASHES.length)];
        return dash == null ? new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, scale(dash, width / 2f), 0f);
    }

    public static Color faint(Color c) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), 70);
    }

    /** Applies fonts and colours: {@code fontSize} in points, dark background when {@code highContrast}. */
    public static void apply(JFreeChart chart, double fontSize, boolean highContrast) {
        Paint fg = highContrast ? Color.WHITE : new Color(30, 30, 30);
        Paint bg = highContrast ? Color.BLACK : Color.WHITE;
        Paint grid = highContrast ? new Color(90, 90, 90) : new Color(215, 215, 215);
        chart.setBackgroundPaint(bg);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, (int) Math.round(fontSize * 1.15)));
            chart.getTitle().setPaint(fg);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(font(fontSize * 0.95));
            legend.setItemPaint(fg);
            legend.setBackgroundPaint(bg);
        }
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(bg);
        plot.setDomainGridlinePaint(grid);
        plot.setRangeGridlinePaint(grid);
        plot.setOutlinePaint(grid);
        for (int i = 0; i < plot.getDomainAxisCount(); i++) {
            axis(plot.getDomainAxis(i), fontSize, fg);
        }
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            axis(plot.getRangeAxis(i), fontSize, fg);
        }
    }

    private static void axis(Axis axis, double fontSize, Paint fg) {
        if (axis == null) {
            return;
        }
        axis.setLabelFont(font(fontSize));
        axis.setTickLabelFont(font(fontSize * 0.9));
        axis.setLabelPaint(fg);
        axis.setTickLabelPaint(fg);
        axis.setAxisLinePaint(fg);
        axis.setTickMarkPaint(fg);
    }

    public static Font font(double size) {
        return new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(size));
    }

    private static float[] scale(float[] dash, float k) {
        float[] out = new float[dash.length];
        for (int i = 0; i < dash.length; i++) {
            out[i] = dash[i] * Math.max(1f, k);
        }
        return out;
    }
}
