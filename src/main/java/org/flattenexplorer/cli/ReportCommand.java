package org.flattenexplorer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flattenexplorer.training.EpochMetrics;
import org.flattenexplorer.training.Failures;
import org.flattenexplorer.training.RunResult;
import org.flattenexplorer.training.RunStatus;
import org.flattenexplorer.training.SeedStatistics;

/**
 * {@code report FILE.json}: the Markdown table the README shows for a {@code compare --json} or
 * {@code bench --json} file, so every figure in the README is printed from committed measurements.
 */
final class ReportCommand {
    private ReportCommand() {}

    static int run(List<String> args, PrintStream out) {
        if (args.size() != 1) {
            throw new CliException("report needs one JSON file written by compare --json or bench --json");
        }
        String file = args.get(0);
        if (!Files.isRegularFile(Path.of(file))) {
            throw new CliException("no file at " + file + ": give the JSON file that compare --json or bench --json "
                    + "wrote");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(Path.of(file)));
        } catch (JsonProcessingException e) {
            throw new CliException(Failures.json(file, e));
        } catch (IOException e) {
            throw new CliException(Failures.explain("cannot read " + file, e));
        }
        if (root != null && root.has("train_sizes")) {
            checkCompare(file, root);
            JsonNode runs = root.get("runs");
            for (int i = 0; i < runs.size(); i++) {
                number(file, runs.get(i), "train_size", "runs[" + i + "]", false);
            }
            out.print(TrainSizesCommand.table(TrainSizesCommand.fromJson(runs)));
        } else if (root != null && root.has("runs")) {
            checkCompare(file, root);
            out.print(compareTable(root.get("runs")));
            if (root.get("runs").size() == 1) {
                out.print("\n" + epochTable(root.get("runs").get(0)));
            }
        } else if (root != null && root.has("window_epoch_s")) {
            for (String field : WINDOW_FIELDS) {
                number(file, root, field, "", false);
            }
            out.print(windowTable(root));
        } else if (root != null && root.has("results")) {
            checkBench(file, root);
            out.print(benchTable(root));
        } else {
            throw new CliException(file + " is neither compare nor bench output (no \"runs\" or \"results\" list): "
                    + "report reads the files that compare --json and bench --json write");
        }
        return 0;
    }

    private static final String[] EPOCH_FIELDS = {"epoch", "loss", "accuracy", "val_loss", "val_accuracy", "seconds"};
    private static final String[] WINDOW_FIELDS = {"window_epoch_s", "headless_epoch_s", "window_to_headless",
        "worst_frame_ms", "p99_frame_ms", "first_point_s", "ui_cpu_s_per_epoch"};
    private static final String[] BENCH_FIELDS = {"train_s_median", "val_s_median", "probe_ms_median"};

    /** {@code bench --window}: the window's epoch against headless, and how smooth the window stayed. */
    static String windowTable(JsonNode root) {
        return "| window epoch s | headless epoch s | window / headless | worst frame ms | 99th percentile frame ms "
                + "| Train to first point s | UI thread CPU s an epoch |\n|---|---|---|---|---|---|---|\n"
                + String.format(Locale.ROOT, "| %.2f | %.2f | %.2fx | %.0f | %.0f | %.2f | %.2f |%n",
                root.get("window_epoch_s").asDouble(), root.get("headless_epoch_s").asDouble(),
                root.get("window_to_headless").asDouble(), root.get("worst_frame_ms").asDouble(),
                root.get("p99_frame_ms").asDouble(), root.get("first_point_s").asDouble(),
                root.get("ui_cpu_s_per_epoch").asDouble())
                // files from before the warm-ups were part of the bench have no warm_up: Train was pressed at once
                + (root.path("warm_up").asBoolean(false) ? "\n(each JVM after the app's warm-ups)\n"
                : "\n(Train pressed at once in fresh JVMs)\n");
    }

    /** Every field the tables read, so a similar-looking file is refused with the field's path, not a crash. */
    static void checkCompare(String file, JsonNode root) {
        JsonNode runs = list(file, root, "runs", "runs");
        for (int i = 0; i < runs.size(); i++) {
            String at = "runs[" + i + "]";
            JsonNode run = object(file, runs.get(i), at);
            text(file, run, "name", at);
            JsonNode epochs = list(file, run, "epochs", at + ".epochs");
            for (int e = 0; e < epochs.size(); e++) {
                JsonNode epoch = object(file, epochs.get(e), at + ".epochs[" + e + "]");
                for (String field : EPOCH_FIELDS) {
                    number(file, epoch, field, at + ".epochs[" + e + "]", false);
                }
            }
            number(file, run, "test_accuracy", at, true);
        }
    }

    static void checkBench(String file, JsonNode root) {
        JsonNode results = list(file, root, "results", "results");
        for (int i = 0; i < results.size(); i++) {
            String at = "results[" + i + "]";
            JsonNode result = object(file, results.get(i), at);
            text(file, result, "lstm", at);
            for (String field : BENCH_FIELDS) {
                number(file, result, field, at, false);
            }
            number(file, result, "peak_rss_mb", at, true);
            if (root.has("bound")) {
                for (String field : List.of("bound_s", "ratio_to_bound", "gflops")) {
                    number(file, result, field, at, false);
                }
            }
        }
        if (root.has("bound")) {
            JsonNode bound = object(file, root.get("bound"), "bound");
            for (String field : List.of("bound_s", "gflop_forward", "gflop_backward", "gflop_validation", "gflop_total",
                    "threads")) {
                number(file, bound, field, "bound", false);
            }
            list(file, bound, "gemm", "bound.gemm");
        }
        if (root.has("peer_epoch_s")) {
            number(file, root, "peer_epoch_s", "", false);
            number(file, root, "fast_to_peer", "", false);
            object(file, root.path("peer"), "peer");
            if (root.has("fast_epoch_s_around_peer")) {
                number(file, root, "fast_epoch_s_around_peer", "", false);
            }
        }
        if (root.has("speedup")) {
            number(file, root, "speedup", "", false);
        }
    }

    private static JsonNode list(String file, JsonNode parent, String field, String at) {
        JsonNode list = parent.get(field);
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw shape(file, "\"" + at + "\" is not a non-empty list");
        }
        return list;
    }

    private static JsonNode object(String file, JsonNode node, String at) {
        if (!node.isObject()) {
            throw shape(file, "\"" + at + "\" is not an object");
        }
        return node;
    }

    private static void text(String file, JsonNode parent, String field, String at) {
        if (!parent.path(field).isTextual()) {
            throw shape(file, "\"" + at + "." + field + "\" is missing or not text");
        }
    }

    private static void number(String file, JsonNode parent, String field, String at, boolean nullable) {
        JsonNode value = parent.get(field);
        boolean ok = value != null && (value.isNumber() || nullable && value.isNull());
        if (!ok) {
            throw shape(file, "\"" + (at.isEmpty() ? "" : at + ".") + field + "\" is missing or not a number");
        }
    }

    private static CliException shape(String file, String problem) {
        return new CliException(file + ": " + problem + ": report reads the files that compare --json and "
                + "bench --json write");
    }

    static String compareTable(JsonNode runs) {
        Map<String, List<RunResult>> byVariant = new LinkedHashMap<>();
        for (JsonNode run : runs) {
            List<EpochMetrics> epochs = new ArrayList<>();
            for (JsonNode e : run.get("epochs")) {
                epochs.add(new EpochMetrics(e.get("epoch").asInt(), e.get("loss").asDouble(), e.get("accuracy").asDouble(),
                        e.get("val_loss").asDouble(), e.get("val_accuracy").asDouble(), e.get("seconds").asDouble()));
            }
            double test = run.get("test_accuracy").isNull() ? Double.NaN : run.get("test_accuracy").asDouble();
            double seconds = epochs.stream().mapToDouble(EpochMetrics::seconds).sum();
            byVariant.computeIfAbsent(run.get("name").asText(), k -> new ArrayList<>())
                    .add(new RunResult(RunStatus.FINISHED, epochs, List.of(), test, seconds));
        }
        StringBuilder t = new StringBuilder("| variant | seeds | best training accuracy | best validation accuracy (best epoch of the mean) "
                + "| validation accuracy, last epoch | test accuracy |\n|---|---|---|---|---|---|\n");
        for (Map.Entry<String, List<RunResult>> v : byVariant.entrySet()) {
            SeedStatistics stats = new SeedStatistics(v.getValue());
            List<double[]> bestTrain = new ArrayList<>();
            List<double[]> bestVal = new ArrayList<>();
            for (RunResult r : v.getValue()) {
                bestTrain.add(new double[] {r.bestTrainingAccuracy()});
                bestVal.add(new double[] {r.bestValidationAccuracy()});
            }
            int last = stats.epochs();
            t.append(String.format(Locale.ROOT, "| %s | %d | %s | %s (%d) | %s | %s |%n", v.getKey(), v.getValue().size(),
                    meanSpread(bestTrain), meanSpread(bestVal), stats.bestEpoch(EpochMetrics::valAccuracy),
                    SeedStatistics.formatMeanSpread(stats.at(last, EpochMetrics::valAccuracy)),
                    SeedStatistics.formatMeanSpread(stats.testAccuracies())));
        }
        return t.toString();
    }

    /** One run's curves, epoch by epoch, as Keras prints them. */
    static String epochTable(JsonNode run) {
        StringBuilder t = new StringBuilder("| epoch | loss | accuracy | val_loss | val_accuracy | seconds |\n"
                + "|---|---|---|---|---|---|\n");
        for (JsonNode e : run.get("epochs")) {
            t.append(String.format(Locale.ROOT, "| %d | %.4f | %.4f | %.4f | %.4f | %.1f |%n", e.get("epoch").asInt(),
                    e.get("loss").asDouble(), e.get("accuracy").asDouble(), e.get("val_loss").asDouble(),
                    e.get("val_accuracy").asDouble(), e.get("seconds").asDouble()));
        }
        return t.toString();
    }

    private static String meanSpread(List<double[]> values) {
        return SeedStatistics.formatMeanSpread(SeedStatistics.of(values.stream().mapToDouble(v -> v[0]).toArray()));
    }

    static String benchTable(JsonNode root) {
        boolean bound = root.has("bound") && root.get("results").get(0).has("bound_s");
        String layer = root.path("layer").asText("LSTM");
        StringBuilder t = new StringBuilder("| " + layer + " | train s/epoch | validation s/epoch | epoch s |"
                + (bound ? " bound s | epoch / bound | GFLOP/s |" : "") + " probe ms (one review) | peak RSS MB |\n"
                + (bound ? "|---|---|---|---|---|---|---|---|---|\n" : "|---|---|---|---|---|---|\n"));
        for (JsonNode r : root.get("results")) {
            t.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |", r.get("lstm").asText(),
                    r.get("train_s_median").asDouble(), r.get("val_s_median").asDouble(), BenchCommand.epochSeconds(r)));
            if (bound) {
                t.append(String.format(Locale.ROOT, " %.2f | %.2f | %.1f |", r.get("bound_s").asDouble(),
                        r.get("ratio_to_bound").asDouble(), r.get("gflops").asDouble()));
            }
            t.append(String.format(Locale.ROOT, " %.1f | %s |%n", r.get("probe_ms_median").asDouble(),
                    r.get("peak_rss_mb").isNull() ? "n/a" : String.valueOf(Math.round(r.get("peak_rss_mb").asDouble()))));
        }
        if (root.has("speedup")) {
            t.append(String.format(Locale.ROOT, "%nSpeed-up (stock epoch / fast epoch): **%.2fx**%n", root.get("speedup").asDouble()));
        }
        if (bound) {
            t.append("\n").append(gemmTable(root.get("bound")));
        }
        if (root.has("against_lstm")) {
            JsonNode a = root.get("against_lstm");
            t.append(String.format(Locale.ROOT, "%nAgainst the same model with an LSTM (%s), the fast runs taking turns: "
                            + "**%.2f s** an epoch against %.2f s (the medians of the timed epochs of %d and %d runs): "
                            + "**%.2fx**%n", a.path("layer").asText(), a.path("epoch_s").asDouble(),
                    a.path("lstm_epoch_s").asDouble(), a.path("runs").asInt(), a.path("lstm_runs").asInt(),
                    a.path("ratio").asDouble()));
        }
        if (root.has("peer_epoch_s")) {
            JsonNode peer = root.get("peer");
            t.append(String.format(Locale.ROOT, "%nPyTorch peer (torch %s, %s, %d thread%s): **%.2f s** an epoch (median after "
                            + "each run's first); fast epoch / peer epoch: **%.2fx**%n", peer.path("torch").asText(),
                    peer.path("blas").asText(), peer.path("threads").asInt(), peer.path("threads").asInt() == 1 ? "" : "s",
                    root.get("peer_epoch_s").asDouble(), root.get("fast_to_peer").asDouble()));
            if (root.has("fast_epoch_s_around_peer")) {
                // files before the runs took turns twice hold one peer run and one fast run after it
                int peerRuns = peer.has("runs") ? peer.get("runs").size() : 1;
                int fastRuns = 1 + (root.path("fast_after_peer").isArray() ? root.get("fast_after_peer").size() : 1);
                t.append(String.format(Locale.ROOT, "(the runs took turns, fast first: the fast epoch there is %.2f s, "
                        + "the median of the timed epochs of %d fast runs, and the peer's the median of those of its %d "
                        + "run%s)%n", root.get("fast_epoch_s_around_peer").asDouble(), fastRuns, peerRuns,
                        peerRuns == 1 ? "" : "s"));
            }
        } else if (root.has("peer_error")) {
            t.append("\nPyTorch peer not run: ").append(root.get("peer_error").asText()).append("\n");
        }
        return t.toString();
    }

    /**
     * The bound's parts: each GEMM kind's shape, the rates measured on it (through BLAS, and on the vector unit where
     * the per-step products run there) and its share of the epoch's work.
     */
    static String gemmTable(JsonNode bound) {
        int threads = bound.get("threads").asInt();
        boolean vector = false;
        for (JsonNode k : bound.get("gemm")) {
            vector |= k.has("gflops_vector_1_thread");
        }
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "| GEMM | m x n x k (one call, whole batch) | GFLOP/s, "
                + "1 thread | GFLOP/s, %d threads |%s GFLOP an epoch |%n|---|---|---|---|%s---|%n", threads,
                vector ? String.format(Locale.ROOT, " vector unit, 1 thread | vector unit, %d threads |", threads) : "",
                vector ? "---|---|" : ""));
        for (JsonNode k : bound.get("gemm")) {
            String onVectorUnit = !vector ? "" : !k.has("gflops_vector_1_thread") ? " - | - |"
                    : String.format(Locale.ROOT, " %.1f | %.1f |", k.get("gflops_vector_1_thread").asDouble(),
                            k.get("gflops_vector_" + threads + "_threads").asDouble());
            t.append(String.format(Locale.ROOT, "| %s | %d x %d x %d | %.1f | %.1f |%s %.1f |%n", k.get("label").asText(),
                    k.get("m").asLong(), k.get("n").asLong(), k.get("k").asLong(), k.get("gflops_1_thread").asDouble(),
                    k.get("gflops_" + threads + "_threads").asDouble(), onVectorUnit, k.get("gflop_epoch").asDouble()));
        }
        t.append(String.format(Locale.ROOT, "%nFloating-point bound: %.1f GFLOP an epoch (forward %.1f, backward %.1f, "
                        + "validation %.1f), each GEMM at the %s: **%.2f s**%n",
                bound.get("gflop_total").asDouble(), bound.get("gflop_forward").asDouble(),
                bound.get("gflop_backward").asDouble(), bound.get("gflop_validation").asDouble(),
                vector ? "fastest of its rates" : "faster of its two rates", bound.get("bound_s").asDouble()));
        return t.toString();
    }
}
