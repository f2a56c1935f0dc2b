package org.flattenexplorer.ui.view;

import java.util.function.Supplier;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.flattenexplorer.ui.viewmodel.DataViewModel;

/**
 * Where the reviews come from: the folder or file in use and its counts, or the choices when there is none; the
 * questions a reviews file raises (columns, labels, bad rows) are asked from here.
 */
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

        DataChoices choices = new DataChoices(vm, owner);
        javafx.scene.control.Button columns = new javafx.scene.control.Button("Columns...");
        columns.setId("changeColumns");
        columns.setOnAction(e -> vm.changeColumns());
        // shown while a reviews file is in use: its text and label columns can be changed
        columns.visibleProperty().bind(vm.usesFileProperty());
        columns.managedProperty().bind(columns.visibleProperty());
        ReviewsFileQuestions.attach(vm, owner);
        VBox content = new VBox(5, source, counts, message, columns, choices.buttons(), choices.downloadBox());
        setText("Data");
        setContent(content);
        setCollapsible(true);
        textProperty().bind(vm.hasDataProperty().map(has -> has ? "Data" : "Data: none found"));
        HBox.setHgrow(this, javafx.scene.layout.Priority.ALWAYS);
    }

    /** File > Open reviews...: a CSV/TSV file of labelled texts, chosen in a file dialog. */
    public static void openReviewsFile(DataViewModel vm, Window owner) {
        DataChoices.openReviewsFile(vm, owner);
    }
}
