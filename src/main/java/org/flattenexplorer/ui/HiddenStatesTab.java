package org.flattenexplorer.ui;

import java.util.List;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TableView;
import javafx.util.StringConverter;
import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.data.Preprocessing;
import org.flattenexplorer.inspect.Explanation;
import org.flattenexplorer.inspect.InspectedModel;
import org.flattenexplorer.training.SavedRun;
import org.flattenexplorer.ui.hidden.HiddenStatesPane;
import org.flattenexplorer.ui.hidden.HiddenStatesViewModel;
import org.flattenexplorer.ui.task.TaskExecutor;
import org.flattenexplorer.ui.viewmodel.ExplorerViewModel;
import org.flattenexplorer.ui.viewmodel.RunItem;

/**
 * The "Hidden states" tab, wired to the rest of the window: it follows the run being trained (refreshing at each
 * epoch end), shows the run selected in the run list, quotes the saved runs in its Explain panel, and its
 * buttons start presets or open runs.
 */
final class HiddenStatesTab extends Tab {
    private final HiddenStatesViewModel hidden;
    private final ExplorerViewModel app;
    private final TableView<RunItem> runTable;
    private final HiddenStatesPane pane;
    private SavedRun unseen;

    HiddenStatesTab(ExplorerViewModel app, TaskExecutor executor, TableView<RunItem> runTable) {
        super("Hidden states");
        this.app = app;
        this.runTable = runTable;
        this.hidden = new HiddenStatesViewModel(executor);
        setClosable(false);
        pane = new HiddenStatesPane(hidden);
        pane.toolbar().getItems().addAll(1, compareControls());
        setContent(pane);
        hidden.setActions(app::runPreset, evidence -> openRunNamed(evidence.name()));
        app.training().observeRuns((run, dataset) -> {
            Platform.runLater(() -> hidden.datasetProperty().set(dataset));
            return hidden.liveListener(run.spec().describe(), run);
        });
        runTable.getSelectionModel().selectedItemProperty().addListener((o, was, item) -> {
            if (item != null) {
                unseen = null;
                inspect(item.run());
            }
        });
        hidden.modelProperty().addListener((o, was, now) -> showFirstReviewIfEmpty());
        hidden.datasetProperty().addListener(o -> showFirstReviewIfEmpty()); // no equals over two datasets
        app.runs().runs().addListener((ListChangeListener<RunItem>) change -> {
            updateEvidence();
            while (change.next()) {
                if (change.wasAdded() && change.getAddedSize() == 1 && change.getFrom() == 0 && !isSelected()) {
                    unseen = change.getAddedSubList().get(0).run(); // trained while the tab was hidden
                }
            }
        });
        // Only a tab on screen follows the training run; one opened afterwards shows the run that was saved.
        selectedProperty().addListener((o, was, shown) -> {
            hidden.setFollowing(shown);
            if (shown && unseen != null && !app.training().runningProperty().get()) {
                inspect(unseen);
                unseen = null;
            }
        });
        hidden.setFollowing(isSelected());
        updateEvidence();
        app.keras().modelProperty().addListener((o, was, model) -> {
            if (model != null) {
                showImported(model);
            }
        });
    }

    /**
     * An imported Keras model (File > Open Keras model), shown like a run: the reviews in use are encoded with its
     * own tokenizer and padding, so the review list reads them in its token ids.
     */
    void showImported(InspectedModel model) {
        hidden.modelProperty().set(model);
        if (getTabPane() != null) {
            getTabPane().getSelectionModel().select(this);
        }
        if (!app.data().hasDataProperty().get()) {
            hidden.datasetProperty().set(null);
            hidden.showText("a wonderful film with a great cast");
            return;
        }
        Preprocessing p = model.spec().data();
        hidden.showReviewsUnder(() -> app.data().prepare(p).encodedWith(model.vocabulary(), p));
    }

    /** "Side by side with": a second saved run, shown for the same review in the Side by side tab. */
    private List<javafx.scene.Node> compareControls() {
        ComboBox<RunItem> other = new ComboBox<>(app.runs().runs());
        other.setId("compareRun");
        other.setPromptText("a saved run");
        other.setConverter(new StringConverter<>() {
            @Override
            public String toString(RunItem item) {
                return item == null ? "" : item.run().info().name() + " · seed "
                        + item.run().info().spec().training().seed();
            }

            @Override
            public RunItem fromString(String text) {
                return null;
            }
        });
        other.valueProperty().addListener((o, was, item) -> hidden.compareWith(item == null ? null : item.run()));
        other.setMaxWidth(320);
        Label label = new Label("Side by side with:");
        label.setMinWidth(Label.USE_PREF_SIZE);
        return List.of(label, other);
    }

    /** A saved run in the views, with the reviews it was trained on when data is chosen. */
    private void inspect(SavedRun run) {
        hidden.showRun(run, r -> app.data().hasDataProperty().get()
                ? app.data().prepare(r.info().spec().data()) : null);
    }

    /** Never an empty view: with a model and reviews but nothing picked yet, start on the first validation review. */
    private void showFirstReviewIfEmpty() {
        PreparedDataset data = hidden.datasetProperty().get();
        if (hidden.modelProperty().get() != null && data != null && hidden.getInspection() == null
                && data.validation().size() > 0) {
            hidden.showTokens(data.validation().tokens()[0], data.validation().reviews().get(0).text());
        }
    }

    private void openRunNamed(String name) {
        runTable.getItems().stream().filter(item -> item.run().info().name().equals(name)).findFirst()
                .ifPresent(item -> {
                    runTable.getSelectionModel().select(item);
                    getTabPane().getSelectionModel().select(this);
                });
    }

    private void updateEvidence() {
        List<Explanation.Evidence> evidence = app.runs().runs().stream()
                .map(item -> Explanation.Evidence.of(item.run())).toList();
        hidden.runs().setAll(evidence);
    }

    HiddenStatesPane pane() {
        return pane;
    }

    HiddenStatesViewModel viewModel() {
        return hidden;
    }
}
