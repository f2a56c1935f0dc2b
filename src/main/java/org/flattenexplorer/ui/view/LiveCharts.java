package org.flattenexplorer.ui.view;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.flattenexplorer.training.EpochMetrics;
import org.flattenexplorer.ui.viewmodel.TrainingViewModel;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYDifferenceRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The live curves of the current run: loss and val_loss with the per-batch loss as a faint line, and accuracy
 * and val_accuracy on a fixed 0-1 axis with the best-validation epoch marked and the overfitting gap shaded.
 */
public final class LiveCharts extends HBox {
    /** The gap between training and validation accuracy counts as open from here on. */
    static final double GAP_OPENS = 0.05;

    private final XYSeries loss = new XYSeries("loss");
    private final XYSeries valLoss = new XYSeries("val_loss");
    private final XYSeries batchLoss = new XYSeries("batch loss");
    private final XYSeries accuracy = new XYSeries("accuracy");
    private final XYSeries valAccuracy = new XYSeries("val_accuracy");
    private final XYSeries gapUpper = new XYSeries("gap upper");
    private final XYSeries gapLower = new XYSeries("gap lower");
    private final JFreeChart lossChart;
    private final JFreeChart accuracyChart;
    private final ChartViewer lossViewer;
    private final ChartViewer accuracyViewer;
    private final ValueMarker bestMarker = new ValueMarker(1);
    private double lossCeiling = 1;

    public LiveCharts(TrainingViewModel vm, ThemeManager theme) {
        lossChart = lossChart();
        accuracyChart = accuracyChart();
        lossViewer = ChartViewers.create(lossChart, "lossChart");
        accuracyViewer = ChartViewers.create(accuracyChart, "accuracyChart");
        getChildren().addAll(lossViewer, accuracyViewer);
        HBox.setHgrow(lossViewer, Priority.ALWAYS);
        HBox.setHgrow(accuracyViewer, Priority.ALWAYS);
        setSpacing(4);

        vm.epochs().addListener((ListChangeListener<EpochMetrics>) c -> epochsChanged(vm.epochs()));
        vm.batchLosses().addListener((ListChangeListener<TrainingViewModel.BatchPoint>) c -> batchesChanged(c));
        vm.bestEpochProperty().addListener((o, was, best) -> showBest(best.intValue()));
        vm.totalEpochsProperty().addListener((o, was, n) -> setEpochs(n.intValue()));
        vm.runNameProperty().addListener((o, was, name) -> {
            lossChart.setTitle("Loss · " + name);
            accuracyChart.setTitle("Accuracy · " + name);
        });
        setEpochs(vm.totalEpochsProperty().get());
        theme.onChange(() -> {
            ChartStyle.apply(lossChart, theme.fontSizeProperty().get(), theme.highContrast());
            ChartStyle.apply(accuracyChart, theme.fontSizeProperty().get(), theme.highContrast());
            float width = theme.lineWidth();
            for (JFreeChart chart : List.of(lossChart, accuracyChart)) {
                XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer(0);
                r.setSeriesStroke(0, ChartStyle.stroke(0, width));
                r.setSeriesStroke(1, ChartStyle.stroke(1, width));
            }
            bestMarker.setLabelFont(ChartStyle.font(theme.fontSizeProperty().get() * 0.85));
            bestMarker.setLabelPaint(theme.highContrast() ? Color.WHITE : Color.DARK_GRAY);
        });
    }

    private JFreeChart lossChart() {
        XYSeriesCollection epochData = new XYSeriesCollection();
        epochData.addSeries(loss);
        epochData.addSeries(valLoss);
        JFreeChart chart = ChartFactory.createXYLineChart("Loss", "epoch", "loss", epochData,
                PlotOrientation.VERTICAL, true, true, false);
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(0, epochRenderer());
        XYSeriesCollection batchData = new XYSeriesCollection(batchLoss);
        plot.setDataset(1, batchData);
        XYLineAndShapeRenderer faint = new XYLineAndShapeRenderer(true, false);
        faint.setSeriesPaint(0, ChartStyle.faint(ChartStyle.color(0)));
        faint.setSeriesStroke(0, new BasicStroke(1f));
        plot.setRenderer(1, faint);
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setAutoRange(false);
        y.setRange(0, lossCeiling);
        return chart;
    }

    private JFreeChart accuracyChart() {
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
        bestMarker.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
        bestMarker.setLabelAnchor(RectangleAnchor.BOTTOM_LEFT);
        bestMarker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        return chart;
    }

    private static XYLineAndShapeRenderer epochRenderer() {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setSeriesPaint(0, ChartStyle.color(0));
        r.setSeriesPaint(1, ChartStyle.color(1));
        return r;
    }

    private void setEpochs(int epochs) {
        for (JFreeChart chart : List.of(lossChart, accuracyChart)) {
            NumberAxis x = (NumberAxis) chart.getXYPlot().getDomainAxis();
            x.setAutoRange(false);
            x.setRange(0, Math.max(1, epochs) + 0.2);
            x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
    }

    private void epochsChanged(List<EpochMetrics> epochs) {
        // One redraw per change, not one per series: every fired series redraws the whole chart.
        lossChart.setNotify(false);
        accuracyChart.setNotify(false);
        List<XYSeries> all = List.of(loss, valLoss, accuracy, valAccuracy, gapUpper, gapLower);
        all.forEach(s -> s.clear());
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
        lossChart.setNotify(true);
        accuracyChart.setNotify(true);
    }

    private void batchesChanged(ListChangeListener.Change<? extends TrainingViewModel.BatchPoint> c) {
        lossChart.setNotify(false);
        boolean cleared = false;
        while (c.next()) {
            if (c.wasRemoved()) {
                cleared = true;
            }
            for (TrainingViewModel.BatchPoint p : c.getAddedSubList()) {
                batchLoss.add(p.x(), p.loss(), false);
                raiseLossCeiling(p.loss());
            }
        }
        if (cleared) {
            batchLoss.clear();
            lossCeiling = 1;
            lossChart.getXYPlot().getRangeAxis().setRange(0, lossCeiling);
            for (TrainingViewModel.BatchPoint p : c.getList()) {
                batchLoss.add(p.x(), p.loss(), false);
            }
        }
        batchLoss.fireSeriesChanged();
        lossChart.setNotify(true);
    }

    /** The loss axis only grows, in steps of 0.5, so the curves do not jump with every batch. */
    private void raiseLossCeiling(double value) {
        if (Double.isFinite(value) && value > lossCeiling) {
            lossCeiling = Math.ceil(value * 2) / 2;
            lossChart.getXYPlot().getRangeAxis().setRange(0, lossCeiling);
        }
    }

    private void showBest(int epoch) {
        XYPlot plot = accuracyChart.getXYPlot();
        plot.removeDomainMarker(bestMarker);
        if (epoch > 0) {
            bestMarker.setValue(epoch);
            bestMarker.setLabel("best val epoch " + epoch);
            plot.addDomainMarker(bestMarker);
        }
    }

    public ChartViewer lossViewer() {
        return lossViewer;
    }

    public ChartViewer accuracyViewer() {
        return accuracyViewer;
    }
}
