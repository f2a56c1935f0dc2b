package org.flattenexplorer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.flattenexplorer.data.DataLocator;
import org.flattenexplorer.model.KerasSummary;
import org.flattenexplorer.training.RunStatus;
import org.flattenexplorer.training.RunStore;
import org.flattenexplorer.ui.hidden.HiddenStatesViewModel;
import org.flattenexplorer.ui.task.FxTaskExecutor;
import org.flattenexplorer.ui.view.ChartView;
import org.flattenexplorer.ui.view.ExportTarget;
import org.flattenexplorer.ui.viewmodel.RunItem;
import org.flattenexplorer.ui.viewmodel.UiSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window, headless (Monocle): toggles, Train/Stop on synthetic reviews, overlay, exports. */
@ExtendWith(ApplicationExtension.class)
class ExplorerWindowTest {
    @TempDir
    static Path temp;
    private MainView view;
    private FxTaskExecutor executor;
    private Path runs;
    private Path exports;

    @Start
    void start(Stage stage) throws Exception {
        runs = Files.createTempDirectory(temp, "runs");
        exports = Files.createTempDirectory(temp, "exports");
        executor = new FxTaskExecutor();
        AppServices services = new AppServices(new RunStore(runs), UiSettings.inMemory(), executor,
                ExportTarget.folder(exports), new DataLocator(name -> null, temp.resolve("home")), Optional.empty(),
                temp.resolve("data"));
        view = new MainView(services);
        Scene scene = new Scene(view, 1260, 780);
        stage.setScene(scene);
        stage.setTitle(FlattenExplorerApp.TITLE);
        view.start(scene, stage);
        stage.show();
    }

    @AfterEach
    void tearDown() {
        executor.shutdown();
    }

    private KerasSummary.Row row(FxRobot robot, String name) {
        TableView<KerasSummary.Row> table = robot.lookup("#summaryTable").queryTableView();
        return table.getItems().stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }

    @Test
    void theHiddenStatesTabShowsTheSelectedRunSideBySideWithASecondOne(FxRobot robot) throws Exception {
        robot.interact(() -> {
            view.viewModel().data().useSynthetic();
            view.viewModel().architecture().load(TinySpecs.lastState());
        });
        robot.clickOn("#trainButton");
        waitUntil(() -> view.viewModel().runs().runs().size() == 1 && !view.viewModel().training().runningProperty().get());
        robot.interact(() -> view.viewModel().architecture().load(TinySpecs.flatten()));
        robot.clickOn("#trainButton");
        waitUntil(() -> view.viewModel().runs().runs().size() == 2 && !view.viewModel().training().runningProperty().get());
        TableView<RunItem> table = robot.lookup("#runTable").queryTableView();
        HiddenStatesViewModel hidden = view.hiddenStates();

        robot.interact(() -> table.getSelectionModel().select(0));
        waitUntil(() -> hidden.getInspection() != null && hidden.modelProperty().get() != null
                && hidden.modelProperty().get().name().equals(table.getItems().get(0).run().info().name()));
        javafx.scene.control.ComboBox<RunItem> other = robot.lookup("#compareRun").queryComboBox();
        robot.interact(() -> other.getSelectionModel().select(1));

        waitUntil(() -> hidden.compareInspectionProperty().get() != null);
        assertThat(hidden.compareModelProperty().get().name()).isEqualTo(table.getItems().get(1).run().info().name());
    }

    @Test
    void withNoDataTheWelcomePanelOffersTheFourSourcesAndLeavesOnceOneIsChosen(FxRobot robot) {
        javafx.scene.Node welcome = robot.lookup("#welcome").query();
        assertThat(welcome.getParent().isVisible()).isTrue();
        assertThat(robot.lookup("#welcome #download").queryButton().getText()).contains("84 MB");
        assertThat(robot.lookup("#welcome #chooseData").tryQuery()).isPresent();
        assertThat(robot.lookup("#welcome #chooseReviewsFile").queryButton().getText()).contains("CSV/TSV");

        robot.clickOn("#welcome #useSynthetic");

        assertThat(welcome.getParent().isVisible()).isFalse();
        assertThat(view.viewModel().data().hasDataProperty().get()).isTrue();
    }

