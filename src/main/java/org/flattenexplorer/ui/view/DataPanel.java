package org.flattenexplorer.ui.view;

import java.io.File;
import java.util.function.Supplier;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.flattenexplorer.ui.viewmodel.DataViewModel;

/** Where the reviews come from: the folder in use and its counts, or the choices when there is none. */
public final class DataPanel extends TitledPane {

    public DataPanel(DataViewModel vm, Supplier<Window> owner) {
        Label source = new Label();
        source.setId("dataSource");
        source.setWrapText(true);
        source.textProperty().bind(vm.sourceProperty());
        Label counts = new Label();
        counts.setId("dataCounts");
        counts.getStyleClass().add("muted");
        counts.setWrapText(true);
        counts.textProperty().bind(vm.countsProperty());
        ArchitectureView.showOnlyWhenText(counts);
        Label message = new Label();
        message.setId("dataMessage");
        message.getStyleClass().add("note");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        ArchitectureView.showOnlyWhenText(message);

        Button pick = new Button("Choose aclImdb folder...");
        pick.setId("chooseData");
        pick.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("The aclImdb folder (or the folder that holds it)");
            File folder = chooser.showDialog(owner.get());
            if (folder != null) {
                vm.chooseFolder(folder.toPath());
            }
        });
        Button synthetic = new Button("Use synthetic reviews");
        synthetic.setId("useSynthetic");
        synthetic.setOnAction(e -> vm.useSynthetic());
        Button download = new Button("Download IMDB (84 MB)");
        download.setId("download");
        download.disableProperty().bind(vm.downloadingProperty());
        Button cancel = new Button("Cancel download");
        cancel.setOnAction(e -> vm.cancelDownload());
        cancel.visibleProperty().bind(vm.downloadingProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        download.setOnAction(e -> vm.download());

        ProgressBar progress = new ProgressBar();
        progress.setId("downloadProgress");
        progress.progressProperty().bind(vm.downloadProgressProperty());
        progress.setMaxWidth(Double.MAX_VALUE);
        Label progressText = new Label();
        progressText.textProperty().bind(vm.downloadTextProperty());
        progressText.getStyleClass().add("muted");
        VBox downloadBox = new VBox(2, progress, progressText);
        downloadBox.visibleProperty().bind(vm.downloadingProperty().or(progressText.textProperty().isNotEmpty()));
        downloadBox.managedProperty().bind(downloadBox.visibleProperty());
        progress.visibleProperty().bind(vm.downloadingProperty());
        progress.managedProperty().bind(progress.visibleProperty());

        FlowPane buttons = new FlowPane(6, 6, pick, synthetic, download, cancel);
        VBox content = new VBox(5, source, counts, message, buttons, downloadBox);
        setText("Data");
        setContent(content);
        setCollapsible(true);
        textProperty().bind(vm.hasDataProperty().map(has -> has ? "Data" : "Data: none found"));
        HBox.setHgrow(this, javafx.scene.layout.Priority.ALWAYS);
    }
}
