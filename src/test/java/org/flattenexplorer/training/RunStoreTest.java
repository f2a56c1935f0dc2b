package org.flattenexplorer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Preset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStoreTest {
    private static ExperimentSpec spec;
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
                data.source(), result.testAccuracy(), result.seconds());
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
                null, 1);

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

    private static void editRunJson(Path folder, java.util.function.Consumer<ObjectNode> edit) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(folder.resolve(RunStore.RUN_JSON).toFile());
        edit.accept(root);
        json.writeValue(folder.resolve(RunStore.RUN_JSON).toFile(), root);
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return to;
    }

    private static List<String> entries(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * run.json before the spec split: one flat spec whose seed is the run's, and beside it the data settings
     * actually used as a JSON string (a second seed of a plan reads the first seed's split).
     */
    @Test
    void aRunJsonFromBeforeTheSpecSplitReadsWithTheDataItWasTrainedOn() throws Exception {
        RunStore store = new RunStore(temp);
        SavedRun saved = save(store);
        ExperimentSpec secondSeed = spec.withTrainingSeed(spec.training().seed() + 1);
        editRunJson(saved.folder(), root -> {
            root.set("spec", flat(secondSeed));
            root.put("preprocessing", spec.data().toJson());
        });

        ExperimentSpec loaded = RunStore.load(saved.folder()).info().spec();

        assertThat(loaded).isEqualTo(secondSeed);
        assertThat(loaded.data().seed()).isEqualTo(spec.training().seed());
        assertThat(loaded.training().seed()).isEqualTo(spec.training().seed() + 1);
        assertThat(RunStore.loadNetwork(RunStore.load(saved.folder()))).isNotNull();
    }

    /** The spec as run.json held it before the split, with the training seed as its only seed. */
    private static ObjectNode flat(ExperimentSpec s) {
        ObjectNode node = new ObjectMapper().createObjectNode();
        node.put("returnSequences", s.model().returnSequences());
        node.put("head", s.model().head().name());
        node.put("padding", s.data().padding().name());
        node.put("truncating", s.data().truncating().name());
        node.put("masking", s.model().masking());
        node.put("maxlen", s.data().maxlen());
        node.put("embedding", s.model().embedding());
        node.put("units", s.model().units());
        node.put("dropout", s.model().dropout());
        node.put("lr", s.training().lr());
        node.put("batch", s.training().batch());
        node.put("epochs", s.training().epochs());
        node.put("seed", s.training().seed());
        node.put("trainSize", s.data().trainSize());
        node.put("valSize", s.data().valSize());
        node.put("testSize", s.data().testSize());
        node.putNull("numWords");
        node.putNull("wordIndex");
        node.put("lstm", s.model().implementation().name());
        return node;
    }

    @Test
    void aRunJsonWithoutCreationTimeOrNameIsListedLastAndHidesNoOtherRun() throws Exception {
        RunStore store = new RunStore(temp);
        SavedRun older = save(store);
        SavedRun edited = save(store);
        SavedRun newer = save(store);
        editRunJson(edited.folder(), root -> {
            root.remove("createdAt");
            root.remove("name");
        });

        RunStore.Listing listing = store.list();

        assertThat(listing.problems()).isEmpty();
        assertThat(listing.runs()).extracting(SavedRun::folder).hasSize(3).endsWith(edited.folder())
                .contains(older.folder(), newer.folder());
        assertThat(listing.runs().get(2).info().name()).isEqualTo(edited.folder().getFileName().toString());
    }

    @Test
    void everyDamagedFolderIsListedWithItsReasonBesideTheReadableRuns() throws Exception {
        RunStore store = new RunStore(temp);
        SavedRun good = save(store);
        Path garbage = copy(good.folder(), temp.resolve("garbage"));
        Files.writeString(garbage.resolve(RunStore.RUN_JSON), "{not json");
        Path noMetrics = copy(good.folder(), temp.resolve("no-metrics"));
        Files.delete(noMetrics.resolve(RunStore.METRICS_CSV));
        Path badSpec = copy(good.folder(), temp.resolve("bad-spec"));
        editRunJson(badSpec, root -> ((ObjectNode) root.get("spec").get("model")).put("units", 0));
        Path badStatus = copy(good.folder(), temp.resolve("bad-status"));
        editRunJson(badStatus, root -> root.put("status", "DONE"));

        RunStore.Listing listing = store.list();

        assertThat(listing.runs()).extracting(SavedRun::folder).containsExactly(good.folder());
        assertThat(listing.problems()).hasSize(4);
        assertThat(listing.problems()).anySatisfy(p -> assertThat(p).contains(garbage.toString()).contains("not valid JSON"));
        assertThat(listing.problems()).anySatisfy(p -> assertThat(p).contains(noMetrics.toString()).contains("metrics.csv is missing"));
        assertThat(listing.problems()).anySatisfy(p -> assertThat(p).contains(badSpec.toString()).contains("LSTM units"));
        assertThat(listing.problems()).anySatisfy(p -> assertThat(p).contains(badStatus.toString()).contains("\"status\""));
        assertThat(listing.problems()).allSatisfy(p -> assertThat(p).doesNotContain("Exception").doesNotContain("\n"));
    }

    @Test
    void aRunsFolderThatIsAFileIsNamedWhenListingAndRefusedWhenSaving() throws Exception {
        Path file = Files.writeString(temp.resolve("runs"), "not a folder");
        RunStore store = new RunStore(file);

        assertThat(store.list().problems()).singleElement().asString()
                .contains("the runs folder " + file + " is a file, not a folder");
        assertThatThrownBy(() -> save(store)).isInstanceOf(OutputException.class).hasMessageContaining("is a file");
        assertThatThrownBy(() -> store.requireWritable(1000)).hasMessageContaining("is a file");
        assertThat(Files.readString(file)).isEqualTo("not a folder");
    }

    @Test
    void theLeftoversOfAKilledSaveAreRemovedButNeitherFinishedRunsNorSavesInProgress() throws Exception {
        RunStore store = new RunStore(temp);
        SavedRun finished = save(store);
        long finishedBytes = store.diskUsage();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path killed = Files.createDirectories(temp.resolve(".20240101-run-s42.partial-" + gone.pid() + "-123"));
        Files.writeString(killed.resolve(RunStore.MODEL_ZIP), "half a model");
        Path inProgress = Files.createDirectories(temp.resolve(".other.partial-" + ProcessHandle.current().pid() + "-9"));
        Path oldStyle = Files.createDirectories(temp.resolve(".old.partial-55555"));
        Files.setLastModifiedTime(oldStyle, FileTime.from(Instant.now().minusSeconds(3600)));
        Path oldStyleRecent = Files.createDirectories(temp.resolve(".recent.partial-66666"));

        assertThat(store.diskUsage()).isEqualTo(finishedBytes); // hidden folders are no runs
        RunStore.Listing listing = store.list();

        assertThat(listing.runs()).extracting(SavedRun::folder).containsExactly(finished.folder());
        assertThat(listing.problems()).isEmpty();
        assertThat(killed).doesNotExist();
        assertThat(oldStyle).doesNotExist();
        assertThat(inProgress).exists();
        assertThat(oldStyleRecent).exists();
        assertThat(RunStore.loadNetwork(RunStore.load(finished.folder()))).isNotNull();
    }

    @Test
    void aModelThatDoesNotMatchItsRunJsonIsRefusedBeforeItIsUsed() throws Exception {
        RunStore store = new RunStore(temp);
        SavedRun saved = save(store);
        Path editedMaxlen = copy(saved.folder(), temp.resolve("edited-maxlen"));
        editRunJson(editedMaxlen,
                root -> ((ObjectNode) root.get("spec").get("data")).put("maxlen", spec.data().maxlen() / 2));
        ExperimentSpec other = TrainingFixtures.small(Preset.QUESTION_LAST, 1).toBuilder().units(8).build();
        TrainingRun otherRun = new TrainingRun(other, TrainingFixtures.synthetic(other));
        Path foreign = temp.resolve("foreign");
        RunResult otherResult = otherRun.run(TrainingListener.NONE);
        RunStore.saveTo(foreign, RunInfo.of("other", otherResult, other, otherRun.data()), otherResult,
                otherRun.network(), otherRun.data().vocabulary());
        Path editedCell = copy(saved.folder(), temp.resolve("edited-cell"));
        editRunJson(editedCell, root -> ((ObjectNode) root.get("spec").get("model")).put("cell", "GRU"));
        Path swapped = copy(saved.folder(), temp.resolve("swapped"));
        Files.copy(foreign.resolve(RunStore.MODEL_ZIP), swapped.resolve(RunStore.MODEL_ZIP),
                StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> RunStore.loadNetwork(RunStore.load(editedMaxlen)))
                .isInstanceOf(RunFormatException.class).hasMessageContaining("does not match its run.json")
                .hasMessageContaining("trained with maxlen " + spec.data().maxlen() + ", run.json says "
                        + spec.data().maxlen() / 2);
        assertThatThrownBy(() -> RunStore.loadNetwork(RunStore.load(editedCell)))
                .isInstanceOf(RunFormatException.class).hasMessageContaining("holds LSTM, but run.json says GRU");
        assertThatThrownBy(() -> RunStore.loadNetwork(RunStore.load(swapped)))
                .isInstanceOf(RunFormatException.class).hasMessageContaining("does not match its run.json")
                .hasMessageContaining(swapped.toString());
        assertThat(RunStore.loadNetwork(RunStore.load(saved.folder()))).isNotNull();
    }

    @Test
    void anEmptyModelFileIsListedButNamedWhenTheModelIsNeeded() throws Exception {
        RunStore store = new RunStore(temp);
        SavedRun saved = save(store);
        Files.write(saved.folder().resolve(RunStore.MODEL_ZIP), new byte[0]);

        assertThat(store.list().runs()).hasSize(1); // its curves are still worth comparing
        assertThatThrownBy(() -> RunStore.loadNetwork(saved)).isInstanceOf(RunFormatException.class)
                .hasMessageContaining("model.zip is empty (0 bytes)").hasMessageContaining("train it again");
    }

    @Test
    void aDiskThatFillsUpDuringTheSaveLeavesNoHalfRunAndKeepsEveryOtherRun() throws Exception {
        SavedRun earlier = save(new RunStore(temp));
        long[] written = {0};
        RunStore.Disk fillsUp = file -> new FilterOutputStream(Files.newOutputStream(file)) {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written[0] += len;
                if (written[0] > 4000) {
                    throw new FileSystemException(file.toString(), null, "No space left on device");
                }
                out.write(b, off, len);
            }
        };
        RunStore full = new RunStore(temp, fillsUp);

        assertThatThrownBy(() -> save(full)).isInstanceOf(OutputException.class)
                .satisfies(e -> assertThat(Failures.explain(e)).startsWith("could not save the run to " + temp)
                        .contains("the disk is full").contains("free some space"));
        assertThat(entries(temp)).containsExactly(earlier.folder().getFileName().toString());
        assertThat(RunStore.load(earlier.folder()).epochs()).hasSize(1);
    }

    @Test
    void aShortTestSplitIsRecordedWithItsRealSize() {
        ExperimentSpec asked = spec.toBuilder().testSize(1000).build();

        RunInfo info = RunInfo.of("short test folder", result, asked, data);

        assertThat(data.test().size()).isEqualTo(64);
        assertThat(info.spec().data().testSize()).isEqualTo(64);
        assertThat(info.spec().toBuilder().testSize(1000).build()).isEqualTo(asked);
    }
}
