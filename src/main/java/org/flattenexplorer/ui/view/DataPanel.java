package org.flattenexplorer.ui.view;

import java.util.function.Supplier;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
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

        DataChoices choices = new DataChoices(vm, owner);
        VBox content = new VBox(5, source, counts, message, choices.buttons(), choices.downloadBox());
        setText("Data");
        setContent(content);
        setCollapsible(true);
        textProperty().bind(vm.hasDataProperty().map(has -> has ? "Data" : "Data: none found"));
        HBox.setHgrow(this, javafx.scene.layout.Priority.ALWAYS);
    }
}
