package org.flattenexplorer.ui;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.flattenexplorer.lesson.Lesson;
import org.flattenexplorer.lesson.StepView;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Preset;
import org.flattenexplorer.ui.hidden.HiddenStatesPane;
import org.flattenexplorer.ui.hidden.HiddenStatesViewModel;
import org.flattenexplorer.ui.lesson.LessonBar;
import org.flattenexplorer.ui.lesson.LessonViewModel;
import org.flattenexplorer.ui.view.ArchitectureView;
import org.flattenexplorer.ui.view.ChartExport;
import org.flattenexplorer.ui.view.ChartView;
import org.flattenexplorer.ui.view.CompareChartView;
import org.flattenexplorer.ui.view.DataPanel;
import org.flattenexplorer.ui.view.ExportTarget;
import org.flattenexplorer.ui.view.KerasModelDialog;
import org.flattenexplorer.ui.view.LiveCharts;
import org.flattenexplorer.ui.view.LogView;
import org.flattenexplorer.ui.view.ModelView;
import org.flattenexplorer.ui.view.PresetBar;
import org.flattenexplorer.ui.view.RunListView;
import org.flattenexplorer.ui.view.ThemeManager;
import org.flattenexplorer.ui.view.TrainingBar;
import org.flattenexplorer.ui.view.WelcomePane;
import org.flattenexplorer.ui.viewmodel.ExplorerViewModel;

/**
 * The window: architecture and data on the left, live and compared curves in the middle, the log and the run
 * list below; menus and shortcuts for training, exports and the projector mode.
 */
public final class MainView extends BorderPane {
    private final ExplorerViewModel vm;
    private final AppServices services;
    private final ThemeManager theme = new ThemeManager();
    private final LiveCharts live;
    private final CompareChartView compare;
    private final Label status = new Label();
    private ChartView lastChart;
    private final HiddenStatesTab hiddenTab;
    private final Tab trainingTab;
    private final Tab modelTab;
    private final SplitPane charts;
    private final TabPane tabs;
    private final ScrollPane sidePanel;
    private final SplitPane bottomPanel;
    private final SplitPane middle;
    private final SplitPane main;
    private final PresetBar presets;
    private final LessonViewModel lesson;
    private final BooleanProperty sidePanelShown = new SimpleBooleanProperty(true);
    private final BooleanProperty bottomPanelShown = new SimpleBooleanProperty(true);
    private final BooleanProperty compareShown = new SimpleBooleanProperty(true);
    private final BooleanProperty liveShown = new SimpleBooleanProperty(true);
    private final BooleanProperty runsShown = new SimpleBooleanProperty(true);
    private final RunListView runList;
    private final Map<Node, Double> dividers = new HashMap<>();

    public MainView(AppServices services) {
        this(services, UnaryOperator.identity());
    }

    /**
     * @param lessonSpecs changes every spec of the lesson (identity in the app; tests train tiny versions)
     */
    public MainView(AppServices services, UnaryOperator<ExperimentSpec> lessonSpecs) {
        this.services = services;
        this.vm = new ExplorerViewModel(services.executor(), services.store(), services.settings(),
                services.downloadFolder());
        live = new LiveCharts(vm.training(), theme);
        compare = new CompareChartView(vm.runs(), theme);
        lastChart = live.accuracyViewer();
        for (ChartView v : new ChartView[] {live.lossViewer(), live.accuracyViewer(), compare.viewer()}) {
            v.focusedProperty().addListener((o, was, now) -> {
                if (now) {
                    lastChart = v;
                }
            });
        }

        VBox left = new VBox(6, new DataPanel(vm.data(), () -> getScene().getWindow()), new ArchitectureView(vm.architecture()));
        sidePanel = new ScrollPane(left);
        sidePanel.setId("sidePanel");
        sidePanel.setFitToWidth(true);
        sidePanel.setPrefWidth(400);
        sidePanel.setMinWidth(280);
        sidePanel.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);

        charts = new SplitPane(live, compare);
        charts.setOrientation(Orientation.VERTICAL);
        charts.setDividerPositions(0.55);
        VBox center = new VBox(new TrainingBar(vm.architecture(), vm.training(), vm.data()), charts);
        VBox.setVgrow(charts, Priority.ALWAYS);

