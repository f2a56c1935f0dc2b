package org.flattenexplorer.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.flattenexplorer.data.DataException;
import org.flattenexplorer.model.Preset;
import org.flattenexplorer.training.Failures;
import org.flattenexplorer.training.RunFormatException;

/** The headless commands, each declared once in {@link #COMMANDS}: help and dispatch both come from that list. */
public final class Cli {
    /** What a command does with its parsed options (or, for one taking none, its raw arguments). */
    interface Action {
        int run(CliOptions options, List<String> arguments, PrintStream out, PrintStream err);
    }

    /**
     * One command: its name, its usage lines for --help (the first follows the name, the others are indented
     * under it), the options it accepts (null: it parses its own arguments), and what it runs.
     */
    record Command(String name, List<String> usage, Set<String> options, Action action) {
        int run(List<String> arguments, PrintStream out, PrintStream err) {
            return action.run(options == null ? null : CliOptions.parse(arguments, options), arguments, out, err);
        }
    }

    static final List<Command> COMMANDS = List.of(
            new Command("summary", List.of("[--preset ID] [--vocab N] [model options]"), SummaryCommand.OPTIONS,
                    (o, a, out, err) -> SummaryCommand.run(o, out, err)),
            new Command("train", List.of("[--preset ID] [--data DIR | --synthetic] [--out RUN_DIR] [options]"),
                    TrainCommand.OPTIONS, (o, a, out, err) -> TrainCommand.run(o, out, err)),
            new Command("compare", List.of("[--presets ID,ID,...] [--seeds N] [--json FILE] [data and model options]",
                    "--train-sizes N,N,... [--png CHART.png] [compare's options]",
                    "    each variant's best val_accuracy against the training-set size"),
                    CompareCommand.OPTIONS, (o, a, out, err) -> CompareCommand.run(o, out, err)),
            new Command("bench", List.of("[--lstm stock|fast] [--data DIR] [--epochs N] [--json FILE] [--peer DIR] [model options]",
                    "    epoch times, the floating-point bound from SGEMM on the model's shapes, the PyTorch peer",
                    "--window [--data DIR | --synthetic] [--epochs N] [--json FILE] [--cold] [--rounds N]",
                    "    the same workload in the window on this display and headless, each after the app's",
                    "    warm-ups (--cold: Train pressed at once in a fresh window)"),
                    BenchCommand.OPTIONS, (o, a, out, err) -> BenchCommand.run(o, out)),
            new Command("inspect", List.of("--run RUN_DIR --review PATH_OR_TEXT --png OUT.png [--csv OUT.csv]",
                    "    one review's hidden states, flatten strip and word contributions",
                    "--keras m.h5 --tokenizer T.json --review TEXT --png OUT.png [--padding pre|post]",
                    "    the same for your Keras 2 model (Embedding -> LSTM -> head -> Dense(1))",
                    "--keras m.h5 --sequences FILE.csv|FILE.npy [--index N] --png OUT.png [--csv OUT.csv]",
                    "    one numeric sequence's hidden states and output (a model that reads numbers)"),
                    InspectCommand.OPTIONS, (o, a, out, err) -> InspectCommand.run(o, out, err)),
            new Command("import", List.of("--keras m.h5 [--tokenizer T.json] [--check inputs_and_outputs.h5]",
                    "    your Keras model's summary, what it became, the check of the import"),
                    ImportCommand.OPTIONS, (o, a, out, err) -> ImportCommand.run(o, out, err)),
            new Command("lesson", List.of("--handout OUT.html [--data DIR | --synthetic] [--runs DIR] [options]",
                    "    the lesson's runs (reused when saved) and one HTML handout;",
                    "    without options the window opens in the lesson"),
                    LessonCommand.OPTIONS, (o, a, out, err) -> LessonCommand.run(o, out)),
            new Command("report", List.of("FILE.json", "    Markdown table of compare/bench output"), null,
                    (o, a, out, err) -> ReportCommand.run(a, out)),
            new Command("presets", List.of("", "    every preset's full spec as JSON"), null,
                    (o, a, out, err) -> PresetsCommand.run(out)));

    private Cli() {}

    /**
     * Runs a command and returns its exit code: 0 done, 1 summary of an invalid model, 2 a problem the user can
     * act on (bad input, an output that cannot be written, a full disk, too little memory), 3 an unexpected
     * error (a bug). Every failure prints one line on stderr, never a stack trace or a Java class name.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(help());
            return 0;
        }
        String command = args[0];
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            if (rest.contains("--help")) {
                out.print(help());
                return 0;
            }
            Command found = COMMANDS.stream().filter(c -> c.name().equals(command)).findFirst()
                    .orElseThrow(() -> new CliException("unknown command '" + command + "' (see --help)"));
            return found.run(rest, out, err);
        } catch (CliException | DataException | RunFormatException e) {
            err.println("error: " + Failures.explain(e));
            return 2;
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            err.println("error: " + Failures.explain(e));
            return Failures.isUserActionable(e) ? 2 : 3;
        }
    }

    /** A note for the user (a setting that does not do what it seems, a short test folder), on stderr. */
    static void note(PrintStream err, String note) {
        err.println("note: " + note);
    }


    static String help() {
        StringBuilder h = new StringBuilder();
        h.append("Flatten Explorer: what is this Flatten layer doing in my LSTM?\n\n");
        h.append("Usage:\n");
        h.append("  flatten-explorer                     open the window\n");
        for (Command c : COMMANDS) {
            h.append(String.format("  flatten-explorer %-8s %s%n", c.name(), c.usage().get(0)).stripTrailing()).append('\n');
            c.usage().subList(1, c.usage().size()).forEach(line -> h.append("                            ")
                    .append(line).append('\n'));
        }
        h.append("\nPresets (all other settings are the question's: 448/200 reviews, maxlen 500, 128/128,\n");
        h.append("dropout 0.2, Adam 1e-3, batch 32, 7 epochs):\n");
        for (Preset p : Preset.values()) {
            h.append(String.format("  %-17s %s%n", p.id(), p.description()));
        }
        h.append("\nData:\n");
        h.append("  --data DIR                      an aclImdb folder (train/ and test/ with pos/ and neg/)\n");
        h.append("                                  default: $FLATTEN_EXPLORER_DATA, then ~/.flatten-explorer/data/aclImdb\n");
        h.append("  --synthetic                     generated reviews instead of IMDB (fast, offline)\n");
        h.append("  --word-index FILE               Keras's imdb_word_index.json instead of a fitted vocabulary\n");
        DataOptions.HELP.forEach(line -> h.append(line).append('\n'));
        h.append("\nModel and training options:\n");
        SpecOptions.HELP.forEach(line -> h.append(line).append('\n'));
        return h.toString();
    }
}
