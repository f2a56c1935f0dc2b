package org.flattenexplorer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.collections.ListChangeListener;
import org.flattenexplorer.charts.CompareCurve;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.training.EpochMetrics;
import org.flattenexplorer.training.RunResult;
import org.flattenexplorer.training.RunStatus;
import org.flattenexplorer.training.RunStore;
import org.flattenexplorer.training.SavedRun;
import org.flattenexplorer.training.TrainingEvent;
import org.flattenexplorer.ui.task.CurrentThreadTaskExecutor;
import org.flattenexplorer.ui.viewmodel.ExplorerViewModel;
import org.flattenexplorer.ui.viewmodel.RunItem;
import org.flattenexplorer.ui.viewmodel.TrainingViewModel;
import org.flattenexplorer.ui.viewmodel.UiSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The view models without the FX toolkit: core events in, properties out; training runs in place. */
class TrainingViewModelTest {
    @TempDir
    Path temp;
    private ExplorerViewModel vm;
    private RunStore store;

    @BeforeEach
    void setUp() {
        store = new RunStore(temp.resolve("runs"));
        vm = new ExplorerViewModel(new CurrentThreadTaskExecutor(), store, UiSettings.inMemory(), temp.resolve("data"));
        vm.data().useSynthetic();
    }

    @Test
    void batchAndEpochEventsBecomeProgressPointsAndKerasLines() {
        TrainingViewModel t = vm.training();
        t.handle(new TrainingEvent.BatchEnd(1, 2, 1, 4, 0.7, 0.7, 0.5));
        assertThat(t.progressProperty().get()).isEqualTo(0.125);
        assertThat(t.progressTextProperty().get()).contains("Epoch 1/2").contains("batch 1/4");
        assertThat(t.log()).containsExactly("Epoch 1/2", "1/4 [======>.......................] - loss: 0.7000 - accuracy: 0.5000");
        t.handle(new TrainingEvent.BatchEnd(1, 2, 4, 4, 0.6, 0.65, 0.55));
        t.handle(new TrainingEvent.EpochEnd(new EpochMetrics(1, 0.65, 0.55, 0.69, 0.52, 3.0), 2, 4));
        assertThat(t.log()).hasSize(2);
        assertThat(t.log().get(1)).startsWith("4/4 [==============================] - 3s").contains("val_accuracy: 0.5200");
        assertThat(t.epochs()).hasSize(1);
        assertThat(t.batchLosses()).extracting(TrainingViewModel.BatchPoint::x).containsExactly(0.25, 1.0);
        assertThat(t.bestEpochProperty().get()).isEqualTo(1);
        t.handle(new TrainingEvent.BatchEnd(2, 2, 1, 4, 0.5, 0.5, 0.6));
        t.handle(new TrainingEvent.EpochEnd(new EpochMetrics(2, 0.5, 0.6, 0.7, 0.5, 3.0), 2, 4));
        assertThat(t.bestEpochProperty().get()).isEqualTo(1);
        assertThat(t.log()).hasSize(4);
    }

    @Test
    void trainingATinySpecOnSyntheticReviewsFillsCurvesLogAndRunList() {
        vm.architecture().load(TinySpecs.flatten());
        vm.trainCurrent();
        TrainingViewModel t = vm.training();
        assertThat(t.epochs()).as(String.join("\n", t.log())).hasSize(2);
        assertThat(t.batchLosses()).hasSize(4);
        assertThat(t.runningProperty().get()).isFalse();
        assertThat(t.log()).anyMatch(l -> l.startsWith("2/2 [") && l.contains("val_accuracy"));
        assertThat(t.log()).anyMatch(l -> l.startsWith("Finished"));
        assertThat(vm.runs().runs()).as(String.join("\n", t.log())).hasSize(1);
        RunItem item = vm.runs().runs().get(0);
        assertThat(item.name()).isEqualTo("Flatten · post padding · 8 units");
        assertThat(item.tickedProperty().get()).isTrue();
        assertThat(store.list().runs()).hasSize(1);
        assertThat(vm.architecture().vocabularySizeProperty().get()).isLessThan(37_252);
    }

