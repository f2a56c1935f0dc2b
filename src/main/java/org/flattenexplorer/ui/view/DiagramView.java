package org.flattenexplorer.ui.view;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import org.flattenexplorer.ui.viewmodel.ArchitectureViewModel;
import org.flattenexplorer.ui.viewmodel.DiagramStep;

/**
 * The layers as boxes with the shape between each pair, wrapping to the panel's width:
 * {@code (None, 500, 128) -> [Flatten] -> (None, 64000) -> [Dense] -> (None, 1)}.
 */
public final class DiagramView extends FlowPane {

    public DiagramView(ArchitectureViewModel vm) {
        setId("diagram");
        setAlignment(Pos.CENTER_LEFT);
        setHgap(5);
        setVgap(6);
        setPrefWrapLength(340);
        vm.diagramProperty().addListener((o, was, steps) -> show(steps));
        show(vm.diagramProperty().get());
    }

    private void show(List<DiagramStep> steps) {
        getChildren().clear();
        for (DiagramStep step : steps) {
            if (!step.layer().isEmpty()) {
                Label box = new Label(step.layer() + (step.noOp() ? " (no-op)" : ""));
                box.getStyleClass().add("diagram-box");
                if (step.layer().equals("Flatten") || step.layer().startsWith("Global")) {
                    box.getStyleClass().add("head");
                }
                if (step.noOp()) {
                    box.getStyleClass().add("no-op");
                }
                getChildren().addAll(arrow(), box, arrow());
            }
            Label shape = new Label(step.shape());
            shape.getStyleClass().add("diagram-shape");
            getChildren().add(shape);
        }
        Tooltip.install(this, new Tooltip(DiagramStep.text(steps)));
    }

    private static Label arrow() {
        Label arrow = new Label("→");
        arrow.getStyleClass().add("diagram-arrow");
        return arrow;
    }
}
