package org.flattenexplorer.ui.view;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.IntBuffer;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.flattenexplorer.charts.ChartPainter;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.event.ChartChangeEvent;
import org.jfree.chart.event.ChartChangeListener;

/**
 * A chart that redraws while a run trains: JFreeChart draws it with Java2D into an image, which the window shows.
 * JFreeChart's own viewer draws through JavaFX's canvas instead, and with software rendering (a projector laptop
 * or a virtual machine without a GPU) one redraw of the loss chart took ~30 ms on the UI thread plus ~35 ms to
 * paint; Java2D draws it in 4-15 ms, and JavaFX shows the pixels as they are ({@link PixelBuffer}). Hovering a point
 * shows its value (the chart's tooltips); a click gives the keyboard focus, so Ctrl+S exports the chart the user
 * points at.
 */
public final class ChartView extends Region implements ChartChangeListener {
    private JFreeChart chart; // null: nothing to show yet
    private final ImageView view = new ImageView();
    private final Tooltip tooltip = new Tooltip();
    private ChartRenderingInfo info = new ChartRenderingInfo();
    private BufferedImage buffer;
    private PixelBuffer<IntBuffer> pixels; // the image's own memory: JavaFX reads what Java2D drew, no copy
    private double drawnWidth;
    private double drawnHeight;
    private double drawnScale;
    private int redraws;

    public ChartView(JFreeChart chart, String id) {
        setId(id);
        getChildren().add(view);
        setFocusTraversable(true);
        setMinSize(200, 150);
        setPrefSize(480, 300);
        tooltip.setShowDelay(Duration.millis(300));
        addEventFilter(MouseEvent.MOUSE_PRESSED, e -> requestFocus());
        addEventHandler(MouseEvent.MOUSE_MOVED, this::showTooltip);
        focusedProperty().addListener((o, was, now) -> setStyle(border(now)));
        setStyle(border(false));
        setChart(chart);
    }

    private static String border(boolean focused) {
        return focused ? "-fx-border-color: -fx-focus-color; -fx-border-width: 2;"
                : "-fx-border-color: transparent; -fx-border-width: 2;";
    }

    public JFreeChart getChart() {
        return chart;
    }

    /** Shows another chart (or none) in the same view, e.g. the next review's contributions. */
    public void setChart(JFreeChart next) {
        if (chart != null) {
            chart.removeChangeListener(this);
        }
        chart = next;
        if (next != null) {
            next.addChangeListener(this);
        }
        draw();
    }

    /** How many times the chart has been drawn (tests: a change draws it). */
    int redraws() {
        return redraws;
    }

    /** Where the last drawing put the chart's parts (tests: its tooltips). */
    ChartRenderingInfo renderingInfo() {
        return info;
    }

    @Override
    public void chartChanged(ChartChangeEvent event) {
        draw();
    }

    @Override
    protected void layoutChildren() {
        view.relocate(snappedLeftInset(), snappedTopInset());
        if (innerWidth() != drawnWidth || innerHeight() != drawnHeight || outputScale() != drawnScale) {
            draw();
        }
    }

    private double innerWidth() {
        return getWidth() - snappedLeftInset() - snappedRightInset();
    }

    private double innerHeight() {
        return getHeight() - snappedTopInset() - snappedBottomInset();
    }

    private double outputScale() {
        return getScene() == null || getScene().getWindow() == null ? 1 : getScene().getWindow().getOutputScaleX();
    }

    private void draw() {
        double width = innerWidth();
        double height = innerHeight();
        double scale = outputScale();
        drawnWidth = width;
        drawnHeight = height;
        drawnScale = scale;
        int pw = (int) Math.ceil(width * scale);
        int ph = (int) Math.ceil(height * scale);
        if (pw <= 0 || ph <= 0) {
            return;
        }
        if (buffer == null || buffer.getWidth() != pw || buffer.getHeight() != ph) {
            buffer = new BufferedImage(pw, ph, BufferedImage.TYPE_INT_ARGB_PRE);
            int[] data = ((DataBufferInt) buffer.getRaster().getDataBuffer()).getData();
            pixels = new PixelBuffer<>(pw, ph, IntBuffer.wrap(data), PixelFormat.getIntArgbPreInstance());
            view.setImage(new WritableImage(pixels));
        }
        // JavaFX reads the buffer while it renders: it is written only inside updateBuffer, as PixelBuffer asks
        pixels.updateBuffer(b -> {
            info = ChartPainter.paint(chart, buffer, width, height, scale);
            return null; // all of it changed
        });
        view.setFitWidth(width);
        view.setFitHeight(height);
        redraws++;
    }

    private void showTooltip(MouseEvent e) {
        ChartEntity entity = info.getEntityCollection() == null ? null
                : info.getEntityCollection().getEntity(e.getX() - snappedLeftInset(), e.getY() - snappedTopInset());
        String text = entity == null ? null : entity.getToolTipText();
        if (text == null) {
            Tooltip.uninstall(this, tooltip);
        } else {
            tooltip.setText(text);
            Tooltip.install(this, tooltip);
        }
    }
}
