package org.flattenexplorer.cli;

import java.io.PrintStream;
import java.util.Set;

/** {@code bench}: median seconds per epoch of the question's workload, per LSTM implementation. */
final class BenchCommand {
    static final Set<String> OPTIONS = Set.of("data", "epochs", "json", "lstm", "warmup");

    private BenchCommand() {}

    static int run(CliOptions o, PrintStream out) {
        throw new CliException("bench is not available yet");
    }
}
