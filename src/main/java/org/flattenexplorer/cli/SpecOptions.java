package org.flattenexplorer.cli;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.flattenexplorer.data.Padding;
import org.flattenexplorer.model.Cell;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Head;
import org.flattenexplorer.model.Implementation;

/** The options that override a preset's spec, shared by train and compare. */
final class SpecOptions {
    static final Set<String> NAMES = Set.of("return-sequences", "head", "padding", "truncating", "maxlen", "units",
            "embedding", "dropout", "lr", "batch", "epochs", "seed", "train-size", "val-size", "test-size",
            "num-words", "lstm", "cell");

    static final List<String> HELP = List.of(
            "  --cell lstm|gru|simple-rnn      the recurrent layer (default lstm)",
            "  --bidirectional / --go-backwards   Keras's Bidirectional(merge_mode='concat') / go_backwards=True",
            "  --return-sequences true|false   the cell returns all hidden states (true) or only the last",
            "  --head flatten|global-max|global-avg|none   what turns the sequence into one vector",
            "  --padding pre|post / --truncating pre|post   pad_sequences settings",
            "  --masking                       skip padded steps (Keras mask_zero=True)",
            "  --maxlen N  --units N  --embedding N  --dropout X  --lr X  --batch N  --epochs N",
            "  --seed N  --train-size N  --val-size N  --test-size N  --num-words N",
            "  --lstm stock|fast               implementation (default fast; stock = DL4J's own, LSTM only)");

    private SpecOptions() {}

    static ExperimentSpec apply(ExperimentSpec base, CliOptions o) {
        ExperimentSpec.Builder b = base.toBuilder();
        o.bool("return-sequences").ifPresent(b::returnSequences);
        o.string("head").ifPresent(h -> b.head(parse(() -> Head.fromCliName(h))));
        o.string("padding").ifPresent(p -> b.padding(padding("padding", p)));
        o.string("truncating").ifPresent(p -> b.truncating(padding("truncating", p)));
        if (o.flag("masking")) {
            b.masking(true);
        }
        if (o.flag("no-masking")) {
            b.masking(false);
        }
        o.integer("maxlen").ifPresent(b::maxlen);
        o.integer("units").ifPresent(b::units);
        o.integer("embedding").ifPresent(b::embedding);
        o.decimal("dropout").ifPresent(b::dropout);
        o.decimal("lr").ifPresent(b::lr);
        o.integer("batch").ifPresent(b::batch);
        o.integer("epochs").ifPresent(b::epochs);
        o.integer("seed").ifPresent(s -> b.seed(s));
        o.integer("train-size").ifPresent(b::trainSize);
        o.integer("val-size").ifPresent(b::valSize);
        o.integer("test-size").ifPresent(b::testSize);
        o.integer("num-words").ifPresent(n -> b.numWords(OptionalInt.of(n)));
        o.string("word-index").ifPresent(p -> b.wordIndex(java.nio.file.Path.of(p).toAbsolutePath().normalize()));
        o.string("lstm").ifPresent(l -> b.implementation(implementation(l)));
        o.string("cell").ifPresent(c -> b.cell(parse(() -> Cell.fromCliName(c))));
        if (o.has("bidirectional")) {
            b.bidirectional(o.flag("bidirectional"));
        }
        if (o.has("go-backwards")) {
            b.goBackwards(o.flag("go-backwards"));
        }
        return b.build();
    }

    /** A note for a combination that is valid but does not do what it seems to (printed, not refused). */
    static java.util.Optional<String> note(ExperimentSpec spec, CliOptions o) {
        if (spec.model().flattenIsNoOp() && (o.has("head") || o.has("return-sequences"))) {
            return java.util.Optional.of("with --return-sequences false the LSTM outputs one vector per review, so "
                    + "Flatten changes nothing: the Dense layer reads only the last hidden state (use "
                    + "--return-sequences true to flatten all " + spec.data().maxlen() + " states)");
        }
        return java.util.Optional.empty();
    }

    static Implementation implementation(String name) {
        return parse(() -> Implementation.fromCliName(name));
    }

    /** The spec with the options applied, refused with the core's explanation when it cannot be trained. */
    static ExperimentSpec trainable(ExperimentSpec base, CliOptions o) {
        ExperimentSpec spec = apply(base, o);
        spec.invalidReason().ifPresent(reason -> {
            throw new CliException("invalid model: " + reason.replace("\n", "; "));
        });
        return spec;
    }

    private static Padding padding(String option, String value) {
        return switch (value.toLowerCase()) {
            case "pre" -> Padding.PRE;
            case "post" -> Padding.POST;
            default -> throw new CliException("--" + option + " needs pre or post, got '" + value + "'");
        };
    }

    private static <T> T parse(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }
}
