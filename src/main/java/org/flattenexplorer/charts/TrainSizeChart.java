package org.flattenexplorer.charts;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalDataItem;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The data-size experiment on one chart: each variant's best validation accuracy (mean over seeds, a band for the
 * spread) against the number of training reviews, in the colours and dashes of the other charts.
 */
public final class TrainSizeChart {
    /** One variant's points: at {@code sizes[i]} training reviews, {@code mean[i]} ± {@code spread[i]}. */
    public record Series(String label, int[] sizes, double[] mean, double[] spread) {}

    private TrainSizeChart() {}

    public static JFreeChart of(List<Series> series, String metric) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        DeviationRenderer renderer = new DeviationRenderer(true, true);
        renderer.setAlpha(0.18f);
        double low = 1;
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            YIntervalSeries line = new YIntervalSeries(s.label());
            for (int p = 0; p < s.sizes().length; p++) {
                double m = s.mean()[p];
                double sd = Double.isNaN(s.spread()[p]) ? 0 : s.spread()[p];
                line.add(new YIntervalDataItem(s.sizes()[p], m, m - sd, m + sd), false);
                low = Math.min(low, m - sd);
            }
            data.addSeries(line);
            renderer.setSeriesPaint(i, ChartStyle.color(i));
            renderer.setSeriesFillPaint(i, ChartStyle.color(i));
            renderer.setSeriesStroke(i, ChartStyle.stroke(i, 2.5f));
        }
        JFreeChart chart = ChartFactory.createXYLineChart(metric + " against the training-set size",
                "training reviews", metric, data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(renderer);
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setAutoRange(false);
        y.setRange(low >= 0.4 ? 0.4 : 0, 1); // chance is 0.5: the interesting part, unless a point lies below
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(false);
        ChartStyle.apply(chart, 14, false);
        return chart;
    }

    /** The chart drawn headless (no JavaFX), e.g. for {@code compare --train-sizes --png}. */
    public static BufferedImage draw(JFreeChart chart, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g.dispose();
        }
        return image;
    }
}
