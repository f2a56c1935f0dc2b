package org.flattenexplorer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.model.ArchitectureSpec;
import org.flattenexplorer.model.Preset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStoreTest {
    private static ArchitectureSpec spec;
    private static PreparedDataset data;
    private static TrainingRun run;
    private static RunResult result;

    @TempDir
    Path temp;

    @BeforeAll
    static void trainOnce() {
        spec = TrainingFixtures.small(Preset.QUESTION_FLATTEN, 1);
        data = TrainingFixtures.synthetic(spec);
        run = new TrainingRun(spec, data);
        result = run.run(TrainingListener.NONE);
    }

    private SavedRun save(RunStore store) {
        RunInfo info = new RunInfo(spec.describe(), result.status(), RunStore.now(), spec, data.identity(),
                data.source(), data.preprocessing().toJson(), result.testAccuracy(), result.seconds());
        return store.save(info, result, run.network(), data.vocabulary());
    }

    @Test
    void aSavedRunComesBackWithItsSpecMetricsVocabularyAndWeights() {
        SavedRun saved = save(new RunStore(temp));

        SavedRun loaded = RunStore.load(saved.folder());
        MultiLayerNetwork net = RunStore.loadNetwork(loaded);

        assertThat(loaded.info().spec()).isEqualTo(spec);
        assertThat(loaded.info().dataIdentity()).isEqualTo(data.identity());
        assertThat(loaded.epochs()).hasSize(1);
        assertThat(loaded.epochs().get(0).valAccuracy()).isCloseTo(result.epochs().get(0).valAccuracy(),
                org.assertj.core.data.Offset.offset(1e-6));
        assertThat(loaded.batchLosses()).hasSize(result.batchLosses().size());
        assertThat(RunStore.loadVocabulary(loaded).encode("great movie"))
                .isEqualTo(data.vocabulary().encode("great movie"));
        int[] rows = {0, 1, 2};
        assertThat(SplitEvaluator.predict(net, data.validation(), rows, false))
                .isEqualTo(SplitEvaluator.predict(run.network(), data.validation(), rows, false));
    }

    @Test
    void aDamagedMetricsFileIsReportedWithTheFolderAndTheFile() throws Exception {
        SavedRun saved = save(new RunStore(temp));
        Files.writeString(saved.folder().resolve(RunStore.METRICS_CSV), "epoch,loss\n1,abc\n");

        assertThatThrownBy(() -> RunStore.load(saved.folder()))
                .isInstanceOf(RunFormatException.class)
                .hasMessageContaining(saved.folder().toString())
                .hasMessageContaining("header");
    }

    @Test
    void aMissingModelOrGarbageJsonIsReportedAndTheListSkipsOnlyThatRun() throws Exception {
        RunStore store = new RunStore(temp);
        SavedRun good = save(store);
        SavedRun broken = save(store);
        Files.writeString(broken.folder().resolve(RunStore.RUN_JSON), "{not json");

        RunStore.Listing listing = store.list();

        assertThat(listing.runs()).extracting(SavedRun::folder).containsExactly(good.folder());
        assertThat(listing.problems()).singleElement().asString().contains(broken.folder().toString());
        Files.delete(good.folder().resolve(RunStore.MODEL_ZIP));
        assertThatThrownBy(() -> RunStore.load(good.folder())).hasMessageContaining("model.zip is missing");
    }

    @Test
    void savingNeverOverwritesAnExistingFolder() throws Exception {
        Path existing = Files.createDirectories(temp.resolve("mine"));
        Files.writeString(existing.resolve("notes.txt"), "keep me");
        RunInfo info = new RunInfo("x", result.status(), RunStore.now(), spec, data.identity(), data.source(),
                data.preprocessing().toJson(), null, 1);

        assertThatThrownBy(() -> RunStore.saveTo(existing, info, result, run.network(), data.vocabulary()))
                .hasMessageContaining("will not overwrite");
        assertThat(Files.readString(existing.resolve("notes.txt"))).isEqualTo("keep me");
    }

    @Test
    void renameChangesTheNameAndDeleteRemovesTheFolder() {
        RunStore store = new RunStore(temp);
        SavedRun saved = save(store);

        SavedRun renamed = RunStore.rename(saved, "  my favourite  ");
        assertThat(renamed.info().name()).isEqualTo("my favourite");
        assertThat(store.diskUsage()).isGreaterThan(0);

        RunStore.delete(renamed);
        assertThat(store.list().runs()).isEmpty();
        assertThat(Files.exists(saved.folder())).isFalse();
    }
}
