package org.flattenexplorer.ui.view;

import javafx.geometry.Pos;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.flattenexplorer.charts.CompareMetric;
import org.flattenexplorer.charts.ComparisonChart;
import org.flattenexplorer.ui.viewmodel.RunListViewModel;

/** The ticked runs on one chart ({@link ComparisonChart}, the same chart as the handout's), with the metric chooser. */
public final class CompareChartView extends VBox {
    private final ComparisonChart chart = new ComparisonChart();
    private final ChartView viewer;

    public CompareChartView(RunListViewModel vm, ThemeManager theme) {
        viewer = new ChartView(chart.chart(), "compareChart");

        ChoiceBox<CompareMetric> metric = new ChoiceBox<>();
        metric.getItems().setAll(CompareMetric.values());
        metric.valueProperty().bindBidirectional(vm.metricProperty());
        metric.setId("compareMetric");
        Label hint = new Label("Tick runs to overlay them; several seeds of one variant show as a mean with a "
                + "band for the spread.");
        hint.setTooltip(new Tooltip(hint.getText()));
        hint.getStyleClass().add("muted");
        Label title = new Label("Compare");
        HBox bar = new HBox(8, title, metric, hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(hint, Priority.ALWAYS);
        hint.setMinWidth(0);
        hint.setWrapText(true); // a projector's large text wraps it onto a second line instead of cutting it
        hint.setMinHeight(Region.USE_PREF_SIZE);
        metric.setMinWidth(Region.USE_PREF_SIZE);
        title.setMinWidth(Region.USE_PREF_SIZE);
        getChildren().addAll(bar, viewer);
        VBox.setVgrow(viewer, Priority.ALWAYS);
        setSpacing(2);

        vm.comparisonProperty().addListener((o, was, curves) -> chart.show(curves, vm.metricProperty().get()));
        theme.onChange(() -> chart.style(theme.fontSizeProperty().get(), theme.highContrast(), theme.lineWidth()));
    }

    public ChartView viewer() {
        return viewer;
    }
}
