package org.flattenexplorer.ui.view;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.flattenexplorer.ui.viewmodel.CompareCurve;
import org.flattenexplorer.ui.viewmodel.CompareMetric;
import org.flattenexplorer.ui.viewmodel.RunListViewModel;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The ticked runs on one chart: each run (or each variant's mean over seeds, with a band for the spread) in its
 * own colour and dash style, with a legend.
 */
public final class CompareChartView extends VBox {
    private final YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    private final JFreeChart chart;
    private final ChartViewer viewer;
    private final DeviationRenderer renderer = new DeviationRenderer(true, true);
    private float lineWidth = 2f;

    public CompareChartView(RunListViewModel vm, ThemeManager theme) {
        chart = ChartFactory.createXYLineChart("Compare: val_accuracy", "epoch", "val_accuracy", data,
                PlotOrientation.VERTICAL, true, true, false);
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(renderer);
        renderer.setAlpha(0.18f);
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        viewer = ChartViewers.create(chart, "compareChart");

        ChoiceBox<CompareMetric> metric = new ChoiceBox<>();
        metric.getItems().setAll(CompareMetric.values());
        metric.valueProperty().bindBidirectional(vm.metricProperty());
        metric.setId("compareMetric");
        Label hint = new Label("Tick runs to overlay them; several seeds of one variant show as a mean with a "
                + "band for the spread.");
        hint.setTooltip(new javafx.scene.control.Tooltip(hint.getText()));
        hint.getStyleClass().add("muted");
        HBox bar = new HBox(8, new Label("Compare"), metric, hint);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(hint, Priority.ALWAYS);
        hint.setMinWidth(0);
        metric.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ((Label) bar.getChildren().get(0)).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        getChildren().addAll(bar, viewer);
        VBox.setVgrow(viewer, Priority.ALWAYS);
        setSpacing(2);

        vm.comparisonProperty().addListener((o, was, curves) -> show(curves, vm.metricProperty().get()));
        theme.onChange(() -> {
            ChartStyle.apply(chart, theme.fontSizeProperty().get(), theme.highContrast());
            lineWidth = theme.lineWidth();
            show(vm.comparisonProperty().get(), vm.metricProperty().get());
        });
    }

    private void show(List<CompareCurve> curves, CompareMetric metric) {
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
                series.add(new org.jfree.data.xy.YIntervalDataItem(e + 1, m, m - s, m + s), false);
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

    public ChartViewer viewer() {
        return viewer;
    }
}
