package org.flattenexplorer.ui;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.Rectangle2D;
import org.flattenexplorer.ui.viewmodel.UiSettings;

/**
 * Where and how large the window opens: the remembered bounds when they still fit one of the screens, otherwise
 * the preferred size centred on the primary screen; never larger than the screen's visual bounds (a 1366 x 768
 * laptop or a 1280 x 720 projector must show the whole window, menus and Train included).
 */
public record WindowGeometry(double x, double y, double width, double height, boolean maximized) {
    /** What the window asks for on a large screen. */
    static final double PREFERRED_WIDTH = 1560;
    static final double PREFERRED_HEIGHT = 960;
    /** Below this the window would be unusable; a smaller remembered size is ignored. */
    static final double MIN_WIDTH = 800;
    static final double MIN_HEIGHT = 560;

    private static final String X = "window.x";
    private static final String Y = "window.y";
    private static final String WIDTH = "window.width";
    private static final String HEIGHT = "window.height";
    private static final String MAXIMIZED = "window.maximized";

    /**
     * @param screens the screens' visual bounds (without task bars), the primary one first
     */
    public static WindowGeometry place(Optional<WindowGeometry> remembered, List<Rectangle2D> screens) {
        if (screens.isEmpty()) {
            throw new IllegalArgumentException("no screen");
        }
        Rectangle2D primary = screens.get(0);
        if (remembered.isPresent()) {
            WindowGeometry r = remembered.get();
            Rectangle2D screen = screens.stream()
                    .max(Comparator.comparingDouble(s -> overlap(s, r)))
                    .filter(s -> overlap(s, r) > 0).orElse(primary);
            double w = Math.min(Math.max(r.width, MIN_WIDTH), screen.getWidth());
            double h = Math.min(Math.max(r.height, MIN_HEIGHT), screen.getHeight());
            double x = clamp(r.x, screen.getMinX(), screen.getMaxX() - w);
            double y = clamp(r.y, screen.getMinY(), screen.getMaxY() - h);
            return new WindowGeometry(x, y, w, h, r.maximized);
        }
        double w = Math.min(PREFERRED_WIDTH, primary.getWidth());
        double h = Math.min(PREFERRED_HEIGHT, primary.getHeight());
        return new WindowGeometry(primary.getMinX() + (primary.getWidth() - w) / 2,
                primary.getMinY() + (primary.getHeight() - h) / 2, w, h, false);
    }

    /** The bounds saved when the window last closed; empty when none or unreadable. */
    public static Optional<WindowGeometry> read(UiSettings settings) {
        try {
            Optional<String> w = settings.get(WIDTH);
            if (w.isEmpty()) {
                return Optional.empty();
            }
            WindowGeometry g = new WindowGeometry(number(settings, X), number(settings, Y), Double.parseDouble(w.get()),
                    number(settings, HEIGHT), settings.get(MAXIMIZED).orElse("false").equals("true"));
            boolean sane = Double.isFinite(g.x) && Double.isFinite(g.y) && g.width > 0 && g.height > 0;
            return sane ? Optional.of(g) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public void write(UiSettings settings) {
        settings.putAll(Map.of(X, format(x), Y, format(y), WIDTH, format(width), HEIGHT, format(height),
                MAXIMIZED, String.valueOf(maximized)));
    }

    private static double number(UiSettings settings, String key) {
        return Double.parseDouble(settings.get(key).orElseThrow(() -> new NumberFormatException(key)));
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static double overlap(Rectangle2D s, WindowGeometry r) {
        double w = Math.min(s.getMaxX(), r.x + r.width) - Math.max(s.getMinX(), r.x);
        double h = Math.min(s.getMaxY(), r.y + r.height) - Math.max(s.getMinY(), r.y);
        return w > 0 && h > 0 ? w * h : 0;
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(v, Math.max(min, max)));
    }
}
