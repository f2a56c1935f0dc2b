package org.flattenexplorer.ui.hidden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flattenexplorer.inspect.Explanation;
import org.flattenexplorer.inspect.InspectFixtures;
import org.flattenexplorer.model.Preset;
import org.flattenexplorer.training.EpochMetrics;
import org.flattenexplorer.training.TrainingEvent;
import org.flattenexplorer.training.TrainingListener;
import org.flattenexplorer.training.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The view model without a toolkit: both executors run on the calling thread. */
class HiddenStatesViewModelTest {
    private final HiddenStatesViewModel vm = new HiddenStatesViewModel(Runnable::run, Runnable::run);

    @Test
    void showingTextProbesItUnderTheCurrentModel() {
        vm.modelProperty().set(InspectFixtures.model(Preset.QUESTION_FLATTEN));

        vm.showText("a great film");

        assertThat(vm.getInspection().review().words()[0]).isEqualTo("a");
        assertThat(vm.getInspection().timeSteps()).isEqualTo(200);
        assertThat(vm.lastUpdateMillisProperty().get()).isPositive();
        assertThat(vm.statusProperty().get()).contains("P(positive)");
    }

    @Test
    void aSecondModelShowsTheSameReviewSideBySide() {
        vm.modelProperty().set(InspectFixtures.model(Preset.QUESTION_LAST));
        vm.compareModelProperty().set(InspectFixtures.model(Preset.LAST_PRE));

        vm.showText("a great film");

        assertThat(vm.getInspection().review().lastWordPosition()).isEqualTo(2);
        assertThat(vm.compareInspectionProperty().get().review().lastWordPosition()).isEqualTo(199);
        assertThat(SideBySideView.describe(vm.getInspection())).contains("197 padding steps later");
        assertThat(SideBySideView.describe(vm.compareInspectionProperty().get())).contains("right after the last word");
    }

    @Test
    void anEpochEndRefreshesTheChosenReviewUnlessFrozen() {
        TrainingRun run = InspectFixtures.trained(Preset.QUESTION_FLATTEN);
        vm.modelProperty().set(InspectFixtures.model(Preset.QUESTION_FLATTEN));
        vm.showText("a great film");
        TrainingListener live = vm.liveListener("live", run);
        EpochMetrics metrics = new EpochMetrics(3, 0.5, 0.8, 0.6, 0.7, 1);

        vm.frozenProperty().set(true);
        live.onEvent(new TrainingEvent.EpochEnd(metrics, 7, 8));
        assertThat(vm.getInspection().modelName()).isEqualTo(Preset.QUESTION_FLATTEN.title());

        vm.frozenProperty().set(false);
        live.onEvent(new TrainingEvent.EpochEnd(metrics, 7, 8));
        assertThat(vm.getInspection().modelName()).isEqualTo("live (epoch 3)");
        assertThat(vm.modelProperty().get().network()).isNotSameAs(run.network());
    }

    @Test
    void onlyTheNewestRequestIsApplied() {
        List<Runnable> pending = new ArrayList<>();
        HiddenStatesViewModel queued = new HiddenStatesViewModel(Runnable::run, pending::add);
        queued.modelProperty().set(InspectFixtures.model(Preset.QUESTION_FLATTEN));
        queued.showText("a film");
        queued.showText("great film");

        pending.forEach(Runnable::run);

        assertThat(queued.getInspection().review().words()[0]).isEqualTo("great");
    }

    @Test
    void exportsThePngAndTheCsvOfTheShownReview(@TempDir Path dir) throws Exception {
        vm.modelProperty().set(InspectFixtures.model(Preset.QUESTION_LAST));
        vm.showText("a great film");

        vm.exportPng(dir.resolve("a.png"));
        vm.exportCsv(dir.resolve("a.csv"));

        assertThat(Files.size(dir.resolve("a.png"))).isGreaterThan(10_000);
        assertThat(Files.readAllLines(dir.resolve("a.csv"))).hasSize(201);
    }

    @Test
    void theExplanationOffersThePresetUntilARunExistsThenQuotesIt() {
        assertThat(vm.explanation()).allMatch(c -> c.evidence().isEmpty());
        List<Preset> asked = new ArrayList<>();
        vm.setActions(asked::add, r -> { });
        vm.runPreset(vm.explanation().get(2).preset());
        assertThat(asked).containsExactly(Preset.QUESTION_LAST);

        TrainingRun run = InspectFixtures.trained(Preset.QUESTION_FLATTEN);
        var result = new org.flattenexplorer.training.RunResult(org.flattenexplorer.training.RunStatus.FINISHED,
                List.of(new EpochMetrics(1, 0.4, 0.91, 0.7, 0.63, 1)), List.of(), 0.6, 1);
        vm.runs().add(new Explanation.Evidence("my flatten run", run.spec(), result));

        Explanation.Claim weights = vm.explanation().get(1);
        assertThat(weights.title()).isEqualTo("Why 3,201 weights instead of 17"); // 200 x 16 + 1, 16 + 1
        assertThat(weights.text()).contains("\"my flatten run\"").contains("0.910").contains("0.630").contains("0.280");
        assertThat(weights.evidence()).isPresent();
    }
}
