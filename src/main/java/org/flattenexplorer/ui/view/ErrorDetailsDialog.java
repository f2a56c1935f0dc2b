package org.flattenexplorer.ui.view;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * A failure in full, on demand: the sentence that names what happened and what to do, wrapped, and below it
 * the details (every damaged run folder, or the technical cause chain) in a text area that can be copied into
 * a bug report. Views open it from a "Details..." link next to their one-line message.
 */
public final class ErrorDetailsDialog {
    /** The button that retries what failed (e.g. saving a trained run again), when there is something to retry. */
    public static final ButtonType RETRY = new ButtonType("Save again", ButtonBar.ButtonData.OTHER);

    private ErrorDetailsDialog() {}

    /** The dialog, not shown yet; {@code retry} null when there is nothing to retry. */
    public static Alert create(String title, String message, String details, Runnable retry) {
        Alert alert = retry == null ? new Alert(Alert.AlertType.ERROR, "", ButtonType.CLOSE)
                : new Alert(Alert.AlertType.ERROR, "", RETRY, ButtonType.CLOSE);
        alert.setTitle(title);
        alert.setHeaderText(title);
        Label text = new Label(message);
        text.setId("errorMessage");
        text.setWrapText(true);
        text.setMaxWidth(640);
        VBox content = new VBox(8, text);
        if (details != null && !details.isBlank()) {
            TextArea area = new TextArea(details.strip());
            area.setId("errorDetails");
            area.setEditable(false);
            area.setWrapText(true);
            area.setPrefRowCount(Math.min(14, (int) details.lines().count() + 1));
            VBox.setVgrow(area, Priority.ALWAYS);
            content.getChildren().add(area);
        }
        alert.getDialogPane().setContent(content);
        alert.getDialogPane().setPrefWidth(680);
        alert.setResizable(true);
        if (retry != null) {
            alert.resultProperty().addListener((o, was, button) -> {
                if (button == RETRY) {
                    retry.run();
                }
            });
        }
        return alert;
    }

    public static void show(Window owner, String title, String message, String details, Runnable retry) {
        Alert alert = create(title, message, details, retry);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.show();
    }

    /** A "Details..." link, shown only while {@code visibleWhen} holds. */
    public static Hyperlink link(String id, javafx.beans.value.ObservableBooleanValue visibleWhen, Runnable open) {
        Hyperlink link = new Hyperlink("Details...");
        link.setId(id);
        link.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        link.visibleProperty().bind(visibleWhen);
        link.managedProperty().bind(link.visibleProperty());
        link.setOnAction(e -> open.run());
        return link;
    }
}