    @Test
    void togglingReturnSequencesAndFlattenChangesShapesAndParameterCounts(FxRobot robot) throws Exception {
        robot.interact(() -> view.viewModel().data().useSynthetic());
        // the reviews are prepared in the background: the summary then counts the synthetic reviews' vocabulary
        var vocabulary = view.viewModel().architecture().vocabularySizeProperty();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> vocabulary.get() != org.flattenexplorer.ui.viewmodel.ArchitectureViewModel.QUESTION_VOCABULARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(row(robot, "embedding").params()).isEqualTo(vocabulary.get() * 128L);
        assertThat(row(robot, "flatten").outputShape()).isEqualTo("(None, 64000)");
        assertThat(row(robot, "dense").params()).isEqualTo(64_001);

        robot.clickOn("#returnSequences .thumb-area");
        assertThat(row(robot, "lstm").outputShape()).isEqualTo("(None, 128)");
        assertThat(row(robot, "dense").params()).isEqualTo(129);
        assertThat(robot.lookup("#noOpNote").queryAs(Label.class).isVisible()).isTrue();

        robot.clickOn("#flatten .thumb-area");
        assertThat(row(robot, "flatten")).isNull();
        assertThat(row(robot, "dense").params()).isEqualTo(129);
        // Embedding + LSTM(128) 131,584 + Dense 129
        assertThat(robot.lookup("#totalParams").queryAs(Label.class).getText())
                .contains(KerasSummary.formatCount(vocabulary.get() * 128L + 131_584 + 129));
    }

    @Test
    void theCellChooserAndTheDirectionSwitchesReachTheSummary(FxRobot robot) {
        robot.interact(() -> view.viewModel().data().useSynthetic());
        robot.interact(() -> robot.lookup("#cell").<org.flattenexplorer.model.Cell>queryComboBox()
                .setValue(org.flattenexplorer.model.Cell.SIMPLE_RNN));
        assertThat(row(robot, "simple_rnn").params()).isEqualTo(32_896);

        robot.clickOn("#bidirectional .thumb-area");
        assertThat(row(robot, "bidirectional").outputShape()).isEqualTo("(None, 500, 256)");
        assertThat(robot.lookup("#trainButton").queryButton().isDisabled()).isFalse();

        robot.clickOn("#goBackwards .thumb-area");
        assertThat(robot.lookup("#trainButton").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#invalidReason").queryAs(Label.class).getText()).contains("go_backwards");
    }

    @Test
    void anInvalidCombinationDisablesTrainWithItsReason(FxRobot robot) {
        robot.interact(() -> view.viewModel().data().useSynthetic());
        Button train = robot.lookup("#trainButton").queryButton();
        assertThat(train.isDisabled()).isFalse();

        robot.clickOn("#flatten .thumb-area");
        assertThat(train.isDisabled()).isTrue();
        String reason = view.viewModel().architecture().invalidReasonProperty().get();
        assertThat(reason).contains("(None, 500, 1)");
        assertThat(train.getTooltip().getText()).isEqualTo(reason);
        assertThat(robot.lookup("#invalidReason").queryAs(Label.class).getText()).isEqualTo(reason);
        assertThat(row(robot, "dense").outputShape()).isEqualTo("(None, 500, 1)");
    }

    @Test
    void trainingTwoRunsDrawsLiveCurvesLogLinesAndOverlaysThemAndExportsPngAndCsv(FxRobot robot) throws Exception {
        robot.interact(() -> {
            view.viewModel().data().useSynthetic();
            view.viewModel().architecture().load(TinySpecs.flatten());
        });
        robot.clickOn("#trainButton");
        waitUntil(() -> view.viewModel().runs().runs().size() == 1);
        ChartView accuracy = robot.lookup("#accuracyChart").query();
        assertThat(accuracy.getChart().getXYPlot().getDataset(0).getItemCount(0)).isEqualTo(2);
        assertThat(accuracy.getChart().getXYPlot().getDataset(0).getItemCount(1)).isEqualTo(2);
        ChartView loss = robot.lookup("#lossChart").query();
        assertThat(loss.getChart().getXYPlot().getDataset(1).getItemCount(0)).isEqualTo(4);
        assertThat(view.viewModel().training().log()).anyMatch(l -> l.startsWith("2/2 [") && l.contains("val_accuracy"));

        robot.interact(() -> view.viewModel().architecture().load(TinySpecs.lastState()));
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        waitUntil(() -> view.viewModel().runs().runs().size() == 2 && !view.viewModel().training().runningProperty().get());
        ChartView compare = robot.lookup("#compareChart").query();
        assertThat(compare.getChart().getXYPlot().getDataset().getSeriesCount()).isEqualTo(2);
        assertThat(compare.getChart().getXYPlot().getDataset().getItemCount(1)).isEqualTo(2);
        TableView<RunItem> table = robot.lookup("#runTable").queryTableView();
        assertThat(table.getItems()).hasSize(2);

        robot.clickOn("#compareChart");
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        waitUntil(() -> list(exports, ".png").size() == 1);
        Path png = list(exports, ".png").get(0);
        assertThat(png.getFileName().toString()).startsWith("compareChart");
        waitUntil(() -> view.viewModel().runs() != null && statusText(robot).startsWith("Saved the chart"));
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo((int) Math.round(compare.getWidth()));
        assertThat(image.getHeight()).isEqualTo((int) Math.round(compare.getHeight()));
        assertThat(distinctColours(image)).isGreaterThan(10);

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.E).release(KeyCode.E, KeyCode.SHIFT, KeyCode.CONTROL);
        waitUntil(() -> list(exports, ".csv").size() == 1 && statusText(robot).startsWith("Wrote"));
        String csv = Files.readString(list(exports, ".csv").get(0));
        for (RunItem item : table.getItems()) {
            double val = item.result().epochs().get(1).valAccuracy();
            assertThat(csv).contains(item.run().folder().getFileName().toString())
                    .contains(String.format(java.util.Locale.ROOT, "%.6f", val));
        }
    }

