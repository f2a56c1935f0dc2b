package org.flattenexplorer.ui.view;

import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.flattenexplorer.ui.viewmodel.ExplorerViewModel;
import org.flattenexplorer.ui.viewmodel.RunItem;
import org.flattenexplorer.ui.viewmodel.RunListViewModel;

/** The saved runs: tick to compare, one-click re-run, rename, delete (confirmed), CSV export, disk usage. */
public final class RunListView extends VBox {
    private final TableView<RunItem> table = new TableView<>();

    /**
     * @param fontSize the window's text size: fixed columns are as wide as their header and values at that size
     */
    public RunListView(ExplorerViewModel app, Runnable exportCsv, javafx.beans.value.ObservableDoubleValue fontSize) {
        RunListViewModel vm = app.runs();
        table.setId("runTable");
        table.setItems(vm.runs());
        table.setEditable(true);
        table.setPlaceholder(new Label("No runs yet: press Train or a preset"));

        TableColumn<RunItem, Boolean> tick = new TableColumn<>("✓");
        tick.setCellValueFactory(c -> c.getValue().tickedProperty());
        tick.setCellFactory(CheckBoxTableCell.forTableColumn(tick));
        tick.setEditable(true);
        em(tick, 2.6, fontSize);
        TableColumn<RunItem, String> name = new TableColumn<>("Run");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        name.setCellFactory(WrappingCell.factory());
        name.setPrefWidth(330);
        name.setMinWidth(120);
        TableColumn<RunItem, String> seed = new TableColumn<>("Seed");
        seed.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                String.valueOf(c.getValue().run().info().spec().training().seed())));
        em(seed, 4.2, fontSize);
        TableColumn<RunItem, String> best = new TableColumn<>("Best val_acc");
        best.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().bestValidationText()));
        em(best, 8.8, fontSize);
        TableColumn<RunItem, String> test = new TableColumn<>("Test acc");
        test.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().testAccuracyText()));
        em(test, 6.2, fontSize);
        TableColumn<RunItem, RunItem> rerun = new TableColumn<>("");
        rerun.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        rerun.setCellFactory(c -> new RerunCell(app));
        em(rerun, 6.4, fontSize);
        table.getColumns().setAll(java.util.List.of(tick, name, seed, best, test, rerun));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_NEXT_COLUMN);
        VBox.setVgrow(table, Priority.ALWAYS);

        Button rename = new Button("Rename...");
        rename.setId("renameRun");
        rename.setOnAction(e -> selected().ifPresent(item -> {
            TextInputDialog dialog = new TextInputDialog(item.name());
            dialog.setTitle("Rename run");
            dialog.setHeaderText("A new name for this run");
            dialog.initOwner(getScene().getWindow());
            dialog.showAndWait().ifPresent(newName -> vm.rename(item, newName));
        }));
        Button delete = new Button("Delete...");
        delete.setId("deleteRun");
        delete.setOnAction(e -> selected().ifPresent(item -> {
            Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Delete the run \"" + item.name()
                    + "\" and its folder?\n" + item.run().folder(), ButtonType.OK, ButtonType.CANCEL);
            confirm.setHeaderText("Delete run");
            confirm.initOwner(getScene().getWindow());
            confirm.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> vm.delete(item));
        }));
        rename.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        delete.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        Button csv = new Button("Export CSV...");
        csv.setId("exportCsv");
        csv.setOnAction(e -> exportCsv.run());
        Label usage = new Label();
        usage.setId("diskUsage");
        usage.getStyleClass().add("muted");
        usage.setWrapText(true);
        usage.setMinHeight(USE_PREF_SIZE);
        usage.textProperty().bind(vm.diskUsageProperty());
        Label message = new Label();
        message.setId("runsMessage");
        message.getStyleClass().add("note");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.textProperty().bind(vm.messageProperty());
        ArchitectureView.showOnlyWhenText(message);
        // every damaged folder with its reason, on demand (the list above still shows every readable run)
        Hyperlink details = ErrorDetailsDialog.link("runsProblemsDetails", Bindings.isNotEmpty(vm.problems()),
                () -> ErrorDetailsDialog.show(getScene().getWindow(), vm.problems().size() == 1
                                ? "A run folder could not be read" : vm.problems().size() + " run folders could not be read",
                        "Every other run is listed. Each folder below was skipped, with the reason; delete or repair "
                                + "it to see it again.", String.join("\n\n", vm.problems()), null));
        for (Button b : new Button[] {rename, delete, csv}) {
            b.setMinWidth(USE_PREF_SIZE);
        }
        javafx.scene.layout.FlowPane buttons = new javafx.scene.layout.FlowPane(6, 4, rename, delete, csv, usage, details);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.prefWrapLengthProperty().bind(widthProperty());
        Label title = new Label("Runs (tick to compare)");
        title.getStyleClass().add("section-title");
        table.setMinHeight(60); // the table shrinks first, so the message below stays in view
        getChildren().addAll(title, table, buttons, message);
        setSpacing(4);
    }

    /** A column exactly as wide as {@code ems} characters of the window's text size. */
    private static void em(TableColumn<?, ?> column, double ems, javafx.beans.value.ObservableDoubleValue fontSize) {
        column.prefWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> ems * fontSize.get(), fontSize));
        column.minWidthProperty().bind(column.prefWidthProperty());
        column.maxWidthProperty().bind(column.prefWidthProperty());
    }

    private Optional<RunItem> selected() {
        return Optional.ofNullable(table.getSelectionModel().getSelectedItem());
    }

    public TableView<RunItem> table() {
        return table;
    }

    /** The one-click re-run of a row's exact spec and seed. */
    private static final class RerunCell extends TableCell<RunItem, RunItem> {
        private final Button button = new Button("Re-run");

        RerunCell(ExplorerViewModel app) {
            button.disableProperty().bind(app.training().runningProperty());
            button.setOnAction(e -> {
                RunItem item = getItem();
                if (item != null) {
                    app.rerun(item.run());
                }
            });
        }

        @Override
        protected void updateItem(RunItem item, boolean empty) {
            super.updateItem(item, empty);
            setGraphic(empty || item == null ? null : button);
        }
    }

}
