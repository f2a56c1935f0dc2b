package org.flattenexplorer.ui.hidden;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import org.flattenexplorer.inspect.ContributionChart;
import org.flattenexplorer.inspect.Inspection;
import org.flattenexplorer.ui.view.ChartView;

/**
 * What the Dense layer reads, summed per time step: the same JFreeChart the PNG export draws (bars over time,
 * strongest words written on it, hover shows t, word and value), the logit equation, and the top positive and
 * negative words.
 */
public class ContributionsView extends BorderPane {
    private final ChartView chart = new ChartView(null, "contributionChart");
    private final Label equation = new Label();
    private final ListView<String> positive = new ListView<>();
    private final ListView<String> negative = new ListView<>();

    public ContributionsView(HiddenStatesViewModel viewModel) {
        equation.setId("logit-equation");
        equation.setWrapText(true);
        positive.setPrefWidth(220);
        negative.setPrefWidth(220);
        VBox words = new VBox(4, new Label("Pushes towards positive"), positive, new Label("Pushes towards negative"),
                negative);
        words.setPadding(new Insets(0, 0, 0, 6));
        setCenter(chart);
        setRight(words);
        setTop(equation);
        chart.setMinHeight(200);
        viewModel.inspectionProperty().addListener((o, a, b) -> show(b));
        show(viewModel.getInspection());
    }

    private void show(Inspection in) {
        if (in == null) {
            return;
        }
        chart.setChart(ContributionChart.create(in));
        double[] shares = in.wordAndPaddingShares();
        equation.setText(String.format(Locale.ROOT, "Sum of the bars %+.4f (words %+.4f, <pad> steps %+.4f) + bias "
                        + "%+.4f = logit %+.4f  \u2192  P(positive) = %.3f", shares[0] + shares[1], shares[0], shares[1],
                in.readout().bias(), in.readout().logit(), in.readout().probability()));
        positive.getItems().setAll(in.topWords(10, true).stream().map(ContributionsView::line).toList());
        negative.getItems().setAll(in.topWords(10, false).stream().map(ContributionsView::line).toList());
    }

    private static String line(Inspection.WordContribution w) {
        return String.format(Locale.ROOT, "%s (t=%d) %+.4f", w.word(), w.t(), w.contribution());
    }

    public Label equation() { return equation; }
}
