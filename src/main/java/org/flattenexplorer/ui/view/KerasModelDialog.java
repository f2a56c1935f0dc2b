package org.flattenexplorer.ui.view;

import java.io.File;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.TextArea;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.flattenexplorer.data.Padding;
import org.flattenexplorer.ui.viewmodel.KerasModelViewModel;

/**
 * File > Open Keras model...: choose the .h5 file, its tokenizer (optional) and the padding it was trained with,
 * then read the report; "Train this architecture here" loads the model's spec when it is of the app's family. For a
 * model that reads numbers the report has a {@link KerasSequencesPane} below it: open a .npy or CSV file of its
 * sequences and see the chosen one's hidden states.
 */
public final class KerasModelDialog {
    private KerasModelDialog() {}

    /** Asks for the files, then opens them through the view model; the report and problems show when they come. */
    public static void open(KerasModelViewModel vm, Window owner) {
        FileChooser model = new FileChooser();
        model.setTitle("Your Keras 2 model (saved with model.save(\"m.h5\"))");
        model.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Keras HDF5 models", "*.h5", "*.hdf5"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File h5 = model.showOpenDialog(owner);
        if (h5 == null) {
            return;
        }
        FileChooser tokenizer = new FileChooser();
        tokenizer.setTitle("Its tokenizer: tokenizer.to_json() or imdb_word_index.json (Cancel: none)");
        tokenizer.setInitialDirectory(h5.getParentFile());
        tokenizer.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("JSON", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File json = tokenizer.showOpenDialog(owner);
        ChoiceDialog<String> padding = new ChoiceDialog<>("pre", "pre", "post");
        padding.initOwner(owner);
        padding.setTitle("Padding");
        padding.setHeaderText("How were its reviews padded and truncated (pad_sequences)? Keras's default is pre.");
        String pad = padding.showAndWait().orElse("pre");
        vm.open(h5.toPath(), json == null ? null : json.toPath(), pad.equals("post") ? Padding.POST : Padding.PRE);
    }

    /** Shows each report (with "Train this architecture here" when it applies) and each problem as it arrives. */
    public static void attach(KerasModelViewModel vm, java.util.function.Supplier<Window> owner) {
        vm.reportProperty().addListener((o, was, report) -> {
            if (report != null && !report.isEmpty()) {
                javafx.application.Platform.runLater(() -> showReport(vm, report, owner.get()));
            }
        });
        vm.problemProperty().addListener((o, was, problem) -> {
            if (problem != null && !problem.isEmpty()) {
                javafx.application.Platform.runLater(() -> {
                    Alert a = new Alert(Alert.AlertType.ERROR, problem, ButtonType.OK);
                    a.initOwner(owner.get());
                    a.setTitle("Cannot open the Keras model");
                    a.setHeaderText(null);
                    a.getDialogPane().setMinWidth(520);
                    a.showAndWait();
                });
            }
        });
    }

    private static void showReport(KerasModelViewModel vm, String report, Window owner) {
        ButtonType train = new ButtonType("Train this architecture here", ButtonBar.ButtonData.OTHER);
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(owner);
        a.setTitle("Keras model");
        boolean numeric = vm.numericProperty().get();
        a.setHeaderText(vm.modelProperty().get() != null ? "Opened in the Hidden states tab"
                : numeric ? "Report; the model reads numbers: open a .npy or CSV file of its sequences below to see "
                + "their hidden states"
                : "Report (the Hidden states tab shows models Embedding -> LSTM -> head -> Dense(1) with a tokenizer)");
        TextArea text = new TextArea(report);
        text.setId("kerasReport");
        text.setEditable(false);
        text.setStyle("-fx-font-family: monospace;");
        text.setPrefColumnCount(90);
        text.setPrefRowCount(numeric ? 12 : 24);
        a.getDialogPane().setContent(numeric ? new javafx.scene.layout.VBox(6, text,
                new KerasSequencesPane(vm, () -> a.getDialogPane().getScene().getWindow())) : text);
        a.setResizable(true);
        a.getButtonTypes().setAll(ButtonType.CLOSE);
        if (vm.trainableProperty().get() != null) {
            a.getButtonTypes().add(0, train);
        }
        a.showAndWait().filter(b -> b == train).ifPresent(b -> vm.trainHere());
    }
}
