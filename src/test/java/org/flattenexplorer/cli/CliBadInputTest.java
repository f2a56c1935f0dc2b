package org.flattenexplorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.flattenexplorer.data.Review;
import org.flattenexplorer.data.SyntheticReviews;
import org.flattenexplorer.inspect.InspectFixtures;
import org.flattenexplorer.model.Preset;
import org.flattenexplorer.training.RunStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The campaign's bad inputs, one row each: the command line, the exit code and what the one line on stderr
 * must say. Every row fails before any training (no "Epoch" on stdout), with no stack trace and no Java class
 * name. Tests run as root, so "unwritable" is a path under a regular file, which fails for everyone.
 */
class CliBadInputTest {
    @TempDir
    static Path temp;
    private static String previousRuns;
    private static Path file;
    private static Path run;
    private static Path mismatched;
    private static Path oneClass;

    /** A tiny model, small data, one epoch: the rows that get past the checks would train in a second. */
    private static final String[] TINY = {"--maxlen", "40", "--units", "8", "--embedding", "8", "--train-size", "64",
            "--val-size", "32", "--test-size", "32", "--epochs", "1"};

    private record Row(String name, int exit, String message, String... args) {}

    @BeforeAll
    static void fixtures() throws Exception {
        previousRuns = System.getProperty(RunStore.ROOT_PROPERTY);
        System.setProperty(RunStore.ROOT_PROPERTY, temp.resolve("store").toString());
        file = Files.writeString(temp.resolve("a-file.txt"), "a regular file");
        run = InspectFixtures.save(Preset.QUESTION_FLATTEN, temp.resolve("run")).folder();
        mismatched = Files.createDirectories(temp.resolve("mismatched"));
        for (String f : List.of(RunStore.RUN_JSON, RunStore.METRICS_CSV, RunStore.VOCABULARY_JSON)) {
            Files.copy(run.resolve(f), mismatched.resolve(f));
        }
        Path other = InspectFixtures.save(Preset.QUESTION_LAST, temp.resolve("other")).folder();
        Files.copy(other.resolve(RunStore.MODEL_ZIP), mismatched.resolve(RunStore.MODEL_ZIP), StandardCopyOption.REPLACE_EXISTING);
        oneClass = temp.resolve("one-class");
        for (String folder : List.of("train/pos", "train/neg", "test/pos", "test/neg")) {
            Files.createDirectories(oneClass.resolve(folder));
        }
        List<Review> reviews = SyntheticReviews.generate("train", 200, 1);
        for (int i = 0; i < reviews.size(); i++) {
            Files.writeString(oneClass.resolve("train/neg/" + i + "_2.txt"), reviews.get(i).text());
        }
        Files.writeString(oneClass.resolve("test/pos/0_9.txt"), "great");
    }

    @AfterAll
    static void restore() {
        if (previousRuns == null) {
            System.clearProperty(RunStore.ROOT_PROPERTY);
        } else {
            System.setProperty(RunStore.ROOT_PROPERTY, previousRuns);
        }
    }

    private static String[] train(String... args) {
        List<String> all = new ArrayList<>(List.of("train"));
        all.addAll(List.of(args));
        all.addAll(List.of(TINY));
        return all.toArray(String[]::new);
    }

