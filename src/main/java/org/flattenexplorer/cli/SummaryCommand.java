package org.flattenexplorer.cli;

import java.io.PrintStream;
import java.util.Set;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.KerasSummary;

/** {@code summary}: the Keras-style table of a variant, without data (the vocabulary size is an option). */
final class SummaryCommand {
    static final Set<String> OPTIONS = TrainCommand.options("preset", "vocab");

    /** The question's vocabulary size. */
    static final int DEFAULT_VOCAB = 37_252;

    private SummaryCommand() {}

    static int run(CliOptions o, PrintStream out, PrintStream err) {
        ExperimentSpec spec = SpecOptions.apply(TrainCommand.preset(o).spec(), o);
        SpecOptions.note(spec, o).ifPresent(n -> Cli.note(err, n));
        int vocab = o.integer("vocab").orElse(DEFAULT_VOCAB);
        if (vocab < 2) {
            throw new CliException("--vocab must be at least 2, got " + vocab);
        }
        KerasSummary summary;
        try {
            summary = KerasSummary.of(spec, vocab);
        } catch (RuntimeException e) {
            throw new CliException("invalid model: " + spec.invalidReason().orElse(e.getMessage()).replace("\n", "; "));
        }
        out.print(summary.toText());
        return summary.valid() ? 0 : 1;
    }
}
