package org.flattenexplorer.ui.hidden;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.SkinBase;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.util.Duration;
import org.flattenexplorer.inspect.DivergingColorMap;
import org.flattenexplorer.inspect.EncodedReview;

/**
 * Draws a {@link HiddenStateHeatmap}: the cells as one U x T WritableImage filled from an int[] through a
 * PixelWriter (about a millisecond for 500 x 128) and scaled without smoothing; a gutter column (dark = word,
 * light = padding) and a Canvas overlay for the outlined and cursor rows and max-pooling source dots.
 */
public class HiddenStateHeatmapSkin extends SkinBase<HiddenStateHeatmap> {
    static final double GUTTER = 8;

    private final ImageView cells = new ImageView();
    private final ImageView gutter = new ImageView();
    private final Canvas overlay = new Canvas();
    private final Tooltip tooltip = new Tooltip();
    private WritableImage image;

    public HiddenStateHeatmapSkin(HiddenStateHeatmap control) {
        super(control);
        cells.setSmooth(false);
        cells.setPreserveRatio(false);
        gutter.setSmooth(false);
        gutter.setPreserveRatio(false);
        overlay.setMouseTransparent(true);
        getChildren().addAll(gutter, cells, overlay);
        tooltip.textProperty().bind(control.hoverTextProperty());
        tooltip.setShowDelay(Duration.millis(80));
        Tooltip.install(cells, tooltip);
        cells.setOnMouseMoved(e -> control.hover(rowAt(e.getY()), columnAt(e.getX())));
        cells.setOnMouseExited(e -> control.hover(-1, -1));
        registerChangeListener(control.valuesProperty(), o -> redraw());
        registerChangeListener(control.maxAbsProperty(), o -> redraw());
        registerChangeListener(control.outlinedRowProperty(), o -> drawOverlay());
        registerChangeListener(control.cursorRowProperty(), o -> drawOverlay());
        registerChangeListener(control.framedFromProperty(), o -> drawOverlay());
        registerChangeListener(control.framedToProperty(), o -> drawOverlay());
        registerChangeListener(control.sourceStepsProperty(), o -> drawOverlay());
        redraw();
    }

    /** The time step under a y coordinate of the cells, -1 outside. */
    int rowAt(double y) {
        float[][] v = getSkinnable().getValues();
        if (v == null || v.length == 0 || cells.getFitHeight() <= 0) {
            return -1;
        }
        int t = (int) Math.floor(y / cells.getFitHeight() * v.length);
        return t >= 0 && t < v.length ? t : -1;
    }

    int columnAt(double x) {
        float[][] v = getSkinnable().getValues();
        if (v == null || v.length == 0 || cells.getFitWidth() <= 0) {
            return -1;
        }
        int u = (int) Math.floor(x / cells.getFitWidth() * v[0].length);
        return u >= 0 && u < v[0].length ? u : -1;
    }

    /** The image the cells are drawn from, one pixel per cell (for tests and snapshots). */
    public WritableImage image() {
        return image;
    }

    private void redraw() {
        HiddenStateHeatmap c = getSkinnable();
        float[][] v = c.getValues();
        if (v == null || v.length == 0) {
            cells.setImage(null);
            gutter.setImage(null);
            return;
        }
        int rows = v.length;
        int columns = v[0].length;
        if (image == null || (int) image.getWidth() != columns || (int) image.getHeight() != rows) {
            image = new WritableImage(columns, rows);
        }
        image.getPixelWriter().setPixels(0, 0, columns, rows, PixelFormat.getIntArgbPreInstance(),
                DivergingColorMap.pixels(v, c.getMaxAbs()), 0, columns);
        cells.setImage(image);
        gutter.setImage(gutterImage(c.getReview(), rows));
        drawOverlay();
    }

    private static WritableImage gutterImage(EncodedReview review, int rows) {
        int[] pixels = new int[rows];
        for (int t = 0; t < rows; t++) {
            pixels[t] = review != null && t < review.length() && review.padding()[t] ? DivergingColorMap.PADDING_ROW : DivergingColorMap.WORD_ROW;
        }
        WritableImage g = new WritableImage(1, rows);
        g.getPixelWriter().setPixels(0, 0, 1, rows, PixelFormat.getIntArgbPreInstance(), pixels, 0, 1);
        return g;
    }

    private void drawOverlay() {
        double w = overlay.getWidth();
        double h = overlay.getHeight();
        GraphicsContext g = overlay.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        float[][] v = getSkinnable().getValues();
        if (v == null || v.length == 0) {
            return;
        }
        double rowH = cells.getFitHeight() / v.length;
        double cellW = cells.getFitWidth() / v[0].length;
        int outlined = getSkinnable().getOutlinedRow();
        if (outlined >= 0 && outlined < v.length) {
            g.setStroke(Color.web("#00a000"));
            g.setLineWidth(2);
            int[] columns = getSkinnable().getOutlinedColumns();
            int first = columns[0];
            int last = Math.min(v[0].length - 1, columns[1]);
            double x = first == 0 ? GUTTER + 1 : GUTTER + first * cellW;
            double right = last == v[0].length - 1 ? w - 1 : GUTTER + (last + 1) * cellW;
            g.strokeRect(x, Math.max(1, outlined * rowH - 2), right - x, Math.max(rowH, 1) + 4);
        }
        int from = getSkinnable().framedFromProperty().get();
        int to = Math.min(v.length - 1, getSkinnable().framedToProperty().get());
        if (from >= 0 && to >= from) {
            // thick and bright enough to see from the back of a room
            g.setStroke(Color.web("#ff9f00"));
            g.setLineWidth(4);
            g.strokeRect(2, Math.max(2, from * rowH), w - 4, Math.max(4, (to - from + 1) * rowH - 2));
        }
        int cursor = getSkinnable().getCursorRow();
        if (cursor >= 0 && cursor < v.length) {
            g.setStroke(Color.BLACK);
            g.setLineWidth(1.5);
            g.strokeRect(GUTTER, cursor * rowH, w - GUTTER, Math.max(rowH, 1.5));
        }
        int[] source = getSkinnable().getSourceSteps();
        if (source != null) {
            g.setFill(Color.BLACK);
            for (int u = 0; u < source.length && u < v[0].length; u++) {
                if (source[u] >= 0) {
                    g.fillOval(GUTTER + (u + 0.5) * cellW - 2, (source[u] + 0.5) * rowH - 2, 4, 4);
                }
            }
        }
    }

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        gutter.relocate(x, y);
        gutter.setFitWidth(GUTTER - 2);
        gutter.setFitHeight(h);
        cells.relocate(x + GUTTER, y);
        cells.setFitWidth(Math.max(1, w - GUTTER));
        cells.setFitHeight(Math.max(1, h));
        overlay.relocate(x, y);
        overlay.setWidth(w);
        overlay.setHeight(h);
        drawOverlay();
    }

    @Override
    protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
        return GUTTER + 256 + left + right;
    }

    @Override
    protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
        return 500 + top + bottom;
    }
}
