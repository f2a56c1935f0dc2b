package org.flattenexplorer.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;

/**
 * What a person at a small screen would notice, read off the laid-out scene: a control that lies (partly) off
 * the window, or a label cut to "..." without a tooltip that shows all of it.
 */
final class ScreenFit {
    private ScreenFit() {}

    /** Every node with one of the ids must be shown, with some size, entirely inside the scene. */
    static List<String> offScreen(Scene scene, List<String> ids) {
        List<String> problems = new ArrayList<>();
        for (String id : ids) {
            Node node = scene.lookup("#" + id);
            if (node == null || !shown(node)) {
                problems.add(id + " is not shown");
                continue;
            }
            Bounds b = node.localToScene(node.getBoundsInLocal());
            if (b.getWidth() < 4 || b.getHeight() < 4) {
                problems.add(id + " has no room (" + (int) b.getWidth() + " x " + (int) b.getHeight() + ")");
            } else if (b.getMinX() < -1 || b.getMinY() < -1 || b.getMaxX() > scene.getWidth() + 1
                    || b.getMaxY() > scene.getHeight() + 1) {
                problems.add(id + " lies outside the " + (int) scene.getWidth() + " x " + (int) scene.getHeight()
                        + " window: " + (int) b.getMinX() + "," + (int) b.getMinY() + " to " + (int) b.getMaxX()
                        + "," + (int) b.getMaxY());
            }
        }
        return problems;
    }

    /** Labels, buttons, table cells and headers whose text is shortened on screen and has no full-text tooltip. */
    static List<String> truncated(Scene scene) {
        List<String> problems = new ArrayList<>();
        walk(scene.getRoot(), problems);
        return problems;
    }

    private static void walk(Node node, List<String> problems) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isBlank()) {
            String shown = shownText(labeled);
            Tooltip tip = labeled.getTooltip();
            boolean explained = tip != null && tip.getText() != null && tip.getText().contains(labeled.getText().strip());
            if (shown != null && !shown.equals(labeled.getText()) && !explained) {
                problems.add("'" + labeled.getText() + "' shows as '" + shown + "' (" + describe(labeled) + ")");
            }
        }
        // a wrapped text in a table cell is cut at the bottom when its row is shorter than the wrapped lines
        if (node instanceof Labeled label && label.isWrapText() && label.getParent() instanceof IndexedCell<?> cell
                && label.getText() != null && !label.getText().isBlank()
                && cell.getHeight() + 1 < label.prefHeight(label.getWidth())) {
            problems.add("'" + label.getText() + "' is cut at the bottom of its row (" + describe(cell) + ")");
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                walk(child, problems);
            }
        }
    }

    private static String shownText(Labeled labeled) {
        for (Node child : labeled.getChildrenUnmodifiable()) {
            if (child instanceof Text text && child.isVisible()) {
                return text.getText();
            }
        }
        return null;
    }

    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }

    private static String describe(Node node) {
        StringBuilder path = new StringBuilder();
        for (Node n = node; n != null && path.length() < 200; n = n.getParent()) {
            if (n.getId() != null) {
                return path.append('#').append(n.getId()).toString();
            }
            if (path.isEmpty()) {
                path.append(n.getClass().getSimpleName()).append(" in ");
            }
        }
        return path.append("?").toString();
    }
}
