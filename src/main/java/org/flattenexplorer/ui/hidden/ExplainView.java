package org.flattenexplorer.ui.hidden;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;
import org.flattenexplorer.inspect.Explanation;

/**
 * The answer in plain words for a learner, built from the user's runs ({@link Explanation}); each claim has a
 * button that opens the run showing it, or runs its preset when there is none yet.
 */
public class ExplainView extends ScrollPane {
    private final HiddenStatesViewModel viewModel;
    private final VBox claims = new VBox(14);

    public ExplainView(HiddenStatesViewModel viewModel) {
        this.viewModel = viewModel;
        claims.setPadding(new Insets(10));
        claims.setMaxWidth(760);
        setContent(claims);
        setFitToWidth(true);
        viewModel.runs().addListener((ListChangeListener<Explanation.Evidence>) c -> rebuild());
        rebuild();
    }

    private void rebuild() {
        claims.getChildren().clear();
        int i = 0;
        for (Explanation.Claim claim : viewModel.explanation()) {
            Label title = new Label(claim.title());
            title.setStyle("-fx-font-weight: bold; -fx-font-size: 1.15em;");
            Label text = new Label(claim.text());
            text.setWrapText(true);
            Button action = claim.evidence()
                    .map(run -> button("Open your run \u201c" + run.name() + "\u201d", () -> viewModel.openRun(run)))
                    .orElseGet(() -> button("Run the preset \u201c" + claim.preset().title() + "\u201d",
                            () -> viewModel.runPreset(claim.preset())));
            action.setId("explain-action-" + i++);
            claims.getChildren().add(new VBox(4, title, text, action));
        }
    }

    private static Button button(String text, Runnable action) {
        Button b = new Button(text);
        b.setOnAction(e -> action.run());
        return b;
    }
}
