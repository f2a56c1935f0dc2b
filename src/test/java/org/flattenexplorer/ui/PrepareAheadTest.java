package org.flattenexplorer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.flattenexplorer.data.DatasetPreparer;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.training.RunStore;
import org.flattenexplorer.ui.viewmodel.ArchitectureViewModel;
import org.flattenexplorer.ui.viewmodel.ExplorerViewModel;
import org.flattenexplorer.ui.viewmodel.UiSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reviews are prepared before Train: the summary shows their vocabulary as soon as data are chosen, an edit
 * of the preprocessing prepares again once the user pauses, and nothing is prepared for a spec that cannot train.
 */
class PrepareAheadTest {
    @TempDir
    Path temp;
    private final DelayedUiExecutor executor = new DelayedUiExecutor();
    private ExplorerViewModel vm;

    @BeforeEach
    void setUp() {
        vm = new ExplorerViewModel(executor, new RunStore(temp.resolve("runs")), UiSettings.inMemory(),
                temp.resolve("data"));
        vm.architecture().load(TinySpecs.flatten());
    }

    private static int vocabularyOf(ExperimentSpec spec) {
        return DatasetPreparer.synthetic(spec.data()).vocabulary().inputDim();
    }

    @Test
    void choosingDataShowsTheirVocabularyInTheSummaryWithoutTraining() {
        executor.runDelayed();
        assertThat(executor.backgroundJobs).as("no data chosen yet: nothing to prepare").isZero();
        assertThat(vm.architecture().vocabularySizeProperty().get()).isEqualTo(ArchitectureViewModel.QUESTION_VOCABULARY);

        vm.data().useSynthetic();
        executor.runDelayed();

        int prepared = vocabularyOf(TinySpecs.flatten());
        assertThat(prepared).isNotEqualTo(ArchitectureViewModel.QUESTION_VOCABULARY);
        assertThat(vm.architecture().vocabularySizeProperty().get()).isEqualTo(prepared);
        assertThat(vm.architecture().summaryProperty().get().rows().get(0).params()).isEqualTo(prepared * 8L);
        assertThat(vm.training().runningProperty().get()).isFalse();
        assertThat(vm.training().log()).isEmpty();
    }

    @Test
    void anEditPreparesOnceTheUserPausesAndOnlyTheLastValue() {
        vm.data().useSynthetic();
        executor.runDelayed();
        int before = executor.backgroundJobs;

        vm.architecture().maxlenProperty().set(4);
        vm.architecture().maxlenProperty().set(40);
        vm.architecture().returnSequencesProperty().set(false); // not preprocessing: nothing to prepare for it
        assertThat(executor.backgroundJobs).as("nothing while the user edits").isEqualTo(before);
        executor.runDelayed();

        assertThat(executor.backgroundJobs).as("one preparation, for maxlen 40").isEqualTo(before + 1);
        vm.architecture().maxlenProperty().set(30);
        executor.runDelayed();
        assertThat(executor.backgroundJobs).as("back to maxlen 30: prepared again (the data keep it, so at once)").isEqualTo(before + 2);
    }

    @Test
    void aSpecThatCannotTrainIsNotPrepared() {
        vm.data().useSynthetic();
        executor.runDelayed();
        int before = executor.backgroundJobs;

        vm.architecture().maxlenProperty().set(1_000_000);
        executor.runDelayed();

        assertThat(vm.architecture().validProperty().get()).isFalse();
        assertThat(executor.backgroundJobs).isEqualTo(before);
    }
}
