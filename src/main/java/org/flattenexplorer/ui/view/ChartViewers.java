package org.flattenexplorer.ui.view;

import javafx.scene.input.MouseEvent;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;

/** A chart viewer that takes the keyboard focus when clicked, so Ctrl+S exports the chart the user points at. */
final class ChartViewers {
    private ChartViewers() {}

    static ChartViewer create(JFreeChart chart, String id) {
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setId(id);
        viewer.setFocusTraversable(true);
        viewer.setMinSize(200, 150);
        viewer.setPrefSize(480, 300);
        viewer.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> viewer.requestFocus());
        viewer.focusedProperty().addListener((o, was, now) -> viewer.setStyle(now
                ? "-fx-border-color: -fx-focus-color; -fx-border-width: 2;" : "-fx-border-color: transparent; -fx-border-width: 2;"));
        viewer.setStyle("-fx-border-color: transparent; -fx-border-width: 2;");
        return viewer;
    }
}
