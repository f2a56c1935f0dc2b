package org.flattenexplorer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.flattenexplorer.charts.TrainSizeChart;
import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Preset;
import org.flattenexplorer.model.TrainingMemory;
import org.flattenexplorer.training.EpochMetrics;
import org.flattenexplorer.training.OutputCheck;
import org.flattenexplorer.training.OutputException;
import org.flattenexplorer.training.RunResult;
import org.flattenexplorer.training.RunStatus;
import org.flattenexplorer.training.SeedPlan;
import org.flattenexplorer.training.SeedStatistics;

/**
 * {@code compare --train-sizes 448,1000,1600}: every variant trained at each training-set size (over the seeds),
 * then each variant's best validation accuracy against the size, as a table, a JSON file and a chart. The
 * validation and test reviews are the same at every size (the preparation draws validation first), so only the
 * training set grows.
 */
final class TrainSizesCommand {
    private TrainSizesCommand() {}

    /** One trained run of the experiment. */
    record SizedRun(String name, int trainSize, long seed, ExperimentSpec spec, RunResult result) {}

    static int run(CliOptions o, PrintStream out, PrintStream err) {
        if (o.has("train-size")) {
            throw new CliException("--train-size and --train-sizes both given: --train-sizes lists every size to train");
        }
        List<Integer> sizes = sizes(o.string("train-sizes").get());
        int seeds = o.integer("seeds").orElse(1);
        if (seeds < 1 || seeds > 50) {
            throw new CliException("--seeds must be between 1 and 50, got " + seeds);
        }
        DataOptions.check(o);
        List<Preset> presets = CompareCommand.presets(o.string("presets").orElse(CompareCommand.DEFAULT_PRESETS));
        List<ExperimentSpec> bases = new ArrayList<>();
        for (Preset preset : presets) {
            ExperimentSpec spec = SpecOptions.trainable(preset.spec(), o);
            SpecOptions.note(spec, o).ifPresent(n -> Cli.note(err, preset.id() + ": " + n));
            bases.add(spec);
        }
        o.string("json").ifPresent(json -> OutputCheck.SYSTEM.file("--json", json));
        o.string("png").ifPresent(png -> OutputCheck.SYSTEM.file("--png", png));
        // every size's data and memory are checked before the first run, the largest first: it is the one that
        // does not fit
        Map<String, PreparedDataset> data = new LinkedHashMap<>();
        List<Integer> largestFirst = new ArrayList<>(sizes);
        java.util.Collections.reverse(largestFirst);
        for (int size : largestFirst) {
            for (ExperimentSpec base : bases) {
                ExperimentSpec spec = base.toBuilder().trainSize(size).build();
                PreparedDataset d = data.computeIfAbsent(spec.data().toJson(),
                        k -> DataOptions.prepare(o, spec.data()));
                TrainingMemory.require(spec, d.vocabulary().inputDim());
            }
        }
        data.values().stream().findFirst().map(d -> d.notes(bases.get(0).data().testSize())).orElse(List.of())
                .forEach(n -> Cli.note(err, n));
        List<SizedRun> runs = new ArrayList<>();
        for (int size : sizes) {
            for (int v = 0; v < presets.size(); v++) {
                ExperimentSpec sized = bases.get(v).toBuilder().trainSize(size).build();
                PreparedDataset d = data.get(sized.data().toJson());
                for (ExperimentSpec spec : SeedPlan.seeds(sized, seeds)) {
                    out.println("== " + presets.get(v).id() + ", " + size + " training reviews (" + spec.describe()
                            + "), seed " + spec.training().seed() + " ==");
                    RunResult result = RunLauncher.train(spec, d, new ConsoleProgress(out)).result();
                    runs.add(new SizedRun(presets.get(v).id(), size, spec.training().seed(), spec, result));
                }
            }
        }
        out.println();
        out.print(table(runs));
        if (o.has("json")) {
            writeJson(Path.of(o.string("json").get()), sizes, runs, Provenance.of("compare", o));
            out.println("Wrote " + o.string("json").get());
        }
        if (o.has("png")) {
            writePng(Path.of(o.string("png").get()), runs);
            out.println("Wrote " + o.string("png").get());
        }
        return 0;
    }