    private static List<Row> rows() throws Exception {
        Path binary = Files.write(temp.resolve("review.bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0xc3});
        Path latin1 = Files.write(temp.resolve("latin1.txt"), "un film très réussi".getBytes(StandardCharsets.ISO_8859_1));
        Path runsFile = Files.writeString(temp.resolve("runs-is-a-file"), "x");
        Path json = Files.writeString(temp.resolve("runs5.json"), "{\"runs\":5}");
        Path similar = Files.writeString(temp.resolve("similar.json"),
                "{\"runs\":[{\"name\":\"a\",\"epochs\":[{\"epoch\":1,\"loss\":0.6,\"accuracy\":0.5}],\"test_accuracy\":null}]}");
        Path broken = Files.writeString(temp.resolve("broken.json"), "{\"runs\": [\n  {\"name\": \"a\",}\n]}");
        String under = file.resolve("x").toString();
        String r = run.toString();
        Path noText = Files.writeString(temp.resolve("no-text.csv"), "id,sentiment\n1,positive\n2,negative\n");
        Path unknown = Files.writeString(temp.resolve("unknown.csv"), "review,label\nlovely,good\nawful,bad\n");
        Path mixed = Files.writeString(temp.resolve("mixed.csv"), "review,label\nlovely,positive\nawful,0\nok,1\n");
        Path emptyCsv = Files.writeString(temp.resolve("empty.csv"), "");
        Path badRows = Files.writeString(temp.resolve("bad-rows.csv"), "review,label\nlovely,1\nan, unquoted comma,0\n");
        StringBuilder negatives = new StringBuilder("review,label\n");
        for (int i = 0; i < 200; i++) {
            negatives.append("dull film number ").append(i).append(",negative\n");
        }
        Path oneClassCsv = Files.writeString(temp.resolve("negatives.csv"), negatives);
        String keras = System.getProperty("flatten.test.keras");
        Path embeddingLstm = Path.of(keras, "embedding_lstm_tensorflow_2.h5");
        Path notHdf5 = Files.writeString(temp.resolve("model.h5"), "not a model");
        Path keras3 = temp.resolve("model.keras");
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(keras3))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("config.json"));
            zip.write("{}".getBytes(StandardCharsets.UTF_8));
        }
        Path weightsOnly = temp.resolve("weights.h5");
        try (org.flattenexplorer.keras.Hdf5File h5 = org.flattenexplorer.keras.Hdf5File.create(weightsOnly)) {
            h5.writeStringsAttribute("", "layer_names", List.of("dense_1"));
            h5.writeFloats("dense_1/dense_1/kernel:0", new int[] {2, 1}, new float[] {1, 2});
        }
        Path noConfig = temp.resolve("no-config.h5");
        try (org.flattenexplorer.keras.Hdf5File h5 = org.flattenexplorer.keras.Hdf5File.create(noConfig)) {
            h5.createGroup("something");
        }
        Path gru = temp.resolve("gru.h5");
        try (org.flattenexplorer.keras.Hdf5File h5 = org.flattenexplorer.keras.Hdf5File.create(gru)) {
            h5.writeStringAttribute("", "keras_version", "2.2.4");
            h5.writeStringAttribute("", "model_config", "{\"class_name\": \"Sequential\", \"config\": {\"layers\": ["
                    + "{\"class_name\": \"GRU\", \"config\": {\"name\": \"gru_1\", \"units\": 4, "
                    + "\"batch_input_shape\": [null, 5, 3]}}, {\"class_name\": \"Dense\", \"config\": {\"name\": "
                    + "\"dense_1\", \"units\": 1, \"activation\": \"sigmoid\"}}]}}");
        }
        Path bigTokenizer = Files.writeString(temp.resolve("tokenizer.json"), "{\"class_name\": \"Tokenizer\", "
                + "\"config\": {\"num_words\": null, \"word_index\": \"{\\\"the\\\": 1, \\\"film\\\": 9}\"}}");
        return List.of(
                // 2. outputs, checked before training
                new Row("--out is an existing folder", 2, "already exists", train("--synthetic", "--out", temp.toString())),
                new Row("--out under a file", 2, file + " is a file, not a folder", train("--synthetic", "--out", under)),
                new Row("--out empty", 2, "--out needs a path", train("--synthetic", "--out", "")),
                new Row("--rounds without --window", 2, "--rounds is for bench --window",
                        new String[] {"bench", "--synthetic", "--rounds", "3"}),
                new Row("the runs folder is a file", 2, "the runs folder " + runsFile + " is a file",
                        train("--synthetic")),
                new Row("the home (runs folder) cannot be written", 2, "cannot write the runs folder",
                        train("--synthetic")),
                new Row("compare --json is a folder", 2, "is a folder: give a file name",
                        "compare", "--synthetic", "--json", temp.toString()),
                new Row("compare --json under a file", 2, "is a file, not a folder",
                        "compare", "--synthetic", "--json", under + ".json"),
                new Row("compare --presets with an unknown last name", 2, "unknown preset 'nope'",
                        "compare", "--synthetic", "--presets", "question-flatten,nope"),
                new Row("compare --presets with an empty name", 2, "empty name",
                        "compare", "--synthetic", "--presets", "question-flatten,,last-pre"),
                // 3. the data's classes
                new Row("a training folder with one class", 2, "only one class (0 pos, 200 neg)",
                        train("--data", oneClass.toString())),
                // 3b. your own CSV of labelled texts
                new Row("a CSV with no text column", 2, "has no text column: none of its columns ('id', 'sentiment')",
                        train("--data", noText.toString())),
                new Row("a CSV with unknown labels", 2, "say which is positive with --labels good,bad",
                        train("--data", unknown.toString())),
                new Row("a CSV with mixed labels", 2, "mixes two kinds of labels", train("--data", mixed.toString())),
                new Row("an empty CSV", 2, "empty.csv is empty", train("--data", emptyCsv.toString())),
                new Row("a CSV with a bad row", 2, "1 bad row (line 3: 3 fields where the header has 2",
                        train("--data", badRows.toString())),
                new Row("a CSV with one class", 2, "only one class (0 pos, 160 neg)",
                        train("--data", oneClassCsv.toString())),
                new Row("--labels with one value", 2, "--labels needs two values",
                        train("--data", unknown.toString(), "--labels", "good")),
                new Row("--text-column for a folder", 2, "--text-column is for a CSV/TSV file",
                        train("--data", oneClass.toString(), "--text-column", "review")),
                new Row("--test-data that does not exist", 2, "No reviews file at",
                        train("--data", unknown.toString(), "--labels", "good,bad", "--test-data",
                                temp.resolve("none.csv").toString())),
                // 3c. the data-size experiment
                new Row("--train-sizes that is not a list of numbers", 2, "--train-sizes needs whole numbers",
                        "compare", "--synthetic", "--train-sizes", "448,many"),
                new Row("--train-sizes with a size twice", 2, "lists 64 twice", "compare", "--synthetic",
                        "--train-sizes", "64,64"),
                new Row("--train-sizes with --train-size", 2, "--train-size and --train-sizes both given",
                        "compare", "--synthetic", "--train-sizes", "64", "--train-size", "64"),
                new Row("--train-sizes beyond the data", 2, "but 30,000 + 200 and 1,000 were asked",
                        "compare", "--synthetic", "--train-sizes", "64,30000", "--presets", "question-flatten"),
                new Row("--png without --train-sizes", 2, "--png draws the data-size chart",
                        "compare", "--synthetic", "--png", temp.resolve("x.png").toString()),
                // 3d. your Keras model
                new Row("a Keras model that is not HDF5", 2, "is not an HDF5 file",
                        "import", "--keras", notHdf5.toString()),
                new Row("a Keras 3 .keras file", 2, "is a Keras 3 .keras file (a zip archive)",
                        "import", "--keras", keras3.toString()),
                new Row("a weights-only file", 2, "holds only weights (model.save_weights)",
                        "import", "--keras", weightsOnly.toString()),
                new Row("an HDF5 file without a model config", 2, "without a Keras model configuration",
                        "import", "--keras", noConfig.toString()),
                new Row("a model with an unsupported layer", 2, "gru_1 (GRU): not one of the layers Flatten Explorer opens",
                        "import", "--keras", gru.toString()),
                new Row("a tokenizer that does not match the embedding", 2, "does not match embedding_lstm_tensorflow_2.h5: "
                        + "it gives ids up to 9, but the model's Embedding has 4 rows",
                        "import", "--keras", embeddingLstm.toString(), "--tokenizer", bigTokenizer.toString()),
                new Row("a missing Keras model", 2, "No Keras model file at",
                        "import", "--keras", temp.resolve("none.h5").toString()),
                new Row("inspect --keras of a model outside the family", 2, "cannot be shown as hidden states of one review",
                        "inspect", "--keras", embeddingLstm.toString(), "--review", "great", "--png",
                        temp.resolve("k.png").toString()),
                new Row("inspect with --run and --keras", 2, "one of them",
                        "inspect", "--run", r, "--keras", embeddingLstm.toString(), "--review", "great", "--png",
                        temp.resolve("k.png").toString()),
                // 5. memory
                new Row("a spec too large for memory", 2, "this model needs about",
                        "train", "--synthetic", "--units", "1024", "--maxlen", "2000", "--epochs", "1"),
                // 6. inspect outputs and review files
                new Row("inspect --png is a folder", 2, "--png " + temp + " is a folder",
                        "inspect", "--run", r, "--review", "great", "--png", temp.toString()),
                new Row("inspect --png under a file", 2, "is a file, not a folder",
                        "inspect", "--run", r, "--review", "great", "--png", under + ".png"),
                new Row("inspect --csv under a file", 2, "is a file, not a folder",
                        "inspect", "--run", r, "--review", "great", "--csv", under + ".csv"),
                new Row("inspect a binary review file", 2, "is binary, not text",
                        "inspect", "--run", r, "--review", binary.toString(), "--csv", temp.resolve("b.csv").toString()),
                new Row("inspect a review file that is not UTF-8", 2, "not valid UTF-8 text",
                        "inspect", "--run", r, "--review", latin1.toString(), "--csv", temp.resolve("l.csv").toString()),
                // 7. run.json against model.zip
                new Row("inspect a model from another run", 2, "does not match its run.json",
                        "inspect", "--run", mismatched.toString(), "--review", "great", "--csv",
                        temp.resolve("m.csv").toString()),
                // 9. option parsing
                new Row("--masking=maybe", 2, "--masking needs true or false", train("--synthetic", "--masking=maybe")),
                new Row("a switch given a separate value", 2, "after --masking: it is a switch",
                        train("--synthetic", "--masking", "yes")),
                new Row("--data with --synthetic", 2, "--data and --synthetic both given",
                        train("--synthetic", "--data", oneClass.toString())),
                new Row("an option given twice", 2, "--seed given twice ('1' and '2')",
                        train("--synthetic", "--seed", "1", "--seed", "2")),
                new Row("--masking and --no-masking", 2, "choose one", train("--synthetic", "--masking", "--no-masking")),
                new Row("--train-size beyond the synthetic set", 2, "at most 25,000",
                        "train", "--synthetic", "--train-size", "1000000"),
                new Row("--return-sequences maybe", 2, "--return-sequences needs true or false",
                        train("--synthetic", "--return-sequences", "maybe")),
                // 10. inspect --review that looks like a path
                new Row("inspect --review a missing file", 2, "no review file at",
                        "inspect", "--run", r, "--review", "reviews/missing.txt", "--csv", temp.resolve("c.csv").toString()),
                new Row("inspect --review a folder", 2, "is a folder",
                        "inspect", "--run", r, "--review", temp.toString(), "--csv", temp.resolve("d.csv").toString()),
                // 11. report on files of a similar shape
                new Row("report {\"runs\":5}", 2, "\"runs\" is not a non-empty list", "report", json.toString()),
                new Row("report without val_loss", 2, "\"runs[0].epochs[0].val_loss\" is missing", "report", similar.toString()),
                new Row("report of broken JSON", 2, "is not valid JSON (line 2", "report", broken.toString()),
                new Row("report of a missing file", 2, "no file at", "report", temp.resolve("none.json").toString()));
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputGetsOneLineNamingTheProblemBeforeAnyTraining() throws Exception {
        Path runsFile = temp.resolve("runs-is-a-file");
        return rows().stream().map(row -> DynamicTest.dynamicTest(row.name(), () -> {
            CliRunner cli = new CliRunner();
            boolean movesStore = row.name().startsWith("the runs folder is") || row.name().startsWith("the home");
            if (movesStore) {
                // as root nothing is read-only: a home under a regular file cannot be written by anyone
                System.setProperty(RunStore.ROOT_PROPERTY, row.name().startsWith("the home")
                        ? file.resolve("home/.flatten-explorer/runs").toString() : runsFile.toString());
            }
            int code;
            try {
                code = cli.run(row.args());
            } finally {
                if (movesStore) {
                    System.setProperty(RunStore.ROOT_PROPERTY, temp.resolve("store").toString());
                }
            }
            assertThat(code).as(row.name() + "\n" + cli.stderr()).isEqualTo(row.exit());
            List<String> lines = cli.stderr().lines().filter(l -> !l.startsWith("note: ")).toList();
            assertThat(lines).as(row.name()).singleElement().asString().startsWith("error: ").contains(row.message())
                    .doesNotContainPattern("\\w+(Exception|Error)\\b").doesNotContain("\tat ");
            assertThat(cli.stdout()).as(row.name() + ": no training").doesNotContain("Epoch 1/");
        }));
    }

