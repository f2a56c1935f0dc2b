package org.flattenexplorer.ui.hidden;

import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.flattenexplorer.inspect.Inspection;

/** One titled heatmap with its colour legend. */
public class MatrixPanel extends VBox {
    private final Label title = new Label();
    private final HiddenStateHeatmap heatmap = new HiddenStateHeatmap();
    private final ColorLegend legend = new ColorLegend();

    public MatrixPanel(String titleText) {
        super(3);
        title.setText(titleText);
        title.setStyle("-fx-font-weight: bold;");
        title.setWrapText(true);
        title.setMinHeight(USE_PREF_SIZE);
        legend.maxAbsProperty().bind(heatmap.maxAbsProperty());
        VBox.setVgrow(heatmap, Priority.ALWAYS);
        getChildren().addAll(title, heatmap, legend);
    }

    public void show(float[][] matrix, Inspection inspection, String quantity) {
        setVisible(matrix != null);
        setManaged(matrix != null);
        if (matrix != null) {
            heatmap.show(matrix, inspection, quantity);
        }
    }

    public HiddenStateHeatmap heatmap() { return heatmap; }
    public Label title() { return title; }
}
