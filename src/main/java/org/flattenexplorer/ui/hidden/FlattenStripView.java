package org.flattenexplorer.ui.hidden;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;

/**
 * A long vector (the 64,000 flattened hidden states) as a strip of min/max columns, revealed up to
 * {@code revealed} entries. Properties only; {@link FlattenStripSkin} draws it through a PixelWriter.
 */
public class FlattenStripView extends Control {
    private final ObjectProperty<float[]> values = new SimpleObjectProperty<>(this, "values");
    private final IntegerProperty units = new SimpleIntegerProperty(this, "units", 1);
    private final IntegerProperty revealed = new SimpleIntegerProperty(this, "revealed", Integer.MAX_VALUE);
    private final DoubleProperty maxAbs = new SimpleDoubleProperty(this, "maxAbs", 1);

    public FlattenStripView() {
        getStyleClass().add("flatten-strip");
        setMinHeight(40);
        setMinWidth(120); // the strip scales to any width; it must never push the window wider than the screen
    }

    public ObjectProperty<float[]> valuesProperty() { return values; }
    public IntegerProperty unitsProperty() { return units; }
    /** How many entries of the vector are drawn; the rest is not unrolled yet. */
    public IntegerProperty revealedProperty() { return revealed; }
    public DoubleProperty maxAbsProperty() { return maxAbs; }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new FlattenStripSkin(this);
    }
}
