package org.flattenexplorer.ui.view;

import javafx.beans.property.ObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.control.SegmentedButton;
import org.controlsfx.control.ToggleSwitch;
import org.flattenexplorer.data.Padding;
import org.flattenexplorer.model.Cell;
import org.flattenexplorer.ui.viewmodel.ArchitectureViewModel;
import org.flattenexplorer.ui.viewmodel.HeadChoice;

/** The architecture panel: every toggle, the live Keras-style summary, the layer diagram and what is wrong. */
public final class ArchitectureView extends VBox {

    public ArchitectureView(ArchitectureViewModel vm) {
        ToggleSwitch returnSequences = toggle("returnSequences", "return_sequences", vm.returnSequencesProperty());
        ComboBox<Cell> cell = new ComboBox<>();
        cell.setId("cell");
        cell.getItems().setAll(Cell.values());
        cell.setConverter(new StringConverter<>() {
            @Override
            public String toString(Cell c) {
                return c == null ? "" : c.kerasType();
            }

            @Override
            public Cell fromString(String s) {
                return Cell.fromCliName(s);
            }
        });
        cell.valueProperty().bindBidirectional(vm.cellProperty());
        cell.setTooltip(new Tooltip("The recurrent layer: LSTM, GRU (Keras's reset_after=True) or SimpleRNN."));
        ToggleSwitch bidirectional = toggle("bidirectional", "Bidirectional", vm.bidirectionalProperty());
        bidirectional.setTooltip(new Tooltip("Bidirectional(merge_mode='concat'): a second copy reads the review "
                + "backwards; each step's state is twice as wide."));
        ToggleSwitch goBackwards = toggle("goBackwards", "go_backwards", vm.goBackwardsProperty());
        goBackwards.setTooltip(new Tooltip("go_backwards=True: the layer reads the review from its last position to "
                + "its first, and returns the states in that order."));
        returnSequences.setTooltip(new Tooltip("On: the recurrent layer outputs its hidden state at every time step (None, T, U). "
                + "Off: only the last one (None, U)."));
        ToggleSwitch flatten = toggle("flatten", "Flatten", vm.flattenProperty());
        flatten.setTooltip(new Tooltip("Flatten the (None, T, U) sequence into one T*U vector for the Dense layer."));

        ComboBox<HeadChoice> head = new ComboBox<>();
        head.setId("headChoice");
        head.getItems().setAll(HeadChoice.values());
        head.setPromptText("no head");
        head.setValue(vm.headChoiceProperty().get());
        vm.headChoiceProperty().addListener((o, was, now) -> head.setValue(now));
        head.valueProperty().addListener((o, was, now) -> vm.chooseHead(now));

        ToggleGroup paddingGroup = new ToggleGroup();
        ToggleButton pre = paddingButton("pre", Padding.PRE, paddingGroup);
        ToggleButton post = paddingButton("post", Padding.POST, paddingGroup);
        SegmentedButton padding = new SegmentedButton(pre, post);
        padding.setId("padding");
        selectPadding(paddingGroup, vm.paddingProperty().get());
        vm.paddingProperty().addListener((o, was, now) -> selectPadding(paddingGroup, now));
        paddingGroup.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one of the two is always chosen
            } else {
                vm.paddingProperty().set((Padding) now.getUserData());
            }
        });

        CheckBox masking = new CheckBox("masking (mask_zero=True)");
        masking.setId("masking");
        masking.setMnemonicParsing(false);
        masking.setWrapText(true);
        head.setStyle("-fx-min-width: 12em;"); // the longest head, "Global average pooling", in full
        padding.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        masking.selectedProperty().bindBidirectional(vm.maskingProperty());

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(5);
        // Labels keep their width; the controls beside them give way when the panel is narrow.
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints controls = new javafx.scene.layout.ColumnConstraints();
        controls.setHgrow(javafx.scene.layout.Priority.SOMETIMES);
        grid.getColumnConstraints().setAll(labels, controls);
        int row = 0;
        grid.addRow(row++, new Label("Recurrent layer"), cell);
        grid.addRow(row++, new Label("Head"), head);
        grid.addRow(row++, new Label("Padding"), padding);
        grid.add(masking, 0, row++, 2, 1);
        grid.addRow(row++, new Label("maxlen"), intSpinner("maxlen", vm.maxlenProperty(), 1, 2000, 50));
        grid.addRow(row++, new Label("Embedding size"), intSpinner("embedding", vm.embeddingProperty(), 1, 1024, 8));
        grid.addRow(row++, new Label("Units"), intSpinner("units", vm.unitsProperty(), 1, 1024, 8));
        grid.addRow(row++, new Label("Epochs"), intSpinner("epochs", vm.epochsProperty(), 1, 500, 1));
        grid.addRow(row++, new Label("Learning rate"), lrSpinner(vm.learningRateProperty()));
        // up to what the data in use holds (the train folder, or a file less its test share)
        Spinner<Integer> trainSize = intSpinner("trainSize", vm.trainSizeProperty(), 2, 25000, 64);
        Spinner<Integer> valSize = intSpinner("valSize", vm.valSizeProperty(), 1, 25000, 50);
        ((SpinnerValueFactory.IntegerSpinnerValueFactory) trainSize.getValueFactory()).maxProperty().bind(vm.maxTrainSize());
        ((SpinnerValueFactory.IntegerSpinnerValueFactory) valSize.getValueFactory()).maxProperty().bind(vm.maxValSize());
        grid.addRow(row++, new Label("Training reviews"), trainSize);
        grid.addRow(row++, new Label("Validation reviews"), valSize);
        grid.addRow(row++, new Label("Seed"), intSpinner("seed", vm.seedProperty(), 0, 999_999_999, 1));

        Label invalid = new Label();
        invalid.setId("invalidReason");
        invalid.getStyleClass().add("invalid-reason");
        invalid.setWrapText(true);
        invalid.textProperty().bind(vm.invalidReasonProperty());
        showOnlyWhenText(invalid);
        Label note = new Label();
        note.setId("noOpNote");
        note.getStyleClass().add("note");
        note.setWrapText(true);
        note.textProperty().bind(vm.noteProperty());
        showOnlyWhenText(note);

        Label title = new Label("Architecture");
        title.getStyleClass().add("section-title");
        Label summaryTitle = new Label("Keras summary");
        summaryTitle.getStyleClass().add("section-title");
        Label diagramTitle = new Label("Layers");
        diagramTitle.getStyleClass().add("section-title");
        javafx.scene.layout.FlowPane switches = new javafx.scene.layout.FlowPane(16, 4, returnSequences, flatten,
                goBackwards, bidirectional);
        getChildren().addAll(title, switches, grid, invalid, note,
                summaryTitle, new SummaryTable(vm), diagramTitle, new DiagramView(vm));
        setSpacing(8);
        setPadding(new Insets(8));
    }

    private static ToggleSwitch toggle(String id, String text, javafx.beans.property.BooleanProperty property) {
        ToggleSwitch toggle = new ToggleSwitch(text);
        toggle.setId(id);
        toggle.selectedProperty().bindBidirectional(property);
        return toggle;
    }

    private static ToggleButton paddingButton(String text, Padding value, ToggleGroup group) {
        ToggleButton button = new ToggleButton(text);
        button.setId("padding-" + text);
        button.setUserData(value);
        button.setToggleGroup(group);
        return button;
    }

    private static void selectPadding(ToggleGroup group, Padding padding) {
        group.getToggles().stream().filter(t -> t.getUserData() == padding).findFirst()
                .ifPresent(t -> t.setSelected(true));
    }

    private static Spinner<Integer> intSpinner(String id, ObjectProperty<Integer> property, int min, int max, int step) {
        Spinner<Integer> spinner = new Spinner<>();
        SpinnerValueFactory.IntegerSpinnerValueFactory factory =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, property.get(), step);
        spinner.setValueFactory(factory);
        factory.valueProperty().bindBidirectional(property);
        spinner.setEditable(true);
        spinner.setId(id);
        spinner.setStyle("-fx-pref-width: 9em; -fx-min-width: 5em;");
        commitOnFocusLoss(spinner);
        return spinner;
    }

    private static Spinner<Double> lrSpinner(ObjectProperty<Double> property) {
        Spinner<Double> spinner = new Spinner<>();
        SpinnerValueFactory.DoubleSpinnerValueFactory factory =
                new SpinnerValueFactory.DoubleSpinnerValueFactory(1e-5, 1, property.get(), 1e-4);
        factory.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double v) {
                return v == null ? "" : String.format(java.util.Locale.ROOT, "%.5g", v).replaceAll("0+$", "").replaceAll("\\.$", "");
            }

            @Override
            public Double fromString(String s) {
                try {
                    return Double.parseDouble(s.strip());
                } catch (NumberFormatException e) {
                    return property.get();
                }
            }
        });
        spinner.setValueFactory(factory);
        factory.valueProperty().bindBidirectional(property);
        spinner.setEditable(true);
        spinner.setId("learningRate");
        spinner.setStyle("-fx-pref-width: 9em; -fx-min-width: 5em;");
        commitOnFocusLoss(spinner);
        return spinner;
    }

    private static <T> void commitOnFocusLoss(Spinner<T> spinner) {
        spinner.focusedProperty().addListener((o, was, focused) -> {
            if (!focused) {
                try {
                    spinner.increment(0);
                } catch (RuntimeException ignored) {
                    spinner.getEditor().setText(spinner.getValueFactory().getConverter().toString(spinner.getValue()));
                }
            }
        });
    }

    public static void showOnlyWhenText(Label label) {
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
    }

    static Node spacer() {
        javafx.scene.layout.Region r = new javafx.scene.layout.Region();
        HBox.setHgrow(r, javafx.scene.layout.Priority.ALWAYS);
        return r;
    }
}
