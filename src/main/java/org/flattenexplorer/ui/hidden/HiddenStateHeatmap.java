package org.flattenexplorer.ui.hidden;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;
import org.flattenexplorer.inspect.EncodedReview;
import org.flattenexplorer.inspect.Inspection;

/**
 * A T x U matrix over one review's time steps as a heatmap: rows are time steps, columns units, colours from
 * the shared {@link org.flattenexplorer.inspect.DivergingColorMap} centred on 0. Padding rows are marked in a
 * gutter; one row can be outlined (the state a last-state model reads) and one highlighted (the row the flatten
 * animation is unrolling). Properties only: {@link HiddenStateHeatmapSkin} draws it through a PixelWriter.
 */
public class HiddenStateHeatmap extends Control {
    private final ObjectProperty<float[][]> values = new SimpleObjectProperty<>(this, "values");
    private final ObjectProperty<EncodedReview> review = new SimpleObjectProperty<>(this, "review");
    private final DoubleProperty maxAbs = new SimpleDoubleProperty(this, "maxAbs", 1);
    private final StringProperty quantity = new SimpleStringProperty(this, "quantity", "h");
    private final IntegerProperty outlinedRow = new SimpleIntegerProperty(this, "outlinedRow", -1);
    private final IntegerProperty cursorRow = new SimpleIntegerProperty(this, "cursorRow", -1);
    private final IntegerProperty framedFrom = new SimpleIntegerProperty(this, "framedFrom", -1);
    private final IntegerProperty framedTo = new SimpleIntegerProperty(this, "framedTo", -1);
    /** {first, last} column of the outlined row the Dense layer reads. */
    private final ObjectProperty<int[]> outlinedColumns = new SimpleObjectProperty<>(this, "outlinedColumns",
            new int[] {0, Integer.MAX_VALUE});
    private final ObjectProperty<int[]> sourceSteps = new SimpleObjectProperty<>(this, "sourceSteps");
    private final ReadOnlyStringWrapper hoverText = new ReadOnlyStringWrapper(this, "hoverText", "");

    public HiddenStateHeatmap() {
        getStyleClass().add("hidden-state-heatmap");
        setMinSize(60, 60);
    }

    /** Shows a matrix of an inspection (states, folded weights or their product) with its own colour scale. */
    public void show(float[][] matrix, Inspection inspection, String quantityName) {
        float max = Inspection.maxAbs(matrix);
        quantity.set(quantityName);
        review.set(inspection.review());
        maxAbs.set(max);
        outlinedColumns.set(inspection.lastStateColumns());
        outlinedRow.set(inspection.lastStateRow());
        sourceSteps.set(inspection.readout().sourceStep());
        values.set(matrix);
    }

    /** The skin reports the cell under the mouse; (-1, -1) clears the text. */
    public void hover(int t, int u) {
        float[][] v = values.get();
        if (t < 0 || u < 0 || v == null || t >= v.length || u >= v[t].length || review.get() == null) {
            hoverText.set("");
        } else {
            hoverText.set(Inspection.describeCell(quantity.get(), v, review.get(), t, u));
        }
    }

    public float[][] getValues() { return values.get(); }
    public EncodedReview getReview() { return review.get(); }
    public double getMaxAbs() { return maxAbs.get(); }
    public int getOutlinedRow() { return outlinedRow.get(); }
    public int getCursorRow() { return cursorRow.get(); }
    public void setCursorRow(int row) { cursorRow.set(row); }
    public int[] getSourceSteps() { return sourceSteps.get(); }
    public int[] getOutlinedColumns() { return outlinedColumns.get(); }

    public ObjectProperty<float[][]> valuesProperty() { return values; }
    public ObjectProperty<EncodedReview> reviewProperty() { return review; }
    public DoubleProperty maxAbsProperty() { return maxAbs; }
    public StringProperty quantityProperty() { return quantity; }
    public IntegerProperty outlinedRowProperty() { return outlinedRow; }
    public IntegerProperty cursorRowProperty() { return cursorRow; }
    /** First and last row of a framed block (a lesson's highlight), -1 for none. */
    public IntegerProperty framedFromProperty() { return framedFrom; }
    public IntegerProperty framedToProperty() { return framedTo; }

    public void frame(int from, int to) {
        framedFrom.set(from);
        framedTo.set(to);
    }
    public ObjectProperty<int[]> sourceStepsProperty() { return sourceSteps; }
    /** "t = 12, u = 5, h = 0.1234, token = great" for the cell under the mouse, empty elsewhere. */
    public ReadOnlyStringProperty hoverTextProperty() { return hoverText.getReadOnlyProperty(); }
    public String getHoverText() { return hoverText.get(); }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new HiddenStateHeatmapSkin(this);
    }
}
