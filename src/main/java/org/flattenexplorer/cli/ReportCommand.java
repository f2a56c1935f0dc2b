package org.flattenexplorer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flattenexplorer.training.EpochMetrics;
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
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Path.of(args.get(0)).toFile());
        } catch (IOException e) {
            throw new CliException("cannot read " + args.get(0) + ": " + e.getMessage());
        }
        if (root.has("runs")) {
            out.print(compareTable(root.get("runs")));
            if (root.get("runs").size() == 1) {
                out.print("\n" + epochTable(root.get("runs").get(0)));
            }
        } else if (root.has("results")) {
            out.print(benchTable(root));
        } else {
            throw new CliException(args.get(0) + " is neither compare nor bench output");
        }
        return 0;
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
        StringBuilder t = new StringBuilder("| LSTM | train s/epoch | validation s/epoch | epoch s | probe ms (one review) "
                + "| peak RSS MB |\n|---|---|---|---|---|---|\n");
        for (JsonNode r : root.get("results")) {
            t.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.1f | %s |%n", r.get("lstm").asText(),
                    r.get("train_s_median").asDouble(), r.get("val_s_median").asDouble(),
                    BenchCommand.epochSeconds(r), r.get("probe_ms_median").asDouble(),
                    r.get("peak_rss_mb").isNull() ? "n/a" : String.valueOf(Math.round(r.get("peak_rss_mb").asDouble()))));
        }
        if (root.has("speedup")) {
            t.append(String.format(Locale.ROOT, "%nSpeed-up (stock epoch / fast epoch): **%.2fx**%n", root.get("speedup").asDouble()));
        }
        return t.toString();
    }
}