    /** "448,1000,1600": distinct sizes of at least 2, kept in increasing order. */
    static List<Integer> sizes(String list) {
        TreeSet<Integer> sizes = new TreeSet<>();
        for (String item : list.split(",", -1)) {
            int size;
            try {
                size = Integer.parseInt(item.strip().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new CliException("--train-sizes needs whole numbers separated by commas (e.g. 448,1000,1600), "
                        + "got '" + item.strip() + "' in '" + list + "'");
            }
            if (size < 2) {
                throw new CliException("--train-sizes: every size must be at least 2 reviews, got " + size);
            }
            if (!sizes.add(size)) {
                throw new CliException("--train-sizes lists " + size + " twice: give each size once");
            }
        }
        return List.copyOf(sizes);
    }

    /**
     * The Markdown table: per variant and size, the seeds, the best validation accuracy (mean ± spread of each
     * run's best, and the best epoch of the mean curve) and the test accuracy after the last epoch.
     */
    static String table(List<SizedRun> runs) {
        StringBuilder t = new StringBuilder("| variant | training reviews | seeds | best validation accuracy (best epoch "
                + "of the mean) | test accuracy |\n|---|---|---|---|---|\n");
        for (Map.Entry<String, Map<Integer, List<RunResult>>> variant : grouped(runs).entrySet()) {
            for (Map.Entry<Integer, List<RunResult>> size : variant.getValue().entrySet()) {
                SeedStatistics stats = new SeedStatistics(size.getValue());
                t.append(String.format(Locale.ROOT, "| %s | %,d | %d | %s (%d) | %s |%n", variant.getKey(), size.getKey(),
                        size.getValue().size(), SeedStatistics.formatMeanSpread(bestValidation(size.getValue())),
                        stats.bestEpoch(EpochMetrics::valAccuracy), SeedStatistics.formatMeanSpread(stats.testAccuracies())));
            }
        }
        return t.toString();
    }

    static void writePng(Path file, List<SizedRun> runs) {
        List<TrainSizeChart.Series> series = new ArrayList<>();
        for (Map.Entry<String, Map<Integer, List<RunResult>>> variant : grouped(runs).entrySet()) {
            int n = variant.getValue().size();
            int[] sizes = new int[n];
            double[] mean = new double[n];
            double[] spread = new double[n];
            int i = 0;
            for (Map.Entry<Integer, List<RunResult>> size : variant.getValue().entrySet()) {
                SeedStatistics.MeanSpread best = bestValidation(size.getValue());
                sizes[i] = size.getKey();
                mean[i] = best.mean();
                spread[i] = best.spread();
                i++;
            }
            series.add(new TrainSizeChart.Series(variant.getKey(), sizes, mean, spread));
        }
        try {
            ImageIO.write(TrainSizeChart.draw(TrainSizeChart.of(series, "best val_accuracy"), 1000, 600), "png",
                    file.toFile());
        } catch (IOException e) {
            throw new OutputException("could not write --png " + file + " (the table above has the same numbers)", e);
        }
    }

    /** The runs of a data-size JSON file, as {@link #table} and {@link #writePng} read them. */
    static List<SizedRun> fromJson(JsonNode runs) {
        List<SizedRun> out = new ArrayList<>();
        for (JsonNode run : runs) {
            List<EpochMetrics> epochs = new ArrayList<>();
            for (JsonNode e : run.get("epochs")) {
                epochs.add(new EpochMetrics(e.get("epoch").asInt(), e.get("loss").asDouble(), e.get("accuracy").asDouble(),
                        e.get("val_loss").asDouble(), e.get("val_accuracy").asDouble(), e.get("seconds").asDouble()));
            }
            double test = run.get("test_accuracy").isNull() ? Double.NaN : run.get("test_accuracy").asDouble();
            double seconds = epochs.stream().mapToDouble(EpochMetrics::seconds).sum();
            out.add(new SizedRun(run.get("name").asText(), run.get("train_size").asInt(), run.path("seed").asLong(), null,
                    new RunResult(RunStatus.FINISHED, epochs, List.of(), test, seconds)));
        }
        return out;
    }

    private static SeedStatistics.MeanSpread bestValidation(List<RunResult> runs) {
        return SeedStatistics.of(runs.stream().mapToDouble(RunResult::bestValidationAccuracy).toArray());
    }

    /** variant -> size -> runs, variants in the order they were first trained, sizes increasing. */
    private static Map<String, Map<Integer, List<RunResult>>> grouped(List<SizedRun> runs) {
        Map<String, Map<Integer, List<RunResult>>> byVariant = new LinkedHashMap<>();
        for (SizedRun r : runs) {
            byVariant.computeIfAbsent(r.name(), k -> new java.util.TreeMap<>())
                    .computeIfAbsent(r.trainSize(), k -> new ArrayList<>()).add(r.result());
        }
        return byVariant;
    }

    private static void writeJson(Path file, List<Integer> sizes, List<SizedRun> runs, Provenance provenance) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (SizedRun r : runs) {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("name", r.name());
            run.put("train_size", r.trainSize());
            run.put("seed", r.seed());
            run.put("spec", r.spec());
            List<Map<String, Object>> epochs = new ArrayList<>();
            for (EpochMetrics m : r.result().epochs()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("epoch", m.epoch());
                e.put("loss", m.loss());
                e.put("accuracy", m.accuracy());
                e.put("val_loss", m.valLoss());
                e.put("val_accuracy", m.valAccuracy());
                e.put("seconds", m.seconds());
                epochs.add(e);
            }
            run.put("epochs", epochs);
            run.put("best_val_accuracy", r.result().bestValidationAccuracy());
            run.put("test_accuracy", Double.isNaN(r.result().testAccuracy()) ? null : r.result().testAccuracy());
            list.add(run);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("commit", provenance.commit());
        json.put("command", provenance.command());
        json.put("train_sizes", sizes);
        json.put("runs", list);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
        } catch (IOException e) {
            throw new OutputException("could not write --json " + file + " (the table above has the same numbers)", e);
        }
    }
}
