package org.flattenexplorer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flattenexplorer.training.RunStore;
import org.flattenexplorer.training.TrainingEvent;
import org.flattenexplorer.training.TrainingListener;
import org.flattenexplorer.ui.task.CurrentThreadTaskExecutor;
import org.flattenexplorer.ui.viewmodel.ExplorerViewModel;
import org.flattenexplorer.ui.viewmodel.RunItem;
import org.flattenexplorer.ui.viewmodel.TrainingViewModel;
import org.flattenexplorer.ui.viewmodel.UiSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's view models when things go wrong: every readable run stays listed beside damaged ones, which
 * are all named; a failure is kept in full; a run that trained but could not be saved is kept and saved again.
 */
class WindowFailuresTest {
    @TempDir
    Path temp;

    private ExplorerViewModel window(Path runs) {
        ExplorerViewModel vm = new ExplorerViewModel(new CurrentThreadTaskExecutor(), new RunStore(runs),
                UiSettings.inMemory(), temp.resolve("data"));
        vm.data().useSynthetic();
        return vm;
    }

    @Test
    void everyReadableRunIsListedAndEveryDamagedFolderNamed() throws Exception {
        Path runs = temp.resolve("runs");
        ExplorerViewModel vm = window(runs);
        vm.architecture().load(TinySpecs.flatten());
        vm.trainCurrent();
        vm.trainCurrent();
        Path[] saved = Files.list(runs).sorted().toArray(Path[]::new);
        String json = Files.readString(saved[0].resolve(RunStore.RUN_JSON));
        Files.writeString(saved[0].resolve(RunStore.RUN_JSON), json.replaceAll("\"createdAt\" : \"[^\"]*\",", ""));
        Path garbage = Files.createDirectories(runs.resolve("garbage"));
        Files.writeString(garbage.resolve(RunStore.RUN_JSON), "{");
        Path empty = Files.createDirectories(runs.resolve("empty"));

        vm.runs().refresh();

        assertThat(vm.runs().runs()).extracting(item -> item.run().folder()).containsExactlyInAnyOrder(saved);
        assertThat(vm.runs().problems()).hasSize(2).anySatisfy(p -> assertThat(p).contains(garbage.toString()))
                .anySatisfy(p -> assertThat(p).contains(empty.toString()));
        assertThat(vm.runs().messageProperty().get()).startsWith("2 run folders could not be read")
                .contains("see Details");
    }

    @Test
    void aRunsFolderThatIsAFileIsNamedAndTrainStopsBeforeTraining() throws Exception {
        Path runs = Files.writeString(temp.resolve("runs"), "a file");
        ExplorerViewModel vm = window(runs);

        vm.runs().refresh();
        vm.architecture().load(TinySpecs.flatten());
        vm.trainCurrent();

        assertThat(vm.runs().problems()).singleElement().asString().contains("the runs folder " + runs + " is a file");
        TrainingViewModel t = vm.training();
        assertThat(t.failureProperty().get()).startsWith("Training failed: the runs folder " + runs + " is a file")
                .contains("move or rename that file");
        assertThat(t.epochs()).isEmpty();
        assertThat(t.log()).noneMatch(l -> l.startsWith("Epoch"));
        assertThat(t.runningProperty().get()).isFalse();
    }

    @Test
    void aSpecTooLargeForMemoryIsRefusedBeforeTrainingWithItsEstimate() {
        ExplorerViewModel vm = window(temp.resolve("runs"));
        vm.architecture().load(TinySpecs.flatten().toBuilder().units(1024).maxlen(2000).build());

        vm.trainCurrent();

        assertThat(vm.training().failureProperty().get()).contains("this model needs about").contains("GB of memory")
                .contains("fewer units");
        assertThat(vm.training().epochs()).isEmpty();
        assertThat(vm.training().failureDetailsProperty().get()).contains("InvalidSpecException");
    }

    @Test
    void aRunThatTrainedButCouldNotBeSavedIsKeptAndSavedAgain() throws Exception {
        Path runs = Files.createDirectories(temp.resolve("runs"));
        ExplorerViewModel vm = window(runs);
        TrainingViewModel t = vm.training();
        // the runs folder turns into a file while the run trains: the save fails after all the training
        t.observeRuns((run, data) -> event -> {
            if (event instanceof TrainingEvent.Finished) {
                try {
                    Files.delete(runs);
                    Files.writeString(runs, "in the way");
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        vm.architecture().load(TinySpecs.flatten());

        vm.trainCurrent();

        assertThat(t.epochs()).hasSize(2);
        assertThat(t.failureProperty().get()).startsWith("The run trained but was not saved: ").contains("is a file");
        assertThat(t.canSaveAgainProperty().get()).isTrue();
        assertThat(vm.runs().runs()).isEmpty();

        Files.delete(runs);
        t.observeRuns((run, data) -> TrainingListener.NONE);
        t.saveAgain();

        assertThat(t.canSaveAgainProperty().get()).isFalse();
        assertThat(t.failureProperty().get()).isEmpty();
        assertThat(vm.runs().runs()).extracting(RunItem::name).containsExactly("Flatten · post padding · 8 units");
        assertThat(RunStore.load(vm.runs().runs().get(0).run().folder()).epochs()).hasSize(2);
    }
}