    @Test
    void aRunKeepsOneRedrawOfItsBatchPointsWaitingAtATime() {
        DelayedUiExecutor executor = new DelayedUiExecutor();
        ExplorerViewModel delayed = new ExplorerViewModel(executor, store, UiSettings.inMemory(), temp.resolve("data"));
        delayed.data().useSynthetic();
        delayed.architecture().load(TinySpecs.flatten().toBuilder().epochs(3).build());
        executor.runDelayed(); // the reviews prepared ahead
        executor.delayed.clear();

        delayed.trainCurrent();

        // each epoch's end drew at once; the batch points' drain scheduled by the first batch still waits, alone
        assertThat(delayed.training().epochs()).hasSize(3);
        assertThat(executor.delayed).hasSize(1);
        executor.runDelayed();
        assertThat(delayed.training().batchLosses()).hasSize(6);
    }

    @Test
    void stopCancelsWithinTheEpochAndKeepsACancelledRun() {
        vm.architecture().load(TinySpecs.flatten().toBuilder().epochs(50).build());
        vm.training().epochs().addListener((ListChangeListener<EpochMetrics>) c -> vm.training().stop());
        vm.trainCurrent();
        assertThat(vm.training().epochs()).hasSize(1);
        assertThat(vm.training().log()).anyMatch(l -> l.contains("kept as a cancelled run"));
        SavedRun saved = store.list().runs().get(0);
        assertThat(saved.info().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(saved.epochs()).hasSize(1);
        assertThat(vm.training().runningProperty().get()).isFalse();
    }

    @Test
    void compareOverSeedsDrawsEachVariantAsItsMeanWithASpread() {
        vm.compare(List.of(TinySpecs.flatten(), TinySpecs.lastState()), 2);
        assertThat(vm.runs().runs()).hasSize(4);
        assertThat(vm.runs().ticked()).hasSize(4);
        List<CompareCurve> curves = vm.runs().comparisonProperty().get();
        assertThat(curves).hasSize(2);
        assertThat(curves).allSatisfy(c -> {
            assertThat(c.runs()).isEqualTo(2);
            assertThat(c.mean()).hasSize(2);
            assertThat(c.label()).contains("mean of 2 seeds");
        });
        // the seeds share the first seed's data split, as the CLI's compare does
        assertThat(vm.runs().runs().stream().map(r -> r.run().info().dataIdentity()).distinct()).hasSize(2);
    }

    @Test
    void tickedRunsExportTheirNumbersAsCsvAndRenameAndDeleteGoThroughTheStore() throws Exception {
        vm.architecture().load(TinySpecs.flatten());
        vm.trainCurrent();
        vm.architecture().load(TinySpecs.lastState());
        vm.trainCurrent();
        assertThat(vm.runs().comparisonProperty().get()).hasSize(2);
        Path csv = temp.resolve("runs.csv");
        String[] message = new String[1];
        vm.runs().exportCsv(csv, m -> message[0] = m);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("run,name,seed,status,test_accuracy,epoch,loss,accuracy,val_loss,val_accuracy,seconds");
        assertThat(lines).hasSize(1 + 4);
        RunResult first = vm.runs().runs().get(1).result();
        assertThat(String.join("\n", lines)).contains(String.format(java.util.Locale.ROOT, "%.6f", first.epochs().get(1).valAccuracy()));
        assertThat(message[0]).contains("2 runs");

        RunItem item = vm.runs().runs().get(0);
        vm.runs().rename(item, "my last state");
        assertThat(vm.runs().runs().get(0).name()).isEqualTo("my last state");
        assertThat(RunStore.load(item.run().folder()).info().name()).isEqualTo("my last state");
        vm.runs().delete(item);
        assertThat(vm.runs().runs()).hasSize(1);
        assertThat(store.list().runs()).hasSize(1);
        assertThat(vm.runs().diskUsageProperty().get()).contains("MB");
    }

    @Test
    void rerunTrainsTheSavedSpecAndSeedAgain() {
        ExperimentSpec spec = TinySpecs.lastState().toBuilder().seed(7).build();
        vm.architecture().load(spec);
        vm.trainCurrent();
        SavedRun first = vm.runs().runs().get(0).run();
        vm.architecture().load(TinySpecs.flatten());
        vm.rerun(first);
        SavedRun second = vm.runs().runs().get(0).run();
        assertThat(second.info().spec()).isEqualTo(spec);
        assertThat(second.epochs().get(1).valAccuracy()).isEqualTo(first.epochs().get(1).valAccuracy());
        assertThat(vm.architecture().spec()).isEqualTo(spec);
    }
}
