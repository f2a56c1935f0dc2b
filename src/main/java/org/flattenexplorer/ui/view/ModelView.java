package org.flattenexplorer.ui.view;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;
import org.flattenexplorer.ui.viewmodel.ArchitectureViewModel;

/**
 * The "Model" tab: the Keras summary and the layer diagram of the spec in the architecture panel, at the full
 * width of the window, for the room to read (the lesson opens here); what is invalid or a no-op, said in place.
 */
public final class ModelView extends ScrollPane {

    public ModelView(ArchitectureViewModel vm) {
        Label summaryTitle = new Label("Keras summary");
        summaryTitle.getStyleClass().add("section-title");
        SummaryTable summary = new SummaryTable(vm, "modelSummaryTable");
        summary.setMaxWidth(900);
        Label diagramTitle = new Label("Layers and the shapes between them");
        diagramTitle.getStyleClass().add("section-title");
        DiagramView diagram = new DiagramView(vm);
        diagram.setId("modelDiagram");
        diagram.prefWrapLengthProperty().bind(widthProperty().subtract(40));
        Label invalid = wrapping("invalid-reason");
        invalid.textProperty().bind(vm.invalidReasonProperty());
        ArchitectureView.showOnlyWhenText(invalid);
        Label note = wrapping("note");
        note.textProperty().bind(vm.noteProperty());
        ArchitectureView.showOnlyWhenText(note);
        VBox content = new VBox(10, summaryTitle, summary, diagramTitle, diagram, invalid, note);
        content.setPadding(new Insets(12));
        setContent(content);
        setFitToWidth(true);
        setId("modelView");
    }

    private static Label wrapping(String style) {
        Label label = new Label();
        label.getStyleClass().add(style);
        label.setWrapText(true);
        label.setMaxWidth(900);
        label.setMinHeight(USE_PREF_SIZE);
        return label;
    }
}
