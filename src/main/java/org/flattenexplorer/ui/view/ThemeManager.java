package org.flattenexplorer.ui.view;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Font-size steps, full screen and the projector mode (large fonts, high contrast, thick lines; it turns full
 * screen on, and works in a window too) for the whole window, charts included: charts register a callback and
 * restyle themselves.
 */
public final class ThemeManager {
    public static final double[] FONT_STEPS = {11, 12, 13, 14, 16, 18, 20, 24, 28, 32};
    public static final int NORMAL_STEP = 2;
    public static final int PROJECTOR_STEP = 6;
    private static final String HIGH_CONTRAST = ThemeManager.class.getResource(
            "/org/flattenexplorer/ui/high-contrast.css").toExternalForm();
    private static final String BASE = ThemeManager.class.getResource(
            "/org/flattenexplorer/ui/explorer.css").toExternalForm();

    private final ReadOnlyDoubleWrapper fontSize = new ReadOnlyDoubleWrapper(FONT_STEPS[NORMAL_STEP]);
    private final BooleanProperty projector = new SimpleBooleanProperty(false);
    private final BooleanProperty fullScreen = new SimpleBooleanProperty(false);
    private final List<Runnable> chartCallbacks = new ArrayList<>();
    private int step = NORMAL_STEP;
    private Scene scene;
    private Stage stage;

    public ThemeManager() {
        projector.addListener((o, was, on) -> {
            step = on ? Math.max(step, PROJECTOR_STEP) : NORMAL_STEP;
            fullScreen.set(on);
            applyAll();
        });
        fullScreen.addListener((o, was, on) -> {
            if (stage != null && stage.isFullScreen() != on) {
                stage.setFullScreen(on);
            }
        });
    }

    public void attach(Scene scene, Stage stage) {
        this.scene = scene;
        this.stage = stage;
        // The window manager (or Esc on some systems) may leave full screen by itself.
        stage.fullScreenProperty().addListener((o, was, on) -> fullScreen.set(on));
        scene.getStylesheets().add(BASE);
        applyAll();
    }

    public void larger() {
        step = Math.min(FONT_STEPS.length - 1, step + 1);
        applyAll();
    }

    public void smaller() {
        step = Math.max(0, step - 1);
        applyAll();
    }

    public void normalSize() {
        step = projector.get() ? PROJECTOR_STEP : NORMAL_STEP;
        applyAll();
    }

    public void onChange(Runnable chartRestyle) {
        chartCallbacks.add(chartRestyle);
        chartRestyle.run();
    }

    public boolean highContrast() {
        return projector.get();
    }

    private void applyAll() {
        fontSize.set(FONT_STEPS[step]);
        if (scene != null) {
            scene.getRoot().setStyle(String.format(java.util.Locale.ROOT, "-fx-font-size: %.0fpx;", fontSize.get()));
            if (projector.get() && !scene.getStylesheets().contains(HIGH_CONTRAST)) {
                scene.getStylesheets().add(HIGH_CONTRAST);
            } else if (!projector.get()) {
                scene.getStylesheets().remove(HIGH_CONTRAST);
            }
        }
        chartCallbacks.forEach(Runnable::run);
    }

    public ReadOnlyDoubleProperty fontSizeProperty() {
        return fontSize.getReadOnlyProperty();
    }

    public BooleanProperty projectorProperty() {
        return projector;
    }

    public BooleanProperty fullScreenProperty() {
        return fullScreen;
    }

    /** Chart line width: thick enough to read from the back of a room in projector mode. */
    public float lineWidth() {
        return projector.get() ? 4.5f : 2f;
    }
}
