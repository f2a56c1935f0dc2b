package org.flattenexplorer.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.flattenexplorer.inspect.InspectedModel;
import org.flattenexplorer.inspect.Inspection;
import org.flattenexplorer.inspect.InspectionCsv;
import org.flattenexplorer.inspect.InspectionImageRenderer;
import org.flattenexplorer.inspect.ReviewInput;
import org.flattenexplorer.inspect.ReviewWarning;
import org.flattenexplorer.keras.Compatibility;
import org.flattenexplorer.keras.NumericSequences;
import org.flattenexplorer.keras.OpenedKerasModel;
import org.flattenexplorer.keras.SequenceStates;
import org.flattenexplorer.model.lstm.FastLstmRuntime;
import org.flattenexplorer.training.OutputCheck;
import org.flattenexplorer.training.OutputException;

/**
 * {@code inspect}: one review under a saved run's model as a PNG (heatmap, flatten strip, contribution bars)
 * and optionally the numbers as CSV; no display, no JavaFX. For a Keras model that reads numbers
 * ({@code --keras m.h5 --sequences FILE.csv|FILE.npy [--index N]}): one sequence's hidden states and the model's
 * output.
 */
final class InspectCommand {
    static final Set<String> OPTIONS = Set.of("run", "review", "png", "csv", "keras", "tokenizer", "padding",
            "truncating", "sequences", "index");

    private InspectCommand() {}

    /** The outputs and the review are checked before the model loads; nothing is written on a bad argument. */
    static int run(CliOptions o, PrintStream out, PrintStream err) {
        if (o.has("sequences") || o.has("index")) {
            return sequences(o, out, err);
        }
        if (o.has("run") == o.has("keras")) {
            throw new CliException("inspect needs --run RUN_DIR (a saved run) or --keras m.h5 (your Keras model), one "
                    + "of them");
        }
        if (!o.has("keras") && (o.has("tokenizer") || o.has("padding") || o.has("truncating"))) {
            throw new CliException("--tokenizer, --padding and --truncating are for --keras: a saved run keeps its own");
        }
        Path runDir = o.string("run").map(Path::of).orElse(null);
        String review = o.string("review").orElseThrow(() -> new CliException("inspect needs --review PATH_OR_TEXT"));
        if (o.string("png").isEmpty() && o.string("csv").isEmpty()) {
            throw new CliException("inspect needs --png OUT.png and/or --csv OUT.csv");
        }
        if (runDir != null && !Files.isDirectory(runDir)) {
            throw new CliException("no run folder at " + runDir);
        }
        o.string("png").ifPresent(png -> OutputCheck.SYSTEM.file("--png", png));
        o.string("csv").ifPresent(csv -> OutputCheck.SYSTEM.file("--csv", csv));
        String text = ReviewInput.read(review);
        FastLstmRuntime.configureNativeSingleThreaded();
        InspectedModel model = runDir != null ? InspectedModel.load(runDir) : ImportCommand.inspected(o);
        Inspection inspection = model.inspect(text);
        ReviewWarning.of(text, inspection.review()).ifPresent(w -> Cli.note(err, w));
        out.println(String.format(Locale.ROOT, "%s: %d words, %d <pad>; logit %+.4f (bias %+.4f), P(positive) %.3f; "
                        + "probe %.0f ms", model.spec().describe(), inspection.timeSteps()
                        - inspection.review().paddingCount(), inspection.review().paddingCount(),
                inspection.readout().logit(), inspection.readout().bias(), inspection.readout().probability(),
                inspection.probeNanos() / 1e6));
        o.string("png").ifPresent(png -> {
            long start = System.nanoTime();
            InspectionImageRenderer.writePng(inspection, Path.of(png));
            out.println(String.format(Locale.ROOT, "Wrote %s (%d x %d, %.0f ms)", png, InspectionImageRenderer.WIDTH,
                    InspectionImageRenderer.HEIGHT, (System.nanoTime() - start) / 1e6));
        });
        o.string("csv").ifPresent(csv -> {
            try {
                Files.writeString(Path.of(csv), InspectionCsv.write(inspection), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new OutputException("cannot write the CSV " + csv, e);
            }
            out.println("Wrote " + csv + " (" + inspection.timeSteps() + " rows, t, token, contribution, "
                    + inspection.units() + " hidden values)");
        });
        return 0;
    }

    /** {@code --keras m.h5 --sequences FILE [--index N]}: checked before anything is written. */
    private static int sequences(CliOptions o, PrintStream out, PrintStream err) {
        if (!o.has("keras") || o.has("run")) {
            throw new CliException("--sequences is for --keras m.h5, a Keras model that reads numbers: inspect --keras "
                    + "m.h5 --sequences FILE.csv|FILE.npy [--index N] --png OUT.png");
        }
        if (!o.has("sequences")) {
            throw new CliException("--index picks one of the sequences: give them with --sequences FILE.csv|FILE.npy");
        }
        if (o.has("review") || o.has("tokenizer") || o.has("padding") || o.has("truncating")) {
            throw new CliException("--review, --tokenizer, --padding and --truncating are for a model that reads text; "
                    + "--sequences gives a model that reads numbers its input");
        }
        if (o.string("png").isEmpty() && o.string("csv").isEmpty()) {
            throw new CliException("inspect needs --png OUT.png and/or --csv OUT.csv");
        }
        int index = o.integer("index").orElse(0);
        if (index < 0) {
            throw new CliException("--index counts the sequences from 0, got " + index);
        }
        o.string("png").ifPresent(png -> OutputCheck.SYSTEM.file("--png", png));
        o.string("csv").ifPresent(csv -> OutputCheck.SYSTEM.file("--csv", csv));
        OpenedKerasModel model = ImportCommand.open(o);
        if (!model.compatible()) {
            throw new CliException(Compatibility.refusal(model.file(), model.problems()));
        }
        NumericSequences sequences = NumericSequences.read(Path.of(o.string("sequences").get()), model.file());
        long start = System.nanoTime();
        SequenceStates states = SequenceStates.of(model, sequences, index);
        out.println(model.file().fileName() + ": " + states.summary().get(0));
        out.println(String.format(Locale.ROOT, "%s; %.0f ms", states.summary().get(1),
                (System.nanoTime() - start) / 1e6));
        out.println(states.summary().get(2));
        out.println("Output of " + states.outputLayer() + " " + states.output().shapeText() + ": "
                + states.outputText());
        states.notes().forEach(n -> Cli.note(err, n));
        o.string("png").ifPresent(png -> {
            InspectionImageRenderer.writePng(states.picture(), Path.of(png));
            out.println(String.format(Locale.ROOT, "Wrote %s (%d x %d)", png, InspectionImageRenderer.SEQUENCE_WIDTH,
                    InspectionImageRenderer.SEQUENCE_HEIGHT));
        });
        o.string("csv").ifPresent(csv -> {
            try {
                Files.writeString(Path.of(csv), states.csv(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new OutputException("cannot write the CSV " + csv, e);
            }
            out.println("Wrote " + csv + " (" + states.timeSteps() + " rows: t, masked, " + states.units()
                    + " hidden values)");
        });
        return 0;
    }
}
