package org.flattenexplorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    private final CliRunner cli = new CliRunner();

    @TempDir
    Path temp;

    private int run(String... args) {
        return cli.run(args);
    }

    private String stdout() {
        return cli.stdout();
    }

    private String stderr() {
        return cli.stderr();
    }

    @Test
    void summaryPrintsTheQuestionsKerasTable() {
        assertThat(run("summary", "--preset", "question-flatten", "--vocab", "37252")).isZero();

        assertThat(stdout()).contains("flatten (Flatten)").contains("(None, 64000)").contains("64,001")
                .contains("Total params: 4,963,841");
    }

    @Test
    void summaryOfAnInvalidCombinationShowsTheTableAndWhy() {
        assertThat(run("summary", "--head", "none")).isEqualTo(1);

        assertThat(stdout()).contains("(None, 500, 1)").contains("does not match one label per review");
    }

    @Test
    void userErrorsPrintOneLineAndExitNonZero() {
        assertThat(run("train", "--preset", "nope", "--synthetic")).isEqualTo(2);
        assertThat(run("train", "--synthetic", "--maxlen", "many")).isEqualTo(2);
        assertThat(run("train", "--data", temp.resolve("missing").toString())).isEqualTo(2);
        assertThat(run("frobnicate")).isEqualTo(2);

        assertThat(stderr().lines().toList()).hasSize(4).allMatch(l -> l.startsWith("error: "));
        assertThat(stderr()).contains("unknown preset 'nope'").contains("--maxlen needs a whole number, got 'many'")
                .contains(temp.resolve("missing").toString()).contains("unknown command");
        assertThat(stderr()).doesNotContain("\tat ");
    }

    @Test
    void trainPrintsKerasLinesAndWritesARunFolder() {
        Path runDir = temp.resolve("run");

        int code = run("train", "--synthetic", "--maxlen", "60", "--units", "8", "--embedding", "8",
                "--train-size", "64", "--val-size", "32", "--test-size", "32", "--epochs", "2", "--out", runDir.toString());

        assertThat(code).as(stderr()).isZero();
        assertThat(stdout()).contains("Epoch 1/2").contains("Epoch 2/2")
                .containsPattern("2/2 \\[=+\\] - \\d+s \\d+m?s/step - loss: \\d\\.\\d{4} - accuracy: \\d\\.\\d{4} "
                        + "- val_loss: \\d\\.\\d{4} - val_accuracy: \\d\\.\\d{4}");
        assertThat(runDir.resolve("run.json")).exists();
        assertThat(runDir.resolve("model.zip")).exists();
    }

    @Test
    void trainTakesTheCellAndTheDirectionAndSavesThem() throws Exception {
        Path runDir = temp.resolve("gru-run");

        int code = run("train", "--synthetic", "--cell", "gru", "--bidirectional", "--maxlen", "40", "--units", "6",
                "--embedding", "8", "--train-size", "64", "--val-size", "32", "--test-size", "32", "--epochs", "1",
                "--out", runDir.toString());
        int refused = run("train", "--synthetic", "--cell", "gru", "--lstm", "stock", "--epochs", "1");
        int both = run("summary", "--bidirectional", "--go-backwards");

        assertThat(code).as(stderr()).isZero();
        assertThat(stdout()).contains("fast Bidirectional(GRU)").contains("Epoch 1/1");
        String runJson = java.nio.file.Files.readString(runDir.resolve("run.json"));
        assertThat(runJson).contains("\"cell\" : \"GRU\"").contains("\"bidirectional\" : true");
        assertThat(refused).isEqualTo(2);
        assertThat(both).isEqualTo(2);
        assertThat(stderr()).contains("GRU has no stock DL4J layer").contains("go_backwards and Bidirectional");
    }

    @Test
    void compareWritesOneJsonEntryPerVariantAndSeed() throws Exception {
        Path json = temp.resolve("compare.json");

        int code = run("compare", "--synthetic", "--presets", "question-flatten,last-pre", "--seeds", "2",
                "--maxlen", "40", "--units", "8", "--embedding", "8", "--train-size", "64", "--val-size", "32",
                "--test-size", "32", "--epochs", "2", "--json", json.toString());

        assertThat(code).as(stderr()).isZero();
        JsonNode root = new ObjectMapper().readTree(Files.readString(json));
        assertThat(root.get("command").asText()).startsWith("flatten-explorer compare --synthetic --presets "
                + "question-flatten,last-pre --seeds 2").endsWith("--json " + json);
        assertThat(root.get("commit").asText()).isNotBlank();
        JsonNode runs = root.get("runs");
        assertThat(runs).hasSize(4);
        assertThat(runs.get(0).get("name").asText()).isEqualTo("question-flatten");
        assertThat(runs.get(1).get("seed").asLong()).isEqualTo(runs.get(0).get("seed").asLong() + 1);
        assertThat(runs.get(2).get("spec").get("data").get("padding").asText()).isEqualTo("PRE");
        assertThat(runs.get(0).get("epochs")).hasSize(2);
        assertThat(runs.get(0).get("epochs").get(1).get("epoch").asInt()).isEqualTo(2);
        assertThat(runs.get(0).get("epochs").get(0).has("val_accuracy")).isTrue();
        assertThat(runs.get(0).get("test_accuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(stdout()).contains("best val_accuracy").contains("±");
    }

    @Test
    void everyDeclaredCommandIsInTheHelpAndRunsByItsName() {
        CliRunner cli = new CliRunner();
        assertThat(cli.run("--help")).isZero();
        for (Cli.Command command : Cli.COMMANDS) {
            assertThat(cli.stdout()).contains("flatten-explorer " + command.name());
        }
        CliRunner presets = new CliRunner();
        assertThat(presets.run("presets")).isZero();
        assertThat(presets.stdout()).contains("question-flatten");
        CliRunner unknown = new CliRunner();
        assertThat(unknown.run("flatten")).isEqualTo(2);
        assertThat(unknown.stderr()).contains("unknown command 'flatten'");
    }

    @Test
    void trainsOnYourOwnCsvWithTheSkippedRowsNamed() throws Exception {
        StringBuilder csv = new StringBuilder("\uFEFFtext,label\r\n");
        for (org.flattenexplorer.data.Review r : org.flattenexplorer.data.SyntheticReviews.generate("train", 150, 5)) {
            csv.append('"').append(r.text()).append("\",").append(r.labelValue()).append("\r\n");
        }
        csv.append("an unquoted, comma,1\r\n");
        Path file = Files.writeString(temp.resolve("my reviews.csv"), csv);
        Path runDir = temp.resolve("run");

        int code = run("train", "--data", file.toString(), "--skip-bad-rows", "--maxlen", "40", "--units", "8",
                "--embedding", "8", "--train-size", "64", "--val-size", "32", "--epochs", "1", "--out", runDir.toString());

        assertThat(code).as(stderr()).isZero();
        assertThat(stderr()).contains("note: skipped 1 bad row of my reviews.csv (line 152: 3 fields where the header has 2")
                .contains("note: the 20% of my reviews.csv held out for testing holds only 30 reviews");
        assertThat(stdout()).contains("on reviews file").contains("(64 train / 32 validation reviews").contains("Epoch 1/1");
        assertThat(runDir.resolve("run.json")).exists();
    }

    @Test
    void compareTrainSizesWritesTheDataSizeTableJsonAndChart() throws Exception {
        Path json = temp.resolve("sizes.json");
        Path png = temp.resolve("sizes.png");

        int code = run("compare", "--synthetic", "--train-sizes", "64,32", "--presets", "question-flatten,last-pre",
                "--maxlen", "40", "--units", "8", "--embedding", "8", "--val-size", "32", "--test-size", "32",
                "--epochs", "2", "--json", json.toString(), "--png", png.toString());

        assertThat(code).as(stderr()).isZero();
        assertThat(stdout()).contains("== question-flatten, 32 training reviews").contains("== last-pre, 64 training reviews")
                .contains("| question-flatten | 32 | 1 |").contains("| last-pre | 64 | 1 |");
        JsonNode root = new ObjectMapper().readTree(Files.readString(json));
        assertThat(root.get("commit").asText()).isNotBlank();
        assertThat(root.get("command").asText()).startsWith("flatten-explorer compare --synthetic --train-sizes 64,32");
        assertThat(root.get("train_sizes")).hasSize(2);
        assertThat(root.get("train_sizes").get(0).asInt()).isEqualTo(32);
        JsonNode runs = root.get("runs");
        assertThat(runs).hasSize(4);
        assertThat(runs.get(0).get("train_size").asInt()).isEqualTo(32);
        assertThat(runs.get(0).get("spec").get("data").get("trainSize").asInt()).isEqualTo(32);
        assertThat(runs.get(3).get("train_size").asInt()).isEqualTo(64);
        assertThat(runs.get(3).get("best_val_accuracy").asDouble()).isBetween(0.0, 1.0);
        java.awt.image.BufferedImage chart = javax.imageio.ImageIO.read(png.toFile());
        assertThat(chart.getWidth()).isEqualTo(1000);
        assertThat(chart.getHeight()).isEqualTo(600);

        CliRunner report = new CliRunner();
        assertThat(report.run("report", json.toString())).isZero();
        assertThat(report.stdout()).startsWith("| variant | training reviews | seeds | best validation accuracy")
                .contains("| question-flatten | 32 | 1 |").contains("| last-pre | 64 | 1 |");
        assertThat(stdout()).contains(report.stdout().strip());
    }
}
