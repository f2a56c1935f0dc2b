package org.flattenexplorer.ui.view;

import java.io.File;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.flattenexplorer.keras.SequenceStates;
import org.flattenexplorer.ui.hidden.HiddenStateHeatmap;
import org.flattenexplorer.ui.viewmodel.KerasModelViewModel;

/**
 * For a Keras model that reads numbers: a button to open a .npy or CSV file of its sequences, the sequence number,
 * and the chosen sequence's hidden states as a heatmap (rows = time steps, masked steps light in the gutter, the
 * state a last-state layer passes on outlined) with what the model outputs. Controls only: the file is read and the
 * states computed by {@link KerasModelViewModel}.
 */
public final class KerasSequencesPane extends VBox {
    private final KerasModelViewModel vm;
    private final Spinner<Integer> index = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 0, 0));
    private final HiddenStateHeatmap heatmap = new HiddenStateHeatmap();

    public KerasSequencesPane(KerasModelViewModel vm, Supplier<Window> owner) {
        super(6);
        this.vm = vm;
        setPadding(new Insets(6, 0, 0, 0));
        Button open = new Button("Open sequences (.npy or CSV)...");
        open.setId("openSequences");
        open.setOnAction(e -> choose(owner.get()));
        open.disableProperty().bind(vm.readingProperty());
        index.setId("sequenceIndex");
        index.setEditable(true);
        index.setPrefWidth(100);
        index.disableProperty().bind(vm.sequenceCountProperty().lessThan(2));
        Label count = new Label();
        count.textProperty().bind(vm.sequenceCountProperty().asString("of %d (from 0)"));
        HBox bar = new HBox(8, open, new Label("Sequence"), index, count);
        bar.setAlignment(Pos.CENTER_LEFT);
        Label text = new Label("This model reads numbers: open a NumPy .npy file (shape (n, T, F)) or a CSV file "
                + "(one sequence a row, T x F numbers time step by time step) to see a sequence's hidden states.");
        text.setId("sequenceText");
        text.setWrapText(true);
        text.textProperty().bind(javafx.beans.binding.Bindings.when(vm.sequenceTextProperty().isEmpty())
                .then(text.getText()).otherwise(vm.sequenceTextProperty()));
        Label problem = new Label();
        problem.setId("sequencesProblem");
        problem.setWrapText(true);
        problem.setStyle("-fx-text-fill: #b2182b;");
        problem.textProperty().bind(vm.sequencesProblemProperty());
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        heatmap.setId("sequenceStates");
        heatmap.setPrefSize(560, 240);
        heatmap.quantityProperty().set("h");
        Label hover = new Label();
        hover.textProperty().bind(heatmap.hoverTextProperty());
        VBox.setVgrow(heatmap, Priority.ALWAYS);
        getChildren().addAll(bar, problem, text, heatmap, hover);
        vm.sequenceCountProperty().addListener((o, was, n) -> {
            ((SpinnerValueFactory.IntegerSpinnerValueFactory) index.getValueFactory()).setMax(Math.max(0, n.intValue() - 1));
        });
        vm.sequenceProperty().addListener((o, was, states) -> show(states));
        index.valueProperty().addListener((o, was, i) -> {
            if (i != null) {
                vm.showSequence(i);
            }
        });
        show(vm.sequenceProperty().get());
    }

    private void choose(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Sequences for the model: a .npy file (numpy.save) or a CSV file, one sequence a row");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("NumPy arrays and CSV files", "*.npy",
                "*.csv", "*.txt", "*.tsv"), new FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(owner);
        if (file != null) {
            vm.openSequences(file.toPath());
        }
    }

    private void show(SequenceStates states) {
        if (states == null) {
            heatmap.valuesProperty().set(null);
            return;
        }
        heatmap.reviewProperty().set(KerasModelViewModel.steps(states));
        heatmap.maxAbsProperty().set(states.maxAbs());
        heatmap.outlinedRowProperty().set(states.readRow());
        heatmap.sourceStepsProperty().set(null);
        heatmap.valuesProperty().set(states.states());
        if (index.getValue() == null || index.getValue() != states.index()) {
            index.getValueFactory().setValue(states.index());
        }
    }

    public HiddenStateHeatmap heatmap() {
        return heatmap;
    }

    public Spinner<Integer> index() {
        return index;
    }
}
