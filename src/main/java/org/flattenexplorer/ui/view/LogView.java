package org.flattenexplorer.ui.view;

import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.flattenexplorer.ui.viewmodel.TrainingViewModel;

/** The Keras-style log, following its newest line. */
public final class LogView extends VBox {

    public LogView(TrainingViewModel vm) {
        ListView<String> list = new ListView<>(vm.log());
        list.setId("log");
        list.getStyleClass().add("log");
        Label placeholder = new Label("Keras-style progress appears here while a run trains");
        placeholder.setWrapText(true);
        list.setPlaceholder(placeholder);
        vm.log().addListener((ListChangeListener<String>) c -> {
            boolean added = false;
            while (c.next()) {
                added |= c.wasAdded() && !c.wasReplaced();
            }
            if (added) { // a progress line redrawn in place needs no scrolling (and no extra layout pass)
                // after the new row is laid out, or the newest line stays just below the view
                javafx.application.Platform.runLater(() -> {
                    if (!vm.log().isEmpty()) {
                        list.scrollTo(vm.log().size() - 1);
                    }
                });
            }
        });
        Label title = new Label("Log");
        title.getStyleClass().add("section-title");
        getChildren().addAll(title, list);
        VBox.setVgrow(list, Priority.ALWAYS);
        setSpacing(4);
    }
}
