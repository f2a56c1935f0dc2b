package org.flattenexplorer.ui.hidden;

import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.flattenexplorer.inspect.Inspection;

/**
 * The same review under two runs (e.g. post vs pre padding): the state matrices side by side, the row each
 * last-state model reads outlined, and where it sits relative to the last word.
 */
public class SideBySideView extends HBox {
    private final MatrixPanel left = new MatrixPanel("");
    private final MatrixPanel right = new MatrixPanel("");
    private final Label leftNote = new Label();
    private final Label rightNote = new Label();

    public SideBySideView(HiddenStatesViewModel viewModel) {
        super(16);
        VBox l = new VBox(4, left, leftNote);
        VBox r = new VBox(4, right, rightNote);
        for (VBox box : new VBox[] {l, r}) {
            HBox.setHgrow(box, Priority.ALWAYS);
            VBox.setVgrow(box.getChildren().get(0), Priority.ALWAYS);
        }
        for (Label note : new Label[] {leftNote, rightNote}) {
            note.setWrapText(true);
            note.setMinHeight(USE_PREF_SIZE);
        }
        rightNote.setId("compare-note");
        getChildren().addAll(l, r);
        viewModel.inspectionProperty().addListener((o, a, b) -> show(left, leftNote, b));
        viewModel.compareInspectionProperty().addListener((o, a, b) -> show(right, rightNote, b));
        show(left, leftNote, viewModel.getInspection());
        show(right, rightNote, viewModel.compareInspectionProperty().get());
    }

    private static void show(MatrixPanel panel, Label note, Inspection in) {
        if (in == null) {
            panel.title().setText("Choose a second run to compare.");
            note.setText("");
            return;
        }
        String describe = in.spec().describe();
        panel.title().setText(in.modelName().startsWith(describe) ? in.modelName() : in.modelName() + " \u2014 " + describe);
        panel.show(in.states().values(), in, "h");
        note.setText(describe(in));
    }

    /** Where the state the Dense layer reads sits, in words. */
    static String describe(Inspection in) {
        int word = in.review().lastWordPosition();
        String p = String.format(Locale.ROOT, "P(positive) = %.3f. ", in.readout().probability());
        if (!in.spec().model().lastStateOnly()) {
            return p + "The Dense layer reads " + in.denseInputName() + ".";
        }
        int last = in.lastStateRow();
        String backward = in.spec().model().bidirectional() ? " (the backward half: h_0, after the first word)" : "";
        return p + "Last word at t=" + word + "; the Dense layer reads h_" + last + backward
                + (last > word ? ", " + (last - word) + " padding steps later." : ", right after the last word.");
    }
}
