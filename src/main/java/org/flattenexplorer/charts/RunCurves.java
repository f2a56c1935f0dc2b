package org.flattenexplorer.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.flattenexplorer.training.EpochMetrics;
import org.flattenexplorer.training.RunResult;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardXYToolTipGenerator;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYDifferenceRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * One run's two charts, defined once for the window (filled live, batch by batch) and the lesson's handout (filled
 * from a saved run): loss and val_loss with the per-batch loss as a faint line, and accuracy and val_accuracy on a
 * fixed 0-1 axis with the best-validation epoch marked and the overfitting gap shaded.
 */
public final class RunCurves {
    /** The gap between training and validation accuracy counts as open from here on. */
    public static final double GAP_OPENS = 0.05;

    private final XYSeries loss = new XYSeries("loss");
    private final XYSeries valLoss = new XYSeries("val_loss");
    private final XYSeries batchLoss = new XYSeries("batch loss");
    private final XYSeries accuracy = new XYSeries("accuracy");
    private final XYSeries valAccuracy = new XYSeries("val_accuracy");
    private final XYSeries gapUpper = new XYSeries("gap upper");
    private final XYSeries gapLower = new XYSeries("gap lower");
    private final JFreeChart lossChart;
    private final JFreeChart accuracyChart;
    private final ValueMarker bestMarker = new ValueMarker(1);
    private double lossCeiling = 1;
    private final TextTitle lossSubtitle = new TextTitle("");
    private final TextTitle accuracySubtitle = new TextTitle("");

    public RunCurves() {
        lossChart = buildLossChart();
        accuracyChart = buildAccuracyChart();
        lossChart.addSubtitle(0, lossSubtitle);
        accuracyChart.addSubtitle(0, accuracySubtitle);
        setEpochs(1);
    }

    /** A saved or finished run's curves, complete. */
    public static RunCurves of(String name, RunResult result, int epochs) {
        RunCurves curves = new RunCurves();
        curves.setTitle(name);
        curves.setEpochs(epochs);
        curves.showEpochs(result.epochs());
        List<Double> batches = result.batchLosses();
        int perEpoch = result.epochs().isEmpty() ? 0 : batches.size() / result.epochs().size();
        for (int i = 0; i < batches.size() && perEpoch > 0; i++) {
            curves.addBatchLoss((double) (i + 1) / perEpoch, batches.get(i));
        }
        curves.batchLoss.fireSeriesChanged();
        curves.showBest(result.bestValidationEpoch().orElse(0));
        return curves;
    }

    private JFreeChart buildLossChart() {
        XYSeriesCollection epochData = new XYSeriesCollection();
        epochData.addSeries(loss);
        epochData.addSeries(valLoss);
        JFreeChart chart = ChartFactory.createXYLineChart("Loss", "epoch", "loss", epochData,
                PlotOrientation.VERTICAL, true, true, false);
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(0, epochRenderer());
        plot.setDataset(1, new XYSeriesCollection(batchLoss));
        XYLineAndShapeRenderer faint = new XYLineAndShapeRenderer(true, false);
        faint.setSeriesPaint(0, ChartStyle.faint(ChartStyle.color(0)));
        faint.setSeriesStroke(0, new BasicStroke(1f));
        plot.setRenderer(1, faint);
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setAutoRange(false);
        y.setRange(0, lossCeiling);
        return chart;
    }

