package org.flattenexplorer.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.flattenexplorer.data.DataException;
import org.flattenexplorer.model.Preset;
import org.flattenexplorer.training.Failures;
import org.flattenexplorer.training.RunFormatException;

/** The headless commands: {@code train}, {@code summary}, {@code compare}, {@code bench}, {@code inspect}. */
public final class Cli {
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
            return switch (command) {
                case "train" -> TrainCommand.run(parse(rest, TrainCommand.OPTIONS), out, err);
                case "summary" -> SummaryCommand.run(parse(rest, SummaryCommand.OPTIONS), out, err);
                case "compare" -> CompareCommand.run(parse(rest, CompareCommand.OPTIONS), out, err);
                case "bench" -> BenchCommand.run(parse(rest, BenchCommand.OPTIONS), out);
                case "inspect" -> InspectCommand.run(parse(rest, InspectCommand.OPTIONS), out, err);
                case "import" -> ImportCommand.run(parse(rest, ImportCommand.OPTIONS), out, err);
                case "lesson" -> LessonCommand.run(parse(rest, LessonCommand.OPTIONS), out);
                case "report" -> ReportCommand.run(rest, out);
                case "presets" -> PresetsCommand.run(out);
                default -> throw new CliException("unknown command '" + command + "' (see --help)");
            };
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

    private static CliOptions parse(List<String> args, Set<String> known) {
        return CliOptions.parse(args, known);
    }

    static String help() {
        StringBuilder h = new StringBuilder();
        h.append("Flatten Explorer: what is this Flatten layer doing in my LSTM?\n\n");
        h.append("Usage:\n");
        h.append("  flatten-explorer                     open the window\n");
        h.append("  flatten-explorer summary  [--preset ID] [--vocab N] [model options]\n");
        h.append("  flatten-explorer train    [--preset ID] [--data DIR | --synthetic] [--out RUN_DIR] [options]\n");
        h.append("  flatten-explorer compare  [--presets ID,ID,...] [--seeds N] [--json FILE] [data and model options]\n");
        h.append("  flatten-explorer compare  --train-sizes N,N,... [--png CHART.png] [compare's options]\n");
        h.append("                                  each variant's best val_accuracy against the training-set size\n");
        h.append("  flatten-explorer bench    [--lstm stock|fast] [--data DIR] [--epochs N] [--json FILE]\n");
        h.append("  flatten-explorer inspect  --run RUN_DIR --review PATH_OR_TEXT --png OUT.png [--csv OUT.csv]\n");
        h.append("                                  one review's hidden states, flatten strip and word contributions\n");
        h.append("  flatten-explorer inspect  --keras m.h5 --tokenizer T.json --review TEXT --png OUT.png [--padding pre|post]\n");
        h.append("                                  the same for your Keras 2 model (Embedding -> LSTM -> head -> Dense(1))\n");
        h.append("  flatten-explorer import   --keras m.h5 [--tokenizer T.json] [--check inputs_and_outputs.h5]\n");
        h.append("                                  your Keras model's summary, what it became, the check of the import\n");
        h.append("  flatten-explorer lesson                           open the window in the guided lesson\n");
        h.append("  flatten-explorer lesson   --handout OUT.html [--data DIR | --synthetic] [--runs DIR] [options]\n");
        h.append("                                  the lesson's runs (reused when saved) and one HTML handout\n");
        h.append("  flatten-explorer report   FILE.json               Markdown table of compare/bench output\n");
        h.append("  flatten-explorer presets                          every preset's full spec as JSON\n");
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
