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
import org.flattenexplorer.model.lstm.FastLstmRuntime;
import org.flattenexplorer.training.OutputCheck;
import org.flattenexplorer.training.OutputException;

/**
 * {@code inspect}: one review under a saved run's model as a PNG (heatmap, flatten strip, contribution bars)
 * and optionally the numbers as CSV; no display, no JavaFX.
 */
final class InspectCommand {
    static final Set<String> OPTIONS = Set.of("run", "review", "png", "csv", "keras", "tokenizer", "padding",
            "truncating");

    private InspectCommand() {}

    /** The outputs and the review are checked before the model loads; nothing is written on a bad argument. */
    static int run(CliOptions o, PrintStream out, PrintStream err) {
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
}