    @Test
    void escapeStopsARunWithinOneBatchAndKeepsItAsCancelled(FxRobot robot) throws Exception {
        robot.interact(() -> {
            view.viewModel().data().useSynthetic();
            view.viewModel().architecture().load(TinySpecs.flatten().toBuilder().trainSize(256).epochs(300).build());
        });
        robot.clickOn("#trainButton");
        waitUntil(() -> view.viewModel().training().epochs().size() >= 1);
        assertThat(robot.lookup("#trainButton").queryButton().isDisabled()).isTrue();
        robot.clickOn("#progressBar");
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil(() -> view.viewModel().runs().runs().size() == 1 && !view.viewModel().training().runningProperty().get());
        RunItem item = view.viewModel().runs().runs().get(0);
        assertThat(item.run().info().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(item.result().epochs().size()).isBetween(1, 299);
        assertThat(view.viewModel().training().log()).anyMatch(l -> l.contains("kept as a cancelled run"));
        assertThat(robot.lookup("#trainButton").queryButton().isDisabled()).isFalse();
    }

    private String statusText(FxRobot robot) {
        return robot.lookup("#status").queryAs(Label.class).getText();
    }

    private static List<Path> list(Path folder, String suffix) {
        try (var files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(suffix)).toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    private static long distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    private static void waitUntil(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.getAsBoolean();
        });
    }

    @Test
    void anOpenedKerasModelShowsInTheHiddenStatesTabWithTheReviewsInUse(FxRobot robot) throws Exception {
        TinyKerasModel files = TinyKerasModel.write(Files.createTempDirectory(temp, "keras"));
        robot.interact(() -> view.viewModel().data().useSynthetic());

        robot.interact(() -> view.viewModel().keras().open(files.h5(), files.tokenizer(),
                org.flattenexplorer.data.Padding.POST));

        HiddenStatesViewModel hidden = view.hiddenStates();
        waitUntil(() -> hidden.getInspection() != null && hidden.modelProperty().get() != null
                && hidden.modelProperty().get().name().equals("tiny.h5") && hidden.datasetProperty().get() != null);
        assertThat(view.tabs().getSelectionModel().getSelectedItem().getText()).isEqualTo("Hidden states");
        assertThat(hidden.getInspection().modelName()).isEqualTo("tiny.h5");
        assertThat(hidden.datasetProperty().get().vocabulary()).isSameAs(hidden.modelProperty().get().vocabulary());
        // the report dialog is up: close it
        WaitForAsyncUtils.waitForFxEvents();
        robot.lookup("#kerasReport").tryQuery().ifPresent(n -> robot.interact(() -> n.getScene().getWindow().hide()));
    }
}
