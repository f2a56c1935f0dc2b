package org.flattenexplorer.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import org.flattenexplorer.data.Padding;
import org.flattenexplorer.inspect.InspectedModel;
import org.flattenexplorer.keras.Compatibility;
import org.flattenexplorer.keras.ImportCheck;
import org.flattenexplorer.keras.KerasModelReport;
import org.flattenexplorer.keras.OpenedKerasModel;
import org.flattenexplorer.model.lstm.FastLstmRuntime;

/**
 * {@code import --keras m.h5 [--tokenizer T.json] [--check inputs_and_outputs.h5]}: the report of a user's Keras
 * model (summary, what each layer became, the check of the import layer by layer). Exit 0 when the import computes
 * what Keras computes, 1 when the check finds a difference above the tolerance, 2 when the model cannot be opened
 * (the report still lists every layer and why).
 */
final class ImportCommand {
    static final Set<String> OPTIONS = Set.of("keras", "tokenizer", "check", "padding", "truncating", "samples");

    private ImportCommand() {}

    static int run(CliOptions o, PrintStream out, PrintStream err) {
        OpenedKerasModel model = open(o);
        if (!model.compatible()) {
            out.print(KerasModelReport.text(model, null));
            throw new CliException(Compatibility.refusal(model.file(), model.problems()));
        }
        int samples = o.integer("samples").orElse(8);
        if (samples < 1 || samples > 1000) {
            throw new CliException("--samples must be between 1 and 1000, got " + samples);
        }
        ImportCheck.Result check = o.string("check")
                .map(c -> ImportCheck.againstRecording(model.file(), model.imported(), Path.of(c)))
                .orElseGet(() -> ImportCheck.againstReference(model.file(), model.imported(), samples));
        out.print(KerasModelReport.text(model, check));
        return check.passes() ? 0 : 1;
    }

    /** The model and tokenizer the options name, with the padding the user gives (Keras's default: pre). */
    static OpenedKerasModel open(CliOptions o) {
        Path keras = Path.of(o.string("keras").orElseThrow(() -> new CliException("--keras needs the model file: "
                + "--keras m.h5 (saved with model.save(\"m.h5\"))")));
        FastLstmRuntime.configureNativeSingleThreaded();
        return OpenedKerasModel.open(keras, o.string("tokenizer").map(Path::of).orElse(null),
                padding(o, "padding"), padding(o, "truncating"));
    }

    /** The imported model as the inspection reads it (inspect --keras). */
    static InspectedModel inspected(CliOptions o) {
        OpenedKerasModel model = open(o);
        return model.inspected();
    }

    private static Padding padding(CliOptions o, String option) {
        return switch (o.string(option).orElse("pre").toLowerCase(java.util.Locale.ROOT)) {
            case "pre" -> Padding.PRE;
            case "post" -> Padding.POST;
            default -> throw new CliException("--" + option + " needs pre or post, got '" + o.string(option).get() + "'");
        };
    }
}
