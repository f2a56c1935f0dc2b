package org.flattenexplorer.cli;

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
import java.util.Set;
import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Preset;
import org.flattenexplorer.model.TrainingMemory;
import org.flattenexplorer.training.EpochMetrics;
import org.flattenexplorer.training.OutputCheck;
import org.flattenexplorer.training.OutputException;
import org.flattenexplorer.training.RunResult;
import org.flattenexplorer.training.SeedPlan;
import org.flattenexplorer.training.SeedStatistics;

/**
 * {@code compare}: several variants on the same data, each over one or more seeds, then one table of
 * per-epoch training and validation accuracy (mean ± spread over seeds), best validation epoch and test accuracy.
 * The data split is the same for every variant and seed; the seed changes initial weights, dropout and shuffling.
 */
final class CompareCommand {
    static final Set<String> OPTIONS = TrainCommand.options("presets", "data", "seeds", "json", "train-sizes", "png");
    static final String DEFAULT_PRESETS = "question-flatten,question-last,last-pre";

    private CompareCommand() {}

    /** All seeds' runs of one variant. */
    record Variant(Preset preset, ExperimentSpec spec, List<RunResult> runs, List<Long> seeds) {}

    /**
     * Every preset name, spec, the data of each variant, the memory each needs and the --json file are checked
     * before the first variant trains, so a typo in the last preset costs no training time.
     */
    static int run(CliOptions o, PrintStream out, PrintStream err) {
        if (o.has("train-sizes")) {
            return TrainSizesCommand.run(o, out, err);
        }
        if (o.has("png")) {
            throw new CliException("--png draws the data-size chart: give it with --train-sizes 448,1000,...");
        }
        int seeds = o.integer("seeds").orElse(1);
        if (seeds < 1 || seeds > 50) {
            throw new CliException("--seeds must be between 1 and 50, got " + seeds);
        }
        DataOptions.check(o);
        List<Preset> presets = presets(o.string("presets").orElse(DEFAULT_PRESETS));
        List<ExperimentSpec> specs = new ArrayList<>();
        for (Preset preset : presets) {
            ExperimentSpec spec = SpecOptions.trainable(preset.spec(), o);
            SpecOptions.note(spec, o).ifPresent(n -> Cli.note(err, preset.id() + ": " + n));
            specs.add(spec);
        }
        o.string("json").ifPresent(json -> OutputCheck.SYSTEM.file("--json", json));
        Map<String, PreparedDataset> dataByPreprocessing = new LinkedHashMap<>();
        for (ExperimentSpec spec : specs) {
            PreparedDataset data = dataByPreprocessing.computeIfAbsent(spec.data().toJson(),
                    k -> DataOptions.prepare(o, spec.data()));
            TrainingMemory.require(spec, data.vocabulary().inputDim());
        }
        dataByPreprocessing.values().stream().findFirst()
                .map(data -> data.notes(specs.get(0).data().testSize())).orElse(List.of()).forEach(n -> Cli.note(err,
                        n));
        List<Variant> variants = new ArrayList<>();
        for (int v = 0; v < presets.size(); v++) {
            Preset preset = presets.get(v);
            ExperimentSpec base = specs.get(v);
            PreparedDataset data = dataByPreprocessing.get(base.data().toJson());
            Variant variant = new Variant(preset, base, new ArrayList<>(), new ArrayList<>());
            for (ExperimentSpec spec : SeedPlan.seeds(base, seeds)) {
                out.println("== " + preset.id() + " (" + spec.describe() + "), seed " + spec.training().seed() + " ==");
                RunLauncher.Outcome outcome = RunLauncher.train(spec, data, new ConsoleProgress(out));
                variant.runs().add(outcome.result());
                variant.seeds().add(spec.training().seed());
            }
            variants.add(variant);
        }
        out.println();
        out.print(table(variants));
        if (o.has("json")) {
            writeJson(Path.of(o.string("json").get()), variants, Provenance.of("compare", o));
            out.println("Wrote " + o.string("json").get());
        }
        return 0;
    }

    /** The presets of a comma-separated list, every name checked before anything runs. */
    static List<Preset> presets(String list) {
        List<Preset> presets = new ArrayList<>();
        for (String id : list.split(",", -1)) {
            if (id.isBlank()) {
                throw new CliException("--presets has an empty name in '" + list + "': separate names with single "
                        + "commas (see flatten-explorer presets)");
            }
            presets.add(TrainCommand.preset(id.strip()));
        }
        return presets;
    }

    static String table(List<Variant> variants) {
        StringBuilder t = new StringBuilder();
        int epochs = variants.stream().mapToInt(v -> v.spec().training().epochs()).max().orElse(0);
        t.append(String.format(Locale.ROOT, "%-18s %5s", "variant", "epoch"));
        t.append(String.format(Locale.ROOT, "  %-17s  %-17s%n", "accuracy", "val_accuracy"));
        for (Variant v : variants) {
            SeedStatistics stats = new SeedStatistics(v.runs());
            for (int e = 1; e <= epochs; e++) {
                t.append(String.format(Locale.ROOT, "%-18s %5d  %-17s  %-17s%n", e == 1 ? v.preset().id() : "", e,
                        stats.format(e, EpochMetrics::accuracy), stats.format(e, EpochMetrics::valAccuracy)));
            }
        }
        t.append('\n');
        t.append(String.format(Locale.ROOT, "%-18s %5s  %-13s  %-20s  %-17s  %8s%n", "variant", "seeds",
                "best accuracy", "best val_accuracy", "test_accuracy", "seconds"));
        for (Variant v : variants) {
            SeedStatistics stats = new SeedStatistics(v.runs());
            t.append(String.format(Locale.ROOT, "%-18s %5d  %-13s  %-20s  %-17s  %8.0f%n", v.preset().id(),
                    v.runs().size(), String.format(Locale.ROOT, "%.4f", stats.bestMean(EpochMetrics::accuracy)),
                    String.format(Locale.ROOT, "%.4f (epoch %d)", stats.bestMean(EpochMetrics::valAccuracy),
                            stats.bestEpoch(EpochMetrics::valAccuracy)),
                    SeedStatistics.formatMeanSpread(stats.testAccuracies()), stats.meanSeconds()));
        }
        return t.toString();
    }

    private static void writeJson(Path file, List<Variant> variants, Provenance provenance) {
        List<Map<String, Object>> runs = new ArrayList<>();
        for (Variant v : variants) {
            for (int i = 0; i < v.runs().size(); i++) {
                RunResult r = v.runs().get(i);
                Map<String, Object> run = new LinkedHashMap<>();
                run.put("name", v.preset().id());
                run.put("seed", v.seeds().get(i));
                run.put("spec", v.spec().withTrainingSeed(v.seeds().get(i)));
                List<Map<String, Object>> epochs = new ArrayList<>();
                for (EpochMetrics m : r.epochs()) {
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
                run.put("test_accuracy", Double.isNaN(r.testAccuracy()) ? null : r.testAccuracy());
                runs.add(run);
            }
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("commit", provenance.commit());
            json.put("command", provenance.command());
            json.put("runs", runs);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
        } catch (IOException e) {
            throw new OutputException("could not write --json " + file
                    + " (the table above has the same numbers)", e);
        }
    }
}