        runList = new RunListView(vm, this::exportCsv, theme.fontSizeProperty());
        bottomPanel = new SplitPane(new LogView(vm.training()), runList);
        bottomPanel.setId("bottomPanel");
        bottomPanel.setDividerPositions(0.45);
        bottomPanel.setPrefHeight(220);
        bottomPanel.setMinHeight(120);
        status.setId("status");
        status.getStyleClass().add("muted");
        status.setStyle("-fx-padding: 2 8 2 8;");
        status.setWrapText(true);
        status.setMaxWidth(Double.MAX_VALUE);
        status.setMinHeight(Region.USE_PREF_SIZE);
        status.setText(" "); // one line kept for it, so a message appearing does not move the charts

        trainingTab = new Tab("Training", center);
        trainingTab.setClosable(false);
        hiddenTab = new HiddenStatesTab(vm, services.executor(), runList.table());
        KerasModelDialog.attach(vm.keras(), () -> getScene().getWindow());
        modelTab = new Tab("Model", new ModelView(vm.architecture()));
        modelTab.setClosable(false);
        tabs = new TabPane(modelTab, trainingTab, hiddenTab);
        tabs.getSelectionModel().select(trainingTab);
        tabs.setId("mainTabs");
        middle = new SplitPane(sidePanel, tabs);
        middle.setDividerPositions(0.27);
        SplitPane.setResizableWithParent(sidePanel, false);
        main = new SplitPane(middle, bottomPanel);
        main.setOrientation(Orientation.VERTICAL);
        main.setDividerPositions(0.74);
        SplitPane.setResizableWithParent(bottomPanel, false);

        presets = new PresetBar(vm);
        lesson = new LessonViewModel(Lesson.shipped(), lessonSpecs, vm, hiddenTab.viewModel(), services.executor());
        LessonBar lessonBar = new LessonBar(lesson, this::exportHandout);
        presets.visibleProperty().bind(lesson.activeProperty().not());
        presets.managedProperty().bind(presets.visibleProperty());
        setTop(new VBox(menuBar(), presets, lessonBar));
        setCenter(new StackPane(main, new WelcomePane(vm.data(), () -> getScene().getWindow(), this::startLesson)));
        setBottom(status);