    private JFreeChart buildAccuracyChart() {
        XYSeriesCollection epochData = new XYSeriesCollection();
        epochData.addSeries(accuracy);
        epochData.addSeries(valAccuracy);
        JFreeChart chart = ChartFactory.createXYLineChart("Accuracy", "epoch", "accuracy", epochData,
                PlotOrientation.VERTICAL, true, true, false);
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(0, epochRenderer());
        XYSeriesCollection gap = new XYSeriesCollection();
        gap.addSeries(gapUpper);
        gap.addSeries(gapLower);
        plot.setDataset(1, gap);
        XYDifferenceRenderer shade = new XYDifferenceRenderer(new Color(213, 94, 0, 60), new Color(0, 0, 0, 0), false);
        shade.setSeriesPaint(0, new Color(0, 0, 0, 0));
        shade.setSeriesPaint(1, new Color(0, 0, 0, 0));
        shade.setSeriesVisibleInLegend(0, false);
        shade.setSeriesVisibleInLegend(1, false);
        plot.setRenderer(1, shade);
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setAutoRange(false);
        y.setRange(0, 1);
        bestMarker.setPaint(new Color(0, 158, 115));
        bestMarker.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {4f, 4f}, 0f));
        bestMarker.setLabelAnchor(RectangleAnchor.BOTTOM_LEFT);
        bestMarker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        return chart;
    }

    private static XYLineAndShapeRenderer epochRenderer() {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setSeriesPaint(0, ChartStyle.color(0));
        r.setSeriesPaint(1, ChartStyle.color(1));
        // hovering an epoch's point in the window shows its value, e.g. "val_loss: (4, 1.2)"
        r.setDefaultToolTipGenerator(new StandardXYToolTipGenerator());
        return r;
    }

    /** Fonts, colours and line widths for the window's theme, or the handout's print style. */
    public void style(double fontSize, boolean highContrast, float lineWidth) {
        ChartStyle.apply(lossChart, fontSize, highContrast);
        ChartStyle.apply(accuracyChart, fontSize, highContrast);
        for (JFreeChart chart : List.of(lossChart, accuracyChart)) {
            XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer(0);
            r.setSeriesStroke(0, ChartStyle.stroke(0, lineWidth));
            r.setSeriesStroke(1, ChartStyle.stroke(1, lineWidth));
        }
        for (TextTitle subtitle : List.of(lossSubtitle, accuracySubtitle)) {
            subtitle.setFont(ChartStyle.font(fontSize * 0.85));
            subtitle.setPaint(highContrast ? Color.WHITE : Color.DARK_GRAY);
        }
        bestMarker.setLabelFont(ChartStyle.font(fontSize * 0.85));
        bestMarker.setLabelPaint(highContrast ? Color.WHITE : Color.DARK_GRAY);
    }

    /** The run's name under each chart's title, smaller, so a long name wraps instead of crowding the title. */
    public void setTitle(String name) {
        lossSubtitle.setText(name);
        accuracySubtitle.setText(name);
    }

    /** The x axis spans the run's planned epochs from the start, so the curves grow into a fixed frame. */
    public void setEpochs(int epochs) {
        for (JFreeChart chart : List.of(lossChart, accuracyChart)) {
            NumberAxis x = (NumberAxis) chart.getXYPlot().getDomainAxis();
            x.setAutoRange(false);
            x.setRange(0, Math.max(1, epochs) + 0.2);
            x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
    }

    /** Replaces the per-epoch points; one redraw per chart, not one per series. */
    public void showEpochs(List<EpochMetrics> epochs) {
        boolean lossOn = lossChart.isNotify();
        boolean accuracyOn = accuracyChart.isNotify();
        lossChart.setNotify(false);
        accuracyChart.setNotify(false);
        List<XYSeries> all = List.of(loss, valLoss, accuracy, valAccuracy, gapUpper, gapLower);
        all.forEach(XYSeries::clear);
        for (EpochMetrics m : epochs) {
            loss.add(m.epoch(), m.loss(), false);
            valLoss.add(m.epoch(), m.valLoss(), false);
            accuracy.add(m.epoch(), m.accuracy(), false);
            valAccuracy.add(m.epoch(), m.valAccuracy(), false);
            boolean open = m.accuracy() - m.valAccuracy() >= GAP_OPENS;
            gapUpper.add(m.epoch(), m.accuracy(), false);
            gapLower.add(m.epoch(), open ? m.valAccuracy() : m.accuracy(), false);
            raiseLossCeiling(Math.max(m.loss(), m.valLoss()));
        }
        all.forEach(XYSeries::fireSeriesChanged);
        lossChart.setNotify(lossOn); // a caller holding the redraws (LiveCharts) redraws once for all its changes
        accuracyChart.setNotify(accuracyOn);
    }

    /** Adds batch points without redrawing; call {@link #batchesAdded()} once after a group of them. */
    public void addBatchLoss(double x, double value) {
        batchLoss.add(x, value, false);
        raiseLossCeiling(value);
    }

    public void batchesAdded() {
        batchLoss.fireSeriesChanged();
    }

    public void clearBatches() {
        batchLoss.clear();
        lossCeiling = 1;
        lossChart.getXYPlot().getRangeAxis().setRange(0, lossCeiling);
    }

    /** The loss axis only grows, in steps of 0.5, so the curves do not jump with every batch. */
    private void raiseLossCeiling(double value) {
        if (Double.isFinite(value) && value > lossCeiling) {
            lossCeiling = Math.ceil(value * 2) / 2;
            lossChart.getXYPlot().getRangeAxis().setRange(0, lossCeiling);
        }
    }

    /** Marks the best validation epoch (0: none); one redraw, none while the caller holds them. */
    public void showBest(int epoch) {
        boolean on = accuracyChart.isNotify();
        accuracyChart.setNotify(false);
        XYPlot plot = accuracyChart.getXYPlot();
        plot.removeDomainMarker(bestMarker);
        if (epoch > 0) {
            bestMarker.setValue(epoch);
            bestMarker.setLabel("best val epoch " + epoch);
            plot.addDomainMarker(bestMarker);
        }
        accuracyChart.setNotify(on);
    }

    public JFreeChart lossChart() {
        return lossChart;
    }

    public JFreeChart accuracyChart() {
        return accuracyChart;
    }
}
