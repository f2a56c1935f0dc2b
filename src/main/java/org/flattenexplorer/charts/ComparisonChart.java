package org.flattenexplorer.charts;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 * Several runs on one chart, defined once for the window and the handout: each run (or each variant's mean over
 * seeds, with a band for the spread) in its own colour and dash style, with a legend.
 */
public final class ComparisonChart {
    private final YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    private final DeviationRenderer renderer = new DeviationRenderer(true, true);
    private final JFreeChart chart;
    private float lineWidth = 2f;
    private List<CompareCurve> curves = List.of();
    private CompareMetric metric = CompareMetric.VAL_ACCURACY;

    public ComparisonChart() {
        chart = ChartFactory.createXYLineChart("Compare: val_accuracy", "epoch", "val_accuracy", data,
                PlotOrientation.VERTICAL, true, true, false);
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(renderer);
        renderer.setAlpha(0.18f);
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    }

    public void style(double fontSize, boolean highContrast, float width) {
        ChartStyle.apply(chart, fontSize, highContrast);
        lineWidth = width;
        show(curves, metric);
    }

    public void show(List<CompareCurve> newCurves, CompareMetric newMetric) {
        curves = List.copyOf(newCurves);
        metric = newMetric;
        chart.setNotify(false);
        data.removeAllSeries();
        Set<String> keys = new HashSet<>();
        int maxEpochs = 1;
        for (int i = 0; i < curves.size(); i++) {
            CompareCurve curve = curves.get(i);
            String key = curve.label();
            for (int n = 2; !keys.add(key); n++) {
                key = curve.label() + " (" + n + ")";
            }
            YIntervalSeries series = new YIntervalSeries(key);
            for (int e = 0; e < curve.mean().length; e++) {
                double m = curve.mean()[e];
                double s = curve.spread()[e];
                series.add(new YIntervalDataItem(e + 1, m, m - s, m + s), false);
            }
            maxEpochs = Math.max(maxEpochs, curve.mean().length);
            data.addSeries(series);
            renderer.setSeriesPaint(i, ChartStyle.color(i));
            renderer.setSeriesFillPaint(i, ChartStyle.color(i));
            renderer.setSeriesStroke(i, ChartStyle.stroke(i, lineWidth));
        }
        XYPlot plot = chart.getXYPlot();
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setLabel(metric.toString());
        if (metric.isAccuracy()) {
            y.setAutoRange(false);
            y.setRange(0, 1);
        } else {
            y.setAutoRange(true);
            y.setAutoRangeIncludesZero(true);
        }
        NumberAxis x = (NumberAxis) plot.getDomainAxis();
        x.setAutoRange(false);
        x.setRange(0.8, maxEpochs + 0.2);
        chart.setTitle("Compare: " + metric + (curves.isEmpty() ? " (tick runs to compare)" : ""));
        chart.setNotify(true);
    }

    public JFreeChart chart() {
        return chart;
    }
}