        // Projector mode is a layout for a room: the controls, the log and the run list fold away (F9 brings them back).
        theme.projectorProperty().addListener((o, was, on) -> {
            sidePanelShown.set(!on);
            bottomPanelShown.set(!on);
            hiddenTab.pane().pickerShownProperty().set(!on);
            lesson.notesShownProperty().set(!on);
        });
        sidePanelShown.addListener((o, was, shown) -> {
            fold(middle, sidePanel, 0, shown);
            fitSidePanel();
        });
        compareShown.addListener((o, was, shown) -> fold(charts, compare, 1, shown));
        liveShown.addListener((o, was, shown) -> fold(charts, live, 0, shown));
        runsShown.addListener((o, was, shown) -> fold(bottomPanel, runList, 1, shown));
        // The side panel is as wide as its text needs at the current size (28 characters), within limits.
        theme.fontSizeProperty().addListener((o, was, now) -> fitSidePanel());
        widthProperty().addListener((o, was, now) -> fitSidePanel());
        bottomPanelShown.addListener((o, was, shown) -> fold(main, bottomPanel, 1, shown));
        followLesson();
    }

    /** The lesson decides what is on screen: the tab, the panels; leaving gives the user's layout back. */
    private void followLesson() {
        boolean[] before = new boolean[2];
        lesson.activeProperty().addListener((o, was, on) -> {
            if (on) {
                before[0] = sidePanelShown.get();
                before[1] = bottomPanelShown.get();
                showStep(lesson.viewProperty().get());
            } else {
                sidePanelShown.set(before[0]);
                bottomPanelShown.set(before[1]);
                compareShown.set(true);
                liveShown.set(true);
                runsShown.set(true);
                hiddenTab.pane().focus(null);
                tabs.getSelectionModel().select(trainingTab);
            }
        });
        lesson.viewProperty().addListener((o, was, view) -> showStep(view));
        lesson.controlsShownProperty().addListener((o, was, now) -> showStep(lesson.viewProperty().get()));
        lesson.logShownProperty().addListener((o, was, now) -> showStep(lesson.viewProperty().get()));
    }

    private void showStep(StepView view) {
        if (!lesson.activeProperty().get() || view == null) {
            return;
        }
        // Only what the step is about: the live curves while training (with the Keras log when the step says
        // so), the comparison where runs are compared.
        sidePanelShown.set(lesson.controlsShownProperty().get());
        boolean log = lesson.logShownProperty().get() && view == StepView.TRAINING;
        bottomPanelShown.set(log);
        runsShown.set(!log);
        compareShown.set(view == StepView.COMPARE || view == StepView.SUMMARY);
        liveShown.set(!compareShown.get());
        switch (view) {
            case ARCHITECTURE -> tabs.getSelectionModel().select(modelTab);
            case TRAINING, COMPARE, SUMMARY -> tabs.getSelectionModel().select(trainingTab);
            case HIDDEN_STATES, CONTRIBUTIONS -> {
                tabs.getSelectionModel().select(hiddenTab);
                hiddenTab.pane().showSection(0);
                hiddenTab.pane().focus(view == StepView.HIDDEN_STATES ? HiddenStatesPane.Focus.FLATTEN
                        : HiddenStatesPane.Focus.CONTRIBUTIONS);
            }
            case SIDE_BY_SIDE -> {
                tabs.getSelectionModel().select(hiddenTab);
                hiddenTab.pane().showSection(1);
                hiddenTab.pane().focus(HiddenStatesPane.Focus.SIDE_BY_SIDE);
            }
        }
    }

    /** Lesson keys, while the lesson is on: Right/Space next, Left back, 1-9 and 0 jump, N notes, Esc leaves. */
    private void installLessonKeys(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (!lesson.activeProperty().get() || e.isShortcutDown() || e.isAltDown()
                    || scene.getFocusOwner() instanceof TextInputControl) {
                return;
            }
            KeyCode code = e.getCode();
            if (code == KeyCode.RIGHT || code == KeyCode.SPACE || code == KeyCode.PAGE_DOWN) {
                lesson.next();
            } else if (code == KeyCode.LEFT || code == KeyCode.PAGE_UP) {
                lesson.back();
            } else if (code.isDigitKey()) {
                int digit = code.getChar().charAt(0) - '0';
                lesson.jump(digit == 0 ? 9 : digit - 1);
            } else if (code == KeyCode.N) {
                lesson.notesShownProperty().set(!lesson.notesShownProperty().get());
            } else if (code == KeyCode.ESCAPE) {
                lesson.leave();
            } else {
                return;
            }
            e.consume();
        });
    }

    /** The lesson's handout: one HTML file with every step's text and figure. */
    public void exportHandout() {
        choose("Save the lesson's handout", "flatten-lesson-handout.html", "html")
                .ifPresent(file -> lesson.exportHandout(file, status::setText));
    }

    private void fitSidePanel() {
        if (getWidth() > 0 && middle.getItems().contains(sidePanel)) {
            middle.setDividerPositions(Math.max(0.2, Math.min(0.45, 28 * theme.fontSizeProperty().get() / getWidth())));
        }
    }

    /** Takes a panel out of its split pane or puts it back where it was, keeping the divider the user set. */
    private void fold(SplitPane pane, Node panel, int index, boolean shown) {
        boolean present = pane.getItems().contains(panel);
        if (shown && !present) {
            pane.getItems().add(Math.min(index, pane.getItems().size()), panel);
            Double divider = dividers.get(panel);
            if (divider != null) {
                pane.setDividerPositions(divider);
            }
        } else if (!shown && present) {
            if (pane.getDividerPositions().length > 0) {
                dividers.put(panel, pane.getDividerPositions()[0]);
            }
            pane.getItems().remove(panel);
        }
    }

    /** Opens the guided lesson (menu, welcome panel, {@code ./flatten-explorer lesson}). */
    public void startLesson() {
        // speaker notes are for the teacher: hidden when the room sees the screen (N shows them)
        lesson.notesShownProperty().set(!theme.projectorProperty().get());
        lesson.start();
    }

    /** F9: shows both panels when either is folded, folds both otherwise. */
    public void togglePanels() {
        boolean show = !(sidePanelShown.get() && bottomPanelShown.get());
        sidePanelShown.set(show);
        bottomPanelShown.set(show);
        hiddenTab.pane().pickerShownProperty().set(show);
    }

    /** Hooks the theme to the scene and stage, then finds the data and the saved runs. */
    public void start(Scene scene, Stage stage) {
        theme.attach(scene, stage);
        installLessonKeys(scene);
        installExtraAccelerators(scene);
        vm.data().locate(services.locator(), services.environmentData());
        vm.runs().refresh();
    }

    private MenuBar menuBar() {
        MenuItem exportPng = item("Export chart as PNG", "Shortcut+S", this::exportFocusedChart);
        MenuItem exportCsv = item("Export selected runs as CSV...", "Shortcut+Shift+E", this::exportCsv);
        MenuItem quit = item("Quit", "Shortcut+Q", () -> getScene().getWindow().hide());
        MenuItem openReviews = item("Open reviews...", "Shortcut+O",
                () -> DataPanel.openReviewsFile(vm.data(), getScene().getWindow()));
        MenuItem openKeras = item("Open Keras model...", "Shortcut+K",
                () -> KerasModelDialog.open(vm.keras(), getScene().getWindow()));
        Menu file = new Menu("File", null, openReviews, openKeras, exportPng, exportCsv, quit);

        MenuItem train = item("Train", "Shortcut+Enter", vm::trainCurrent);
        MenuItem stop = item("Stop", "Esc", () -> vm.training().stop());
        Menu run = new Menu("Run", null, train, stop);
        for (int i = 0; i < PresetBar.SHOWN.size(); i++) {
            Preset preset = PresetBar.SHOWN.get(i);
            run.getItems().add(item(preset.title(), "Shortcut+" + (i + 1), () -> vm.runPreset(preset)));
        }
        run.getItems().add(item("Compare all presets", null, () -> vm.compareAll(PresetBar.SHOWN, 1)));

        CheckMenuItem projector = new CheckMenuItem("Projector mode");
        projector.setAccelerator(KeyCombination.keyCombination("F11"));
        projector.selectedProperty().bindBidirectional(theme.projectorProperty());
        MenuItem larger = item("Larger text", "Shortcut+Equals", theme::larger);
        MenuItem smaller = item("Smaller text", "Shortcut+Minus", theme::smaller);
        MenuItem normal = item("Normal text size", "Shortcut+0", theme::normalSize);
        CheckMenuItem fullScreen = new CheckMenuItem("Full screen");
        fullScreen.setAccelerator(KeyCombination.keyCombination("Shift+F11"));
        fullScreen.selectedProperty().bindBidirectional(theme.fullScreenProperty());
        MenuItem panels = item("Show or hide the controls, log and runs", "F9", this::togglePanels);
        panels.setId("togglePanels");
        Menu view = new Menu("View", null, projector, fullScreen, panels, larger, smaller, normal);
        MenuItem startLesson = item("Lesson: What is this Flatten layer doing in my LSTM?", "Shortcut+L",
                this::startLesson);
        startLesson.setId("startLesson");
        MenuItem handout = item("Export the lesson's handout...", null, this::exportHandout);
        Menu lessonMenu = new Menu("Lesson", null, startLesson, handout);
        MenuBar bar = new MenuBar(file, run, view, lessonMenu);
        bar.setId("menuBar");
        return bar;
    }

    /** Extra keys that menus cannot hold twice: Ctrl+Plus and the keypad's + and -. */
    private void installExtraAccelerators(Scene scene) {
        // Esc stops a run wherever the focus is; otherwise it is left to popups and dialogs.
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE && !e.isConsumed()
                    && vm.training().runningProperty().get()) {
                vm.training().stop();
                e.consume();
            }
        });
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+Add"), theme::larger);
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+Plus"), theme::larger);
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+Subtract"), theme::smaller);
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    /** Ctrl+S: the chart that has (or last had) the focus, as a PNG of its size on screen. */
    public void exportFocusedChart() {
        ChartView chart = focusedChart().orElse(lastChart);
        String name = chart.getId() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".png";
        choose("Save chart as PNG", name, "png").ifPresent(file ->
                ChartExport.png(chart, file, services.executor(), status::setText));
    }

    public void exportCsv() {
        String name = "runs-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".csv";
        choose("Save run metrics as CSV", name, "csv").ifPresent(file -> vm.runs().exportCsv(file, status::setText));
    }

    private Optional<ChartView> focusedChart() {
        Node node = getScene() == null ? null : getScene().getFocusOwner();
        while (node != null && !(node instanceof ChartView)) {
            node = node.getParent();
        }
        return Optional.ofNullable((ChartView) node);
    }

    private Optional<Path> choose(String title, String name, String extension) {
        ExportTarget target = services.exportTarget();
        if (target != null) {
            return target.choose(title, name, extension);
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(extension.toUpperCase() + " files", "*." + extension));
        return Optional.ofNullable(chooser.showSaveDialog(getScene().getWindow())).map(java.io.File::toPath);
    }

    public ExplorerViewModel viewModel() {
        return vm;
    }

    public HiddenStatesViewModel hiddenStates() {
        return hiddenTab.viewModel();
    }

    public LessonViewModel lesson() {
        return lesson;
    }

    public BooleanProperty sidePanelShownProperty() {
        return sidePanelShown;
    }

    public BooleanProperty bottomPanelShownProperty() {
        return bottomPanelShown;
    }

    public TabPane tabs() {
        return tabs;
    }

    public ThemeManager theme() {
        return theme;
    }

    public LiveCharts liveCharts() {
        return live;
    }

    public CompareChartView compareChart() {
        return compare;
    }
}
