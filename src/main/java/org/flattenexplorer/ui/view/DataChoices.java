package org.flattenexplorer.ui.view;

import java.io.File;
import java.util.function.Supplier;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.flattenexplorer.ui.viewmodel.DataViewModel;

/**
 * The ways to get reviews (pick an aclImdb folder, open a CSV/TSV file of labelled texts, the synthetic set, the
 * official download with its progress and Cancel), shared by the data panel and the first-run welcome panel.
 */
final class DataChoices {
    private final FlowPane buttons;
    private final VBox downloadBox;

    DataChoices(DataViewModel vm, Supplier<Window> owner) {
        Button pick = new Button("aclImdb folder...");
        pick.setId("chooseData");
        pick.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("The aclImdb folder (or the folder that holds it)");
            File folder = chooser.showDialog(owner.get());
            if (folder != null) {
                vm.chooseFolder(folder.toPath());
            }
        });
        Button file = new Button("Open CSV/TSV...");
        file.setId("chooseReviewsFile");
        file.setOnAction(e -> openReviewsFile(vm, owner.get()));
        Button synthetic = new Button("Synthetic reviews");
        synthetic.setId("useSynthetic");
        synthetic.setOnAction(e -> vm.useSynthetic());
        Button download = new Button("Download (84 MB)");
        download.setId("download");
        download.disableProperty().bind(vm.downloadingProperty());
        download.setOnAction(e -> vm.download());
        Button cancel = new Button("Cancel download");
        cancel.setOnAction(e -> vm.cancelDownload());
        cancel.visibleProperty().bind(vm.downloadingProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());

        ProgressBar progress = new ProgressBar();
        progress.setId("downloadProgress");
        progress.progressProperty().bind(vm.downloadProgressProperty());
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.visibleProperty().bind(vm.downloadingProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Label progressText = new Label();
        progressText.textProperty().bind(vm.downloadTextProperty());
        progressText.getStyleClass().add("muted");
        progressText.setWrapText(true);
        downloadBox = new VBox(2, progress, progressText);
        downloadBox.visibleProperty().bind(vm.downloadingProperty().or(progressText.textProperty().isNotEmpty()));
        downloadBox.managedProperty().bind(downloadBox.visibleProperty());
        buttons = new FlowPane(6, 6, pick, file, synthetic, download, cancel);
    }

    /** File > Open reviews... and the data panel's button: a CSV/TSV file of labelled texts. */
    static void openReviewsFile(DataViewModel vm, Window owner) {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Your labelled texts: a CSV or TSV file with a header line (e.g. review,sentiment)");
        chooser.getExtensionFilters().addAll(
                new javafx.stage.FileChooser.ExtensionFilter("CSV and TSV files", "*.csv", "*.tsv", "*.tab", "*.txt"),
                new javafx.stage.FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(owner);
        if (file != null) {
            vm.chooseFile(file.toPath());
        }
    }

    FlowPane buttons() {
        return buttons;
    }

    VBox downloadBox() {
        return downloadBox;
    }
}
