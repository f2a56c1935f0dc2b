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

    public HiddenStatesPane(HiddenStatesViewModel viewModel) {
        this.viewModel = viewModel;
        picker = new ReviewPickerView(viewModel);
        matrices = new MatricesView(viewModel);
        animation = new FlattenAnimationView(viewModel);
        contributions = new ContributionsView(viewModel);
        getStyleClass().add("hidden-states-pane");

        VBox top = new VBox(4, matrices, animation);
        VBox.setVgrow(matrices, Priority.ALWAYS);
        top.setPadding(new Insets(6));
        SplitPane inspect = new SplitPane(top, contributions);
        inspect.setOrientation(Orientation.VERTICAL);
        inspect.setDividerPositions(0.62);
        TabPane tabs = new TabPane(new Tab("Heatmap, Flatten and the Dense layer", inspect),
                new Tab("Side by side", new SideBySideView(viewModel)), new Tab("Explain", new ExplainView(viewModel)));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("hidden-tabs");

        setLeft(picker);
        setCenter(tabs);
        Label notice = new Label();
        notice.setId("hidden-notice");
        notice.getStyleClass().add("note");
        notice.setWrapText(true);
        notice.setMinHeight(Region.USE_PREF_SIZE);
        notice.setPadding(new Insets(2, 8, 2, 8));
        notice.textProperty().bind(viewModel.noticeProperty());
        notice.visibleProperty().bind(viewModel.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        setTop(new VBox(toolbar(), notice));
    }

    private ToolBar toolbar() {
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
        return new ToolBar(freeze, png, csv, status);
    }

    private java.util.Optional<File> choose(String name, String description, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, pattern));
        return java.util.Optional.ofNullable(chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow()));
    }

    public HiddenStatesViewModel viewModel() { return viewModel; }
    public MatricesView matrices() { return matrices; }
    public FlattenAnimationView animation() { return animation; }
    public ContributionsView contributions() { return contributions; }
    public ReviewPickerView picker() { return picker; }
}
