package org.flattenexplorer.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Preset;
import org.flattenexplorer.model.TrainingMemory;
import org.flattenexplorer.training.OutputCheck;
import org.flattenexplorer.training.RunInfo;
import org.flattenexplorer.training.RunStore;
import org.flattenexplorer.training.SavedRun;

/** {@code train}: one variant, Keras's progress lines, a run folder at the end. */
final class TrainCommand {
    static final Set<String> OPTIONS = options("preset", "data", "out");

    private TrainCommand() {}

    static Set<String> options(String... extra) {
        Set<String> names = new HashSet<>(SpecOptions.NAMES);
        names.addAll(List.of(extra));
        names.add("word-index");
        names.addAll(DataOptions.FILE_NAMES);
        return names;
    }

    /**
     * Everything that can fail is checked before the first batch: the spec, the data (both classes), the output
     * folder (new, writable, room for the model) and the memory the spec needs (TrainingRun).
     */
    static int run(CliOptions o, PrintStream out, PrintStream err) {
        ExperimentSpec spec = SpecOptions.trainable(preset(o).spec(), o);
        SpecOptions.note(spec, o).ifPresent(n -> Cli.note(err, n));
        DataOptions.check(o);
        RunStore store = new RunStore(RunStore.defaultRoot());
        o.string("out").ifPresent(dir -> OutputCheck.SYSTEM.newFolder("--out", dir, 0));
        PreparedDataset data = DataOptions.prepare(o, spec.data());
        data.notes(spec.data().testSize()).forEach(n -> Cli.note(err, n));
        TrainingMemory.require(spec, data.vocabulary().inputDim());
        long bytes = RunStore.bytesNeeded(spec, data.vocabulary().inputDim());
        if (o.has("out")) {
            OutputCheck.SYSTEM.newFolder("--out", o.string("out").get(), bytes);
        } else {
            store.requireWritable(bytes);
        }
        out.println("Training " + spec.describe() + " on " + data.source() + " (" + data.train().size()
                + " train / " + data.validation().size() + " validation reviews, "
                        + spec.model().implementation().cliName() + " "
                + spec.model().recurrentLayerName() + ")");
        RunLauncher.Outcome outcome = RunLauncher.train(spec, data, new ConsoleProgress(out));
        out.println(testAccuracyLine(outcome.result().testAccuracy()));
        RunInfo info = outcome.info(spec.describe());
        SavedRun saved = o.string("out")
                .map(dir -> RunStore.saveTo(Path.of(dir), info, outcome.result(), outcome.run().network(),
                        data.vocabulary()))
                .orElseGet(() -> store.save(info, outcome.result(), outcome.run().network(), data.vocabulary()));
        out.println("Saved run: " + saved.folder());
        return 0;
    }

    static String testAccuracyLine(double testAccuracy) {
        return Double.isNaN(testAccuracy) ? "test_accuracy: n/a (no test reviews)"
                : String.format(Locale.ROOT, "test_accuracy: %.4f", testAccuracy);
    }

    static Preset preset(CliOptions o) {
        return preset(o.string("preset").orElse(Preset.QUESTION_FLATTEN.id()));
    }

    static Preset preset(String id) {
        try {
            return Preset.fromId(id);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }
}