    @Test
    void nothingAlreadySavedIsTouchedByTheRefusals() throws Exception {
        assertThat(Files.readString(file)).isEqualTo("a regular file");
        assertThat(RunStore.load(run).epochs()).isNotEmpty();
        assertThat(temp.resolve("store")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
                p -> assertThat(Files.list(p).filter(f -> !f.getFileName().toString().startsWith(".")).count()).isZero());
    }

    @Test
    void switchesTakeAnExplicitTrueOrFalse() {
        assertThat(CliOptions.parse(List.of("--masking=yes"), java.util.Set.of()).flag("masking")).isTrue();
        assertThat(CliOptions.parse(List.of("--masking=no"), java.util.Set.of()).flag("masking")).isFalse();
        assertThat(CliOptions.parse(List.of("--synthetic=false"), java.util.Set.of()).flag("synthetic")).isFalse();
        assertThat(CliOptions.parse(List.of("--synthetic"), java.util.Set.of()).flag("synthetic")).isTrue();
        assertThat(CliOptions.parse(List.of("--return-sequences", "no"), java.util.Set.of("return-sequences"))
                .bool("return-sequences")).hasValue(false);
    }

    @Test
    void validButMisleadingSettingsTrainWithANote() throws Exception {
        CliRunner cli = new CliRunner();
        int code = cli.run("train", "--synthetic", "--head", "flatten", "--return-sequences", "false", "--maxlen", "40",
                "--units", "8", "--embedding", "8", "--train-size", "64", "--val-size", "32", "--test-size", "0",
                "--epochs", "1", "--out", temp.resolve("noted").toString());

        assertThat(code).as(cli.stderr()).isZero();
        assertThat(cli.stderr()).contains("note: with --return-sequences false").contains("Flatten changes nothing")
                .contains("note: no test reviews asked");
        assertThat(cli.stdout()).contains("test_accuracy: n/a");
        assertThat(RunStore.load(temp.resolve("noted")).info().testAccuracy()).isNull();
    }
}
