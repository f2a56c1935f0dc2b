package org.flattenexplorer.ui.view;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.flattenexplorer.ui.viewmodel.ArchitectureViewModel;
import org.flattenexplorer.ui.viewmodel.DataViewModel;
import org.flattenexplorer.ui.viewmodel.TrainingViewModel;

/** Train and Stop, the progress bar (epoch and batch) and what the run is doing. */
public final class TrainingBar extends HBox {
    private final Button train = new Button("Train");
    private final Button stop = new Button("Stop");

    public TrainingBar(ArchitectureViewModel arch, TrainingViewModel training, DataViewModel data) {
        train.setId("trainButton");
        train.getStyleClass().add("train-button");
        train.setDefaultButton(false);
        train.setOnAction(e -> training.train(arch.spec()));
        stop.setId("stopButton");
        stop.setOnAction(e -> training.stop());
        stop.disableProperty().bind(training.runningProperty().not());
        stop.setTooltip(new Tooltip("Stop after the current batch and keep what was learnt (Esc)"));

        StringBinding reason = Bindings.createStringBinding(() -> {
            if (training.runningProperty().get()) {
                return "A run is in progress: wait for it or press Stop (Esc)";
            }
            if (!arch.validProperty().get()) {
                return arch.invalidReasonProperty().get();
            }
            if (!data.hasDataProperty().get()) {
                return "No data yet: choose an aclImdb folder, download it, or use the synthetic reviews (Data panel)";
            }
            return "";
        }, training.runningProperty(), arch.validProperty(), arch.invalidReasonProperty(), data.hasDataProperty());
        train.disableProperty().bind(reason.isNotEmpty());
        Tooltip tip = new Tooltip();
        tip.setWrapText(true);
        tip.setMaxWidth(480);
        tip.textProperty().bind(Bindings.when(reason.isEmpty())
                .then("Train this architecture (Ctrl+Enter)").otherwise(reason));
        train.setTooltip(tip);
        // A disabled button shows no tooltip: its wrapper shows the reason instead.
        StackPane trainWrapper = new StackPane(train);
        Tooltip.install(trainWrapper, tip);

        ProgressBar progress = new ProgressBar();
        progress.setId("progressBar");
        progress.progressProperty().bind(training.progressProperty());
        progress.setPrefWidth(260);
        progress.setMinWidth(120);
        Label text = new Label();
        text.setId("progressText");
        text.textProperty().bind(training.progressTextProperty());
        // A long failure wraps instead of squeezing Train and Stop; the tooltip and Details have all of it.
        text.setMaxWidth(Double.MAX_VALUE);
        text.setMinWidth(0);
        text.setWrapText(true);
        Tooltip full = new Tooltip();
        full.setWrapText(true);
        full.setMaxWidth(600);
        full.textProperty().bind(training.progressTextProperty());
        text.setTooltip(full);
        HBox.setHgrow(text, Priority.ALWAYS);
        train.setMinWidth(Region.USE_PREF_SIZE);
        stop.setMinWidth(Region.USE_PREF_SIZE);
        Label queued = new Label();
        queued.getStyleClass().add("muted");
        queued.setMinWidth(Region.USE_PREF_SIZE);
        queued.textProperty().bind(Bindings.when(training.queuedProperty().greaterThan(0))
                .then(Bindings.concat(training.queuedProperty().asString(), " more queued")).otherwise(""));

        Hyperlink details = ErrorDetailsDialog.link("failureDetails", training.failureProperty().isNotEmpty(),
                () -> ErrorDetailsDialog.show(getScene().getWindow(),
                        training.canSaveAgainProperty().get() ? "The run was not saved" : "Training failed",
                        training.failureProperty().get(), training.failureDetailsProperty().get(),
                        training.canSaveAgainProperty().get() ? training::saveAgain : null));

        getChildren().addAll(trainWrapper, stop, progress, text, details, queued);
        setSpacing(8);
        setAlignment(Pos.CENTER_LEFT);
        setStyle("-fx-padding: 4 6 4 6;");
    }

    public Button trainButton() {
        return train;
    }
}
