package org.flattenexplorer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flattenexplorer.data.DatasetPreparer;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Preset;
import org.flattenexplorer.training.EpochMetrics;
import org.flattenexplorer.training.RunResult;
import org.flattenexplorer.training.TrainingListener;
import org.flattenexplorer.training.TrainingRun;
import org.junit.jupiter.api.Test;

/**
 * The README's results are the committed JSON's, and the JSON is today's code's: every table is what
 * {@code report} prints, every figure its prose quotes is computed here from the JSON, each JSON names the commit
 * and the command (the one the README states) that wrote it, and two epochs of the question's model, re-run now,
 * give the figures the JSON holds.
 */
class ReadmeFiguresTest {
    private static final Path RESULTS = Path.of("assets/results");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String readme() throws IOException {
        return Files.readString(Path.of("README.md"));
    }

    private static JsonNode json(String name) throws IOException {
        return JSON.readTree(RESULTS.resolve(name).toFile());
    }

    @Test
    void everyTableInTheReadmeIsPrintedFromItsCommittedJson() throws Exception {
        String readme = readme();
        Matcher m = Pattern.compile("report (assets/results/[\\w.-]+\\.json)").matcher(readme);
        int tables = 0;
        while (m.find()) {
            Path json = Path.of(m.group(1));
            assertThat(json).exists();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ReportCommand.run(List.of(json.toString()), new PrintStream(out, true, StandardCharsets.UTF_8));

            assertThat(readme).as("README table for " + json).contains(out.toString(StandardCharsets.UTF_8).strip());
            tables++;
        }
        assertThat(tables).isEqualTo(10);
    }

