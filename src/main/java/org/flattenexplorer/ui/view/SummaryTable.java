package org.flattenexplorer.ui.view;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import org.flattenexplorer.model.KerasSummary;
import org.flattenexplorer.ui.viewmodel.ArchitectureViewModel;

/** Keras's {@code model.summary()} as a table: Layer (type), Output Shape, Param #, and the totals. */
public final class SummaryTable extends VBox {

    public SummaryTable(ArchitectureViewModel vm) {
        this(vm, "summaryTable");
    }

    public SummaryTable(ArchitectureViewModel vm, String id) {
        TableView<KerasSummary.Row> table = new TableView<>();
        table.setId(id);
        TableColumn<KerasSummary.Row, String> layer = new TableColumn<>("Layer (type)");
        layer.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name() + " (" + c.getValue().type() + ")"));
        TableColumn<KerasSummary.Row, String> shape = new TableColumn<>("Output Shape");
        shape.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().outputShape()));
        TableColumn<KerasSummary.Row, String> params = new TableColumn<>("Param #");
        params.setCellValueFactory(c -> new ReadOnlyStringWrapper(KerasSummary.formatCount(c.getValue().params())));
        params.setStyle("-fx-alignment: CENTER-RIGHT;");
        layer.prefWidthProperty().bind(table.widthProperty().multiply(0.42));
        shape.prefWidthProperty().bind(table.widthProperty().multiply(0.31));
        params.prefWidthProperty().bind(table.widthProperty().multiply(0.24));
        table.getColumns().setAll(java.util.List.of(layer, shape, params));
        for (TableColumn<KerasSummary.Row, String> column : java.util.List.of(layer, shape, params)) {
            column.setCellFactory(WrappingCell.factory());
            WrappingCell.wrapHeader(column);
        }
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setFixedCellSize(-1);
        table.setStyle("-fx-pref-height: 11.5em; -fx-min-height: 9em;"); // four rows and the header, at any text size
        table.setFocusTraversable(false);

        Label totals = new Label();
        totals.setId("totalParams");
        totals.getStyleClass().add("totals");
        totals.setWrapText(true);
        totals.setMinHeight(USE_PREF_SIZE);
        Label vocab = new Label();
        vocab.getStyleClass().add("muted");
        vocab.setWrapText(true);
        Runnable update = () -> {
            KerasSummary s = vm.summaryProperty().get();
            table.getItems().setAll(s.rows());
            totals.setText("Total params: " + KerasSummary.formatCount(s.totalParams()) + "    Trainable params: "
                    + KerasSummary.formatCount(s.totalParams()));
            int v = vm.vocabularySizeProperty().get();
            vocab.setText("Embedding input_dim " + KerasSummary.formatCount(v)
                    + (v == ArchitectureViewModel.QUESTION_VOCABULARY ? " (the question's vocabulary; the data sets it once prepared)" : " (from the prepared data)"));
        };
        vm.summaryProperty().addListener(o -> update.run());
        update.run();
        getChildren().addAll(table, totals, vocab);
        setSpacing(3);
    }
}
