package org.flattenexplorer.ui.view;

import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.flattenexplorer.ui.viewmodel.DataViewModel;
import org.flattenexplorer.ui.viewmodel.DataViewModel.FileQuestion;

/**
 * Asks what a reviews file needs before it is used: its text and label columns, which label value is positive,
 * whether to skip its bad rows. Each answer goes back to the data view model, which reads the file again.
 */
final class ReviewsFileQuestions {
    private ReviewsFileQuestions() {}

    static void attach(DataViewModel vm, Supplier<Window> owner) {
        vm.questionProperty().addListener((o, was, q) -> {
            if (q != null) {
                Platform.runLater(() -> ask(vm, q, owner.get()));
            }
        });
    }

    private static void ask(DataViewModel vm, FileQuestion q, Window owner) {
        if (vm.questionProperty().get() != q) {
            return; // answered meanwhile (a test, or a second question replaced it)
        }
        switch (q.kind()) {
            case COLUMNS -> askColumns(vm, q, owner);
            case POSITIVE_LABEL -> {
                ChoiceDialog<String> d = new ChoiceDialog<>(q.options().get(0), q.options());
                prepare(d, owner, "Which label means positive?", q);
                d.setContentText("Positive label:");
                d.showAndWait().ifPresentOrElse(p -> vm.answerPositiveLabel(q, p), () -> vm.cancelQuestion(q));
            }
            case SKIP_BAD_ROWS -> {
                ButtonType skip = new ButtonType("Skip them", ButtonBar.ButtonData.OK_DONE);
                Alert a = new Alert(Alert.AlertType.WARNING, "", skip, ButtonType.CANCEL);
                prepare(a, owner, "Rows that cannot be read", q);
                a.setContentText("Skip them? They are left out and listed with their line numbers in the data "
                        + "panel and the training log.");
                a.showAndWait().filter(b -> b == skip).ifPresentOrElse(b -> vm.answerSkipBadRows(q),
                        () -> vm.cancelQuestion(q));
            }
        }
    }

    private static void askColumns(DataViewModel vm, FileQuestion q, Window owner) {
        Dialog<ButtonType> d = new Dialog<>();
        prepare(d, owner, "Text and label columns", q);
        ChoiceBox<String> text = new ChoiceBox<>(javafx.collections.FXCollections.observableArrayList(q.options()));
        ChoiceBox<String> label = new ChoiceBox<>(javafx.collections.FXCollections.observableArrayList(q.options()));
        text.setId("textColumn");
        label.setId("labelColumn");
        text.setValue(q.defaults().size() > 0 && q.options().contains(q.defaults().get(0)) ? q.defaults().get(0) : null);
        label.setValue(q.defaults().size() > 1 && q.options().contains(q.defaults().get(1)) ? q.defaults().get(1) : null);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.setPadding(new Insets(8));
        grid.addRow(0, new Label("Review text"), text);
        grid.addRow(1, new Label("Label"), label);
        d.getDialogPane().setContent(grid);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        d.getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(text.valueProperty().isNull()
                .or(label.valueProperty().isNull()).or(text.valueProperty().isEqualTo(label.valueProperty())));
        d.showAndWait().filter(b -> b == ButtonType.OK).ifPresentOrElse(
                b -> vm.answerColumns(q, text.getValue(), label.getValue()), () -> vm.cancelQuestion(q));
    }

    private static void prepare(Dialog<?> d, Window owner, String title, FileQuestion q) {
        if (owner != null) {
            d.initOwner(owner);
        }
        d.setTitle(title);
        d.setHeaderText(q.message());
        d.getDialogPane().setMinWidth(480);
        d.getDialogPane().lookupAll(".header-panel .label").forEach(n -> ((Label) n).setWrapText(true));
    }
}
