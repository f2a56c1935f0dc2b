package org.flattenexplorer.ui.hidden;

import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.flattenexplorer.inspect.Inspection;

/**
 * The hidden states beside what the Dense layer does with them: for Flatten the weights folded back to T x U
 * and their element-wise product (whose row sums are the contribution bars); for the other heads a note on
 * the row or pooled values it reads. Hovering any cell shows t, u, the value and the token.
 */
public class MatricesView extends VBox {
    private final MatrixPanel states = new MatrixPanel("Hidden states h_t[u] (rows t, columns u)");
    private final MatrixPanel weights = new MatrixPanel("Dense weights folded to T x U");
    private final MatrixPanel product = new MatrixPanel("weights \u00d7 states (row sum = bar)");
    private final Label hover = new Label(" ");
    private final Label note = new Label();

    public MatricesView(HiddenStatesViewModel viewModel) {
        super(4);
        hover.setId("heatmap-hover");
        note.setWrapText(true);
        note.setMaxWidth(300);
        note.setStyle("-fx-min-width: 12em;");
        javafx.scene.control.Tooltip full = new javafx.scene.control.Tooltip();
        full.setWrapText(true);
        full.setMaxWidth(500);
        full.textProperty().bind(note.textProperty());
        note.setTooltip(full); // all of it, when the row is too short for the wrapped text
        HBox row = new HBox(12, states, weights, product, note);
        for (MatrixPanel p : new MatrixPanel[] {states, weights, product}) {
            HBox.setHgrow(p, Priority.ALWAYS);
            p.heatmap().hoverTextProperty().addListener((o, a, b) -> hover.setText(b.isEmpty() ? " " : b));
        }
        VBox.setVgrow(row, Priority.ALWAYS);
        getChildren().addAll(row, hover);
        viewModel.inspectionProperty().addListener((o, a, b) -> show(b));
        viewModel.playIndexProperty().addListener((o, a, b) -> cursor(viewModel));
        viewModel.highlightProperty().addListener((o, a, b) -> frame(viewModel));
        viewModel.inspectionProperty().addListener((o, a, b) -> frame(viewModel));
        show(viewModel.getInspection());
    }

    /** Frames the rows a lesson step points at, on all three matrices. */
    private void frame(HiddenStatesViewModel viewModel) {
        Inspection in = viewModel.getInspection();
        int[] rows = in == null ? new int[] {-1, -1} : FramedRows.of(viewModel.highlightProperty().get(), in);
        for (MatrixPanel p : new MatrixPanel[] {states, weights, product}) {
            p.heatmap().frame(rows[0], rows[1]);
        }
    }

    private void cursor(HiddenStatesViewModel viewModel) {
        Inspection in = viewModel.getInspection();
        if (in == null) {
            return;
        }
        int index = viewModel.playIndexProperty().get();
        states.heatmap().setCursorRow(index >= in.timeSteps() * in.units() ? -1 : index / in.units());
    }

    private void show(Inspection in) {
        if (in == null) {
            return;
        }
        states.show(in.states().values(), in, "h");
        weights.show(in.foldsWeights() ? in.readout().weights() : null, in, "w");
        product.show(in.product(), in, "w\u00b7h");
        note.setVisible(!in.foldsWeights());
        note.setManaged(!in.foldsWeights());
        note.setText(String.join(" ", in.readoutNote()));
    }

    public MatrixPanel states() { return states; }
    public MatrixPanel weights() { return weights; }
    public Label hoverLabel() { return hover; }
}
