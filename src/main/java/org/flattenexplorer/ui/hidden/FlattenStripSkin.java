package org.flattenexplorer.ui.hidden;

import javafx.scene.control.SkinBase;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.flattenexplorer.inspect.FlattenStrip;

/**
 * Draws a {@link FlattenStripView}: the vector reduced by {@link FlattenStrip} to one min/max column per pixel
 * of width (never 64,000 chart points), written into a WritableImage. A redraw takes a few milliseconds.
 */
public class FlattenStripSkin extends SkinBase<FlattenStripView> {
    private final ImageView view = new ImageView();
    private FlattenStrip strip;
    private int stripWidth = -1;
    private float[] stripOf;

    public FlattenStripSkin(FlattenStripView control) {
        super(control);
        view.setSmooth(false);
        view.setPreserveRatio(false);
        getChildren().add(view);
        registerChangeListener(control.valuesProperty(), o -> redraw());
        registerChangeListener(control.revealedProperty(), o -> redraw());
        registerChangeListener(control.maxAbsProperty(), o -> redraw());
        registerChangeListener(control.widthProperty(), o -> redraw());
        registerChangeListener(control.heightProperty(), o -> redraw());
    }

    /** The reduced strip currently drawn, for tests. */
    public FlattenStrip strip() {
        return strip;
    }

    private void redraw() {
        FlattenStripView c = getSkinnable();
        float[] values = c.valuesProperty().get();
        int width = (int) Math.round(c.getWidth() - snappedLeftInset() - snappedRightInset());
        int height = (int) Math.round(c.getHeight() - snappedTopInset() - snappedBottomInset());
        if (values == null || values.length == 0 || width <= 0 || height <= 0) {
            view.setImage(null);
            return;
        }
        int columns = Math.min(width, values.length);
        if (strip == null || stripOf != values || stripWidth != columns) {
            strip = FlattenStrip.of(values, c.unitsProperty().get(), columns);
            stripOf = values;
            stripWidth = columns;
        }
        int[] pixels = strip.pixels(height, c.maxAbsProperty().get(), c.revealedProperty().get(), 0xffffffff);
        WritableImage image = new WritableImage(strip.columns(), height);
        image.getPixelWriter().setPixels(0, 0, strip.columns(), height, PixelFormat.getIntArgbPreInstance(), pixels, 0,
                strip.columns());
        view.setImage(image);
    }

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        view.relocate(x, y);
        view.setFitWidth(w);
        view.setFitHeight(h);
    }

    @Override
    protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
        return 70 + top + bottom;
    }

    @Override
    protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
        return 600 + left + right;
    }
}
