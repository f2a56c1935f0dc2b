package org.flattenexplorer.ui.hidden;

import java.util.List;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.flattenexplorer.data.EncodedSplit;
import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.inspect.Inspection;
import org.flattenexplorer.inspect.ReviewFilter;

/**
 * Choosing a review: a validation or test review (search by words, filter by label and by right/wrong
 * prediction) or one's own text; below, the tokens the model sees with their positions, padding as {@code <pad>}.
 */
public class ReviewPickerView extends VBox {
    private final HiddenStatesViewModel viewModel;
    private final ChoiceBox<String> split = new ChoiceBox<>(FXCollections.observableArrayList("Validation", "Test"));
    private final TextField search = new TextField();
    private final ChoiceBox<ReviewFilter.Label> label = new ChoiceBox<>(FXCollections.observableArrayList(ReviewFilter.Label.values()));
    private final ChoiceBox<ReviewFilter.Outcome> outcome = new ChoiceBox<>(FXCollections.observableArrayList(ReviewFilter.Outcome.values()));
    private final ListView<ReviewFilter.Row> reviews = new ListView<>();
    private final TextArea ownText = new TextArea();
    private final ListView<String> tokens = new ListView<>();
    private float[] predictions;
    private ReviewFilter.Index index; // the current split's, built when the split changes
    private boolean stale; // the dataset or model changed while the picker was off screen

    public ReviewPickerView(HiddenStatesViewModel viewModel) {
        this.viewModel = viewModel;
        setSpacing(6);
        setPadding(new Insets(6));
        setStyle("-fx-pref-width: 20em; -fx-min-width: 12em;");
        split.setValue("Validation");
        label.setValue(ReviewFilter.Label.ANY);
        outcome.setValue(ReviewFilter.Outcome.ANY);
        search.setPromptText("words that must occur");
        search.setId("review-search");
        reviews.setId("review-list");
        tokens.setId("token-list");
        ownText.setId("own-text");
        ownText.setPromptText("...or type your own review");
        ownText.setWrapText(true);
        ownText.setPrefRowCount(3);
        Button inspect = new Button("Inspect my text");
        inspect.setId("inspect-own-text");
        inspect.setOnAction(e -> viewModel.showText(ownText.getText()));
        tokens.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setStyle(item != null && item.endsWith("<pad>") ? "-fx-text-fill: #999999;" : "");
            }
        });
        HBox filters = new HBox(4, label, outcome);
        VBox.setVgrow(reviews, Priority.ALWAYS);
        VBox.setVgrow(tokens, Priority.ALWAYS);
        getChildren().addAll(new HBox(4, new Label("Split"), split), search, filters, reviews, ownText, inspect,
                wrapping("Tokens after tokenizing and padding"), tokens);

        split.valueProperty().addListener((o, a, b) -> rescore());
        search.textProperty().addListener((o, a, b) -> refilter());
        label.valueProperty().addListener((o, a, b) -> refilter());
        outcome.valueProperty().addListener((o, a, b) -> refilter());
        // invalidation, not change, listeners: a change listener compares the old and new dataset with equals,
        // which walks every review's text when a run brings its own copy of the same data
        viewModel.datasetProperty().addListener(o -> rescoreWhenShown());
        viewModel.modelProperty().addListener(o -> rescoreWhenShown());
        viewModel.shownProperty().addListener((o, was, shown) -> {
            if (shown && stale) {
                rescore();
            }
        });
        reviews.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            EncodedSplit s = currentSplit();
            if (b != null && s != null) {
                viewModel.showTokens(s.tokens()[b.row()], s.reviews().get(b.row()).text());
            }
        });
        viewModel.inspectionProperty().addListener((o, a, b) -> showTokens(b));
        rescore();
    }

    private EncodedSplit currentSplit() {
        PreparedDataset d = viewModel.datasetProperty().get();
        return d == null ? null : "Test".equals(split.getValue()) ? d.test() : d.validation();
    }

    /**
     * Off screen (another tab in front) the picker only notes that its list is out of date: when a run starts, its
     * filtering on the UI thread and its predictions over the split would take time from the first batches.
     */
    private void rescoreWhenShown() {
        if (viewModel.shownProperty().get()) {
            rescore();
        } else {
            stale = true;
        }
    }

    private void rescore() {
        stale = false;
        predictions = null;
        refilter();
        EncodedSplit s = currentSplit();
        viewModel.predict(s, p -> {
            if (s == currentSplit()) {
                predictions = p;
                refilter();
            }
        });
    }

    private void refilter() {
        EncodedSplit s = currentSplit();
        if (s != null && (index == null || !index.indexes(s))) {
            index = ReviewFilter.Index.of(s);
        }
        List<ReviewFilter.Row> rows = s == null ? List.of()
                : ReviewFilter.apply(index, predictions, search.getText(), label.getValue(), outcome.getValue());
        reviews.getItems().setAll(rows);
    }

    private void showTokens(Inspection in) {
        if (in == null) {
            return;
        }
        String[] words = in.review().words();
        String[] lines = new String[words.length];
        for (int t = 0; t < words.length; t++) {
            lines[t] = t + ": " + words[t];
        }
        tokens.getItems().setAll(lines);
    }

    public ListView<ReviewFilter.Row> reviews() { return reviews; }
    public ListView<String> tokens() { return tokens; }
    public TextField search() { return search; }

    private static Label wrapping(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setMinHeight(USE_PREF_SIZE);
        return label;
    }
}