    @Test
    void eachJsonNamesTheCommittedCodeAndTheCommandTheReadmeStates() throws Exception {
        String readme = readme();
        List<Path> files;
        try (Stream<Path> list = Files.list(RESULTS)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSize(12);
        for (Path file : files) {
            JsonNode root = JSON.readTree(file.toFile());
            assertThat(root.path("commit").asText()).as(file + ": commit").matches("[0-9a-f]{40}");
            String command = root.path("command").asText();
            assertThat(command).as(file + ": command").contains(file.toString());
            String stated = command.startsWith("flatten-explorer ") ? "./" + command : command;
            assertThat(readme.contains(stated)).as(file + ": the README states its command " + stated).isTrue();
        }
    }

    @Test
    void everyRunInTheJsonHasTodaysSpecOfItsPreset() throws Exception {
        for (String file : List.of("compare-question.json", "compare-presets.json", "compare-cells.json",
                "curves-stock.json", "curves-fast.json")) {
            for (JsonNode run : json(file).get("runs")) {
                ExperimentSpec recorded = JSON.treeToValue(run.get("spec"), ExperimentSpec.class);
                ExperimentSpec today = Preset.fromId(run.get("name").asText()).spec().toBuilder()
                        .implementation(recorded.model().implementation()).build()
                        .withTrainingSeed(run.get("seed").asLong());
                String what = file + " " + run.get("name") + " seed " + run.get("seed");
                assertThat(recorded.model()).as(what).isEqualTo(today.model());
                assertThat(recorded.training()).as(what).isEqualTo(today.training());
                // every seed reads the first seed's split; files from before the spec split wrote the run's seed there
                assertThat(recorded.data().withSeed(today.data().seed())).as(what).isEqualTo(today.data());
            }
        }
    }

    /** Two epochs of question-flatten, seed 42, fast LSTM, on the real subset: the JSON's first two epochs. */
    @Test
    void theQuestionsModelRerunNowGivesTheJsonsFirstTwoEpochs() throws Exception {
        ExperimentSpec spec = Preset.QUESTION_FLATTEN.spec().toBuilder().epochs(2).testSize(0).build();
        Path subset = Path.of(System.getProperty("flatten.test.data"));
        RunResult now = new TrainingRun(spec, DatasetPreparer.fromFolder(subset, spec.data()))
                .run(TrainingListener.NONE);

        for (String file : List.of("compare-question.json", "compare-presets.json", "curves-fast.json")) {
            JsonNode committed = run(json(file), "question-flatten", 42);
            for (EpochMetrics e : now.epochs()) {
                JsonNode c = committed.get("epochs").get(e.epoch() - 1);
                String what = file + ", epoch " + e.epoch();
                // another CPU or thread count sums in another order: ~1e-8 after two epochs; a code change moves more
                assertThat(e.loss()).as(what + " loss").isCloseTo(c.get("loss").asDouble(), within(1e-5));
                assertThat(e.valLoss()).as(what + " val_loss").isCloseTo(c.get("val_loss").asDouble(), within(1e-5));
                assertThat(e.accuracy()).as(what + " accuracy").isEqualTo(c.get("accuracy").asDouble());
                assertThat(e.valAccuracy()).as(what + " val_accuracy").isEqualTo(c.get("val_accuracy").asDouble());
            }
        }
    }

    @Test
    void everyFigureTheProseQuotesIsTheJsons() throws Exception {
        String readme = readme();
        JsonNode question = json("compare-question.json");
        JsonNode presets = json("compare-presets.json");
        List<String> claims = new ArrayList<>();

        // The question's experiment, seed 42
        double flattenTrain = best(run(question, "question-flatten", 42), "accuracy");
        double lastTrain = best(run(question, "question-last", 42), "accuracy");
        double lastVal = best(run(question, "question-last", 42), "val_accuracy");
        double preTrain = best(run(question, "last-pre", 42), "accuracy");
        claims.add(f("Flatten fits the training set (%.2f)", flattenTrain));
        claims.add(f("cannot even fit the training set (%.2f) and stays near chance on validation (%.2f)", lastTrain, lastVal));
        claims.add(f("with pre padding the same last-state model fits (%.2f)", preTrain));
        assertThat(best(run(question, "question-flatten", 42), "val_accuracy")).as("Flatten generalizes best")
                .isGreaterThan(best(run(question, "last-pre", 42), "val_accuracy")).isGreaterThan(lastVal);
        assertThat(lastTrain).as("cannot even fit").isLessThan(0.6);
        assertThat(lastVal).as("near chance").isLessThan(0.6);

        // Every variant, three seeds: the mean curves
        double[] flattenAcc = meanCurve(presets, "question-flatten", "accuracy");
        double[] flattenVal = meanCurve(presets, "question-flatten", "val_accuracy");
        double[] flattenValLoss = meanCurve(presets, "question-flatten", "val_loss");
        int fits = firstAtLeast(flattenAcc, 0.995);
        int lowest = argMin(flattenValLoss);
        claims.add(f("training accuracy reaches %.2f by epoch %d", flattenAcc[fits - 1], fits));
        claims.add(f("validation accuracy peaks at %.2f (epoch %d)", max(flattenVal), argMax(flattenVal)));
        claims.add(f("validation loss is lowest at epoch %d (%.2f) and reaches %.2f by epoch %d", lowest,
                flattenValLoss[lowest - 1], flattenValLoss[flattenValLoss.length - 1], flattenValLoss.length));
        claims.add(f("never fits the training set (at best %.2f)", meanBest(presets, "question-last", "accuracy")));
        claims.add(f("fits its training set (%.2f and %.2f)", meanBest(presets, "last-pre", "accuracy"),
                meanBest(presets, "last-masked", "accuracy")));
        claims.add(f("best validation accuracy %.2f and %.2f against Flatten's %.2f",
                meanBest(presets, "last-pre", "val_accuracy"), meanBest(presets, "last-masked", "val_accuracy"),
                meanBest(presets, "question-flatten", "val_accuracy")));
        claims.add(f("learn too (best validation accuracy %.2f for max, %.2f for average pooling)",
                meanBest(presets, "global-max", "val_accuracy"), meanBest(presets, "global-avg", "val_accuracy")));

        // Benchmark
        JsonNode bench = json("bench.json");
        JsonNode real = json("bench-real-data.json");
        int rows = real.get("results").get(0).get("settings").get("vocabulary").asInt();
        int questionRows = bench.get("results").get(0).get("settings").get("vocabulary").asInt();
        claims.add(f("an Embedding of %,d rows, so Adam updates %.1fM embedding weights instead of %.1fM", rows,
                rows * 128 / 1e6, questionRows * 128 / 1e6));
        JsonNode gru = json("bench-gru.json");
        JsonNode fastLstm = bench.get("results").get(bench.get("results").size() - 1);
        claims.add(f("the fast epoch took %.2f s, %.2fx its floating-point bound (%.2f s)", BenchCommand.epochSeconds(fastLstm),
                fastLstm.get("ratio_to_bound").asDouble(), bench.get("bound").get("bound_s").asDouble()));
        JsonNode againstLstm = gru.get("against_lstm");
        claims.add(f("the GRU's epoch took %.2f s against the LSTM's %.2f s in the same run: **%.2fx**",
                againstLstm.get("epoch_s").asDouble(), againstLstm.get("lstm_epoch_s").asDouble(),
                againstLstm.get("ratio").asDouble()));
        JsonNode window = json("bench-window.json");
        claims.add(f("the window's epoch took %.2fx headless's", window.get("window_to_headless").asDouble()));
        claims.add(f("used %.2f s of CPU an epoch in the table's run", window.get("ui_cpu_s_per_epoch").asDouble()));
        claims.add(f("The UI thread kept the user waiting at most %.0f ms while training, and %.0f ms at the 99th percentile",
                window.get("worst_frame_ms").asDouble(), window.get("p99_frame_ms").asDouble()));
        claims.add(f("(2,519 frames in the two window runs; %d now in %d", window.get("frames").asInt(),
                2 * window.get("rounds").asInt()));
        claims.add(f("the fast runs taking turns with the peer's gave %.2f s against its %.2f s: **%.2fx**",
                bench.get("fast_epoch_s_around_peer").asDouble(), bench.get("peer_epoch_s").asDouble(),
                bench.get("fast_to_peer").asDouble()));
        claims.add(f("The 7 epochs above took %.0f s with the fast LSTM and %.0f s with the stock one",
                seconds(json("curves-fast.json")), seconds(json("curves-stock.json"))));
        claims.add(curvesAgreement(json("curves-stock.json"), json("curves-fast.json")));
        claims.add(f("epoch 7 was 1.1547 that way, %.4f from the logits", run(json("curves-fast.json"),
                "question-flatten", 42).get("epochs").get(6).get("val_loss").asDouble()));

        // Hidden states: pick-to-drawn times
        double[] stock = drawnMillis(json("inspect-timings-stock.json"));
        double[] fast = drawnMillis(json("inspect-timings-fast.json"));
        claims.add(f("stock LSTM %.0f-%.0f ms, fast LSTM %.0f-%.0f ms after the first pick (%.0f and %.0f ms for the first",
                min(stock, 1), max(stock, 1), min(fast, 1), max(fast, 1), stock[0], fast[0]));

        String prose = readme.replaceAll("\\s+", " ");
        for (String claim : claims) {
            assertThat(prose.contains(claim)).as("the README quotes the JSON's figures: " + claim).isTrue();
        }
    }

    /** "The curves agree to the printed digit", naming every printed value that differs. */
    private static String curvesAgreement(JsonNode stock, JsonNode fast) {
        List<String> differences = new ArrayList<>();
        for (String metric : List.of("loss", "accuracy", "val_loss", "val_accuracy")) {
            List<String> epochs = new ArrayList<>();
            JsonNode s = stock.get("runs").get(0).get("epochs");
            JsonNode f = fast.get("runs").get(0).get("epochs");
            for (int e = 0; e < s.size(); e++) {
                if (!f("%.4f", s.get(e).get(metric).asDouble()).equals(f("%.4f", f.get(e).get(metric).asDouble()))) {
                    epochs.add(String.valueOf(e + 1));
                }
            }
            if (epochs.size() == 1) {
                differences.add(metric + " at epoch " + epochs.get(0));
            } else if (epochs.size() > 1) {
                differences.add(metric + " at epochs " + String.join(", ", epochs.subList(0, epochs.size() - 1))
                        + " and " + epochs.get(epochs.size() - 1));
            }
        }
        return differences.isEmpty() ? "The curves agree to the printed digit."
                : "The curves agree to the printed digit except " + String.join("; ", differences) + ".";
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static JsonNode run(JsonNode root, String name, long seed) {
        for (JsonNode r : root.get("runs")) {
            if (r.get("name").asText().equals(name) && r.get("seed").asLong() == seed) {
                return r;
            }
        }
        throw new AssertionError("no run " + name + " seed " + seed);
    }

    private static double best(JsonNode run, String metric) {
        double best = Double.NEGATIVE_INFINITY;
        for (JsonNode e : run.get("epochs")) {
            best = Math.max(best, e.get(metric).asDouble());
        }
        return best;
    }

    /** The mean over seeds of each seed's best value: the tables' "best" columns. */
    private static double meanBest(JsonNode root, String name, String metric) {
        double sum = 0;
        int n = 0;
        for (JsonNode r : root.get("runs")) {
            if (r.get("name").asText().equals(name)) {
                sum += best(r, metric);
                n++;
            }
        }
        return sum / n;
    }

    /** The mean over seeds, epoch by epoch. */
    private static double[] meanCurve(JsonNode root, String name, String metric) {
        double[] sum = null;
        int n = 0;
        for (JsonNode r : root.get("runs")) {
            if (r.get("name").asText().equals(name)) {
                JsonNode epochs = r.get("epochs");
                sum = sum == null ? new double[epochs.size()] : sum;
                for (int e = 0; e < epochs.size(); e++) {
                    sum[e] += epochs.get(e).get(metric).asDouble();
                }
                n++;
            }
        }
        for (int e = 0; e < sum.length; e++) {
            sum[e] /= n;
        }
        return sum;
    }

    private static double seconds(JsonNode root) {
        double total = 0;
        for (JsonNode e : root.get("runs").get(0).get("epochs")) {
            total += e.get("seconds").asDouble();
        }
        return total;
    }

    private static double[] drawnMillis(JsonNode root) {
        JsonNode timings = root.get("timings");
        double[] ms = new double[timings.size()];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = timings.get(i).get("request_to_drawn_ms").asDouble();
        }
        return ms;
    }

    /** 1-based epoch of the first value at least {@code threshold}. */
    private static int firstAtLeast(double[] curve, double threshold) {
        for (int e = 0; e < curve.length; e++) {
            if (curve[e] >= threshold) {
                return e + 1;
            }
        }
        throw new AssertionError("never reaches " + threshold);
    }

    private static int argMin(double[] curve) {
        int best = 0;
        for (int e = 1; e < curve.length; e++) {
            best = curve[e] < curve[best] ? e : best;
        }
        return best + 1;
    }

    private static int argMax(double[] curve) {
        int best = 0;
        for (int e = 1; e < curve.length; e++) {
            best = curve[e] > curve[best] ? e : best;
        }
        return best + 1;
    }

    private static double max(double[] values) {
        return max(values, 0);
    }

    private static double max(double[] values, int from) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = from; i < values.length; i++) {
            m = Math.max(m, values[i]);
        }
        return m;
    }

    private static double min(double[] values, int from) {
        double m = Double.POSITIVE_INFINITY;
        for (int i = from; i < values.length; i++) {
            m = Math.min(m, values[i]);
        }
        return m;
    }
}
