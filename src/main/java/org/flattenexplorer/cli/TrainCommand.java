package org.flattenexplorer.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.model.ArchitectureSpec;
import org.flattenexplorer.model.Preset;
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
        return names;
    }

    static int run(CliOptions o, PrintStream out) {
        ArchitectureSpec spec = SpecOptions.trainable(preset(o).spec(), o);
        PreparedDataset data = DataOptions.prepare(o, spec.preprocessing());
        out.println("Training " + spec.describe() + " on " + data.source() + " (" + data.train().size()
                + " train / " + data.validation().size() + " validation reviews, " + spec.lstm().cliName() + " LSTM)");
        RunLauncher.Outcome outcome = RunLauncher.train(spec, data, new ConsoleProgress(out));
        out.println(String.format(Locale.ROOT, "test_accuracy: %.4f", outcome.result().testAccuracy()));
        SavedRun saved = o.string("out")
                .map(dir -> RunStore.saveTo(Path.of(dir), outcome.info(spec.describe()), outcome.result(),
                        outcome.run().network(), data.vocabulary()))
                .orElseGet(() -> new RunStore(RunStore.defaultRoot()).save(outcome.info(spec.describe()),
                        outcome.result(), outcome.run().network(), data.vocabulary()));
        out.println("Saved run: " + saved.folder());
        return 0;
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
