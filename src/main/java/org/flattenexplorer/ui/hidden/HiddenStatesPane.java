package org.flattenexplorer.ui.hidden;

import java.io.File;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The "Hidden states" view, self-contained: review picker on the left; tabs for the heatmaps with the flatten
 * animation and the contribution bars, the side-by-side comparison, and the plain-words explanation; a toolbar
 * with Freeze and PNG/CSV export. Host it as a tab and drive it through {@link #viewModel()}.
 */
public class HiddenStatesPane extends BorderPane {
    private final HiddenStatesViewModel viewModel;
    private final ReviewPickerView picker;
    private final MatricesView matrices;
    private final FlattenAnimationView animation;
    private final ContributionsView contributions;
    private final TabPane tabs;
    private final VBox top;
    private final SplitPane inspect;
    private final ToolBar toolbar;
    private final javafx.beans.property.BooleanProperty pickerShown =
            new javafx.beans.property.SimpleBooleanProperty(true);

    public HiddenStatesPane(HiddenStatesViewModel viewModel) {
        this.viewModel = viewModel;
        picker = new ReviewPickerView(viewModel);
        matrices = new MatricesView(viewModel);
        animation = new FlattenAnimationView(viewModel);
        contributions = new ContributionsView(viewModel);
        getStyleClass().add("hidden-states-pane");

        top = new VBox(4, matrices, animation);
        VBox.setVgrow(matrices, Priority.ALWAYS);
        top.setPadding(new Insets(6));
        inspect = new SplitPane(top, contributions);
        inspect.setOrientation(Orientation.VERTICAL);
        inspect.setDividerPositions(0.62);
        tabs = new TabPane(new Tab("Heatmap, Flatten and the Dense layer", inspect),
                new Tab("Side by side", new SideBySideView(viewModel)), new Tab("Explain", new ExplainView(viewModel)));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("hidden-tabs");

        setLeft(picker);
        setCenter(tabs);
        toolbar = buildToolbar();
        pickerShown.addListener((o, was, shown) -> setLeft(shown ? picker : null));
        Label notice = new Label();
        notice.setId("hidden-notice");
        notice.getStyleClass().add("note");
        notice.setWrapText(true);
        notice.setMinHeight(Region.USE_PREF_SIZE);
        notice.setPadding(new Insets(2, 8, 2, 8));
        notice.textProperty().bind(viewModel.noticeProperty());
        notice.visibleProperty().bind(viewModel.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        setTop(new VBox(toolbar, notice));
    }

    private ToolBar buildToolbar() {
        ToggleButton freeze = new ToggleButton("Freeze");
        freeze.setId("freeze");
        freeze.selectedProperty().bindBidirectional(viewModel.frozenProperty());
        Button png = new Button("Export PNG\u2026");
        png.setOnAction(e -> choose("inspect.png", "PNG image", "*.png").ifPresent(f -> viewModel.exportPng(f.toPath())));
        Button csv = new Button("Export CSV\u2026");
        csv.setOnAction(e -> choose("inspect.csv", "CSV", "*.csv").ifPresent(f -> viewModel.exportCsv(f.toPath())));
        png.disableProperty().bind(viewModel.inspectionProperty().isNull());
        csv.disableProperty().bind(viewModel.inspectionProperty().isNull());
        Label status = new Label();
        status.setId("hidden-status");
        status.textProperty().bind(viewModel.statusProperty());
        ToggleButton reviews = new ToggleButton("Reviews");
        reviews.setId("togglePicker");
        reviews.setTooltip(new javafx.scene.control.Tooltip("Show or hide the review picker and the tokens"));
        reviews.selectedProperty().bindBidirectional(pickerShown);
        status.setMinWidth(0);
        return new ToolBar(reviews, freeze, png, csv, status);
    }

    private java.util.Optional<File> choose(String name, String description, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, pattern));
        return java.util.Optional.ofNullable(chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow()));
    }

    /**
     * What a lesson step points at, with the room for it: the matrices with the flatten animation, or the
     * matrices with each step's contribution; {@code null} shows everything as usual.
     */
    public void focus(Focus focus) {
        boolean animation = focus != Focus.CONTRIBUTIONS;
        boolean contributions = focus != Focus.FLATTEN;
        this.animation.setVisible(animation);
        this.animation.setManaged(animation);
        if (contributions && !inspect.getItems().contains(this.contributions)) {
            inspect.getItems().add(this.contributions);
            inspect.setDividerPositions(focus == Focus.CONTRIBUTIONS ? 0.45 : 0.62);
        } else if (!contributions) {
            inspect.getItems().remove(this.contributions);
        }
        toolbar.setVisible(focus == null);
        toolbar.setManaged(focus == null);
    }

    /** See {@link #focus}. */
    public enum Focus { FLATTEN, CONTRIBUTIONS, SIDE_BY_SIDE }

    /** Shows the heatmaps (0), the side-by-side view (1) or the explanation (2). */
    public void showSection(int section) {
        tabs.getSelectionModel().select(section);
    }

    /** The review picker on the left; projector mode folds it so the matrices get the room. */
    public javafx.beans.property.BooleanProperty pickerShownProperty() { return pickerShown; }

    /** The pane's toolbar, where the host adds its own controls. */
    public ToolBar toolbar() { return toolbar; }

    public HiddenStatesViewModel viewModel() { return viewModel; }
    public MatricesView matrices() { return matrices; }
    public FlattenAnimationView animation() { return animation; }
    public ContributionsView contributions() { return contributions; }
    public ReviewPickerView picker() { return picker; }
}
