package org.flattenexplorer.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.ModelSpec;
import org.flattenexplorer.model.Preset;
import org.flattenexplorer.training.RunResult;
import org.flattenexplorer.training.SavedRun;

/**
 * The answer to "what is this Flatten layer doing?" in plain words, built from the user's own runs: every
 * number quoted is measured in one of them (shapes and weight counts come from the run's spec), and every claim
 * names the preset that shows it, with the matching run when one exists.
 */
public final class Explanation {

    /** A finished or running experiment the explanation may quote. */
    public record Evidence(String name, ExperimentSpec spec, RunResult result) {
        public static Evidence of(SavedRun run) {
            return new Evidence(run.info().name(), run.info().spec(), run.result());
        }
    }

    /**
     * One claim.
     *
     * @param preset   the experiment that shows it
     * @param evidence the user's run of that preset, empty when there is none yet (then offer to run it)
     */
    public record Claim(String title, String text, Preset preset, Optional<Evidence> evidence) {}

    private Explanation() {}

    /** @param runs newest first; the first run matching a preset is quoted */
    public static List<Claim> build(List<Evidence> runs) {
        Optional<Evidence> flatten = find(runs, Preset.QUESTION_FLATTEN);
        Optional<Evidence> lastPost = find(runs, Preset.QUESTION_LAST);
        Optional<Evidence> lastPre = find(runs, Preset.LAST_PRE);
        Optional<Evidence> lastMasked = find(runs, Preset.LAST_MASKED);
        Optional<Evidence> lastBackwards = find(runs, Preset.LAST_GO_BACKWARDS);
        List<Claim> claims = new ArrayList<>();

        ExperimentSpec f = flatten.map(Evidence::spec).orElse(Preset.QUESTION_FLATTEN.spec());
        int steps = f.data().maxlen();
        int units = f.model().units();
        claims.add(new Claim("What Flatten does",
                String.format(Locale.ROOT, "With return_sequences=True the LSTM hands on its hidden state after every one "
                        + "of the %d time steps: a (None, %d, %d) tensor. Flatten learns nothing; it only lays those "
                        + "%d rows end to end, h_1's %d values first, then h_2's, and so on: one vector of %,d numbers "
                        + "per review, where h_t[u] sits at index t * %d + u.", steps, steps, units, steps, units,
                        steps * units, units),
                Preset.QUESTION_FLATTEN, flatten));

        StringBuilder weights = new StringBuilder(String.format(Locale.ROOT, "The Dense layer after Flatten needs one "
                + "weight per number plus a bias: %,d x 1 + 1 = %,d weights. Reading only the last state it would need "
                + "%d + 1 = %d. ", steps * units, steps * units + 1, units, units + 1));
        if (flatten.isPresent()) {
            RunResult r = flatten.get().result();
            weights.append(String.format(Locale.ROOT, "In your run \"%s\" (%d training reviews), that is about %,d "
                            + "weights per training review; training accuracy reached %.3f while the best validation "
                            + "accuracy was %.3f: a gap of %.3f, the mark of overfitting.", flatten.get().name(),
                    f.data().trainSize(), (steps * units + 1) / Math.max(1, f.data().trainSize()),
                            r.bestTrainingAccuracy(),
                    r.bestValidationAccuracy(), r.bestTrainingAccuracy() - r.bestValidationAccuracy()));
        } else {
            weights.append("With only a few hundred training reviews, that many weights can memorise the training "
                    + "set. Run the Flatten preset to measure the gap between training and validation accuracy.");
        }
        claims.add(new Claim(String.format(Locale.ROOT, "Why %,d weights instead of %d", steps * units + 1,
                units + 1), weights.toString(), Preset.QUESTION_FLATTEN, flatten));

        claims.add(new Claim("Why the last state fails with post padding", lastStateText(lastPost, "post"),
                Preset.QUESTION_LAST, lastPost));
        claims.add(new Claim("...but not with pre padding", lastStateText(lastPre, "pre"), Preset.LAST_PRE, lastPre));
        claims.add(new Claim("...nor with masking", lastStateText(lastMasked, "masked"), Preset.LAST_MASKED, lastMasked));
        claims.add(new Claim("...nor reading the review backwards", lastStateText(lastBackwards, "backwards"),
                Preset.LAST_GO_BACKWARDS, lastBackwards));
        return claims;
    }

    private static String lastStateText(Optional<Evidence> run, String variant) {
        String mechanism = switch (variant) {
            case "post" -> "With padding='post' the words come first and the padding after them, so a short review "
                    + "is followed by hundreds of zero tokens; the last hidden state is read after all of them and "
                    + "has largely forgotten the words. Flatten still sees the states right on the words, so it learns.";
            case "pre" -> "With Keras's default padding='pre' the zeros come first, so the last hidden state is read "
                    + "right after the last word.";
            case "masked" -> "With masking (mask_zero=True) the LSTM skips the padding, so the state the Dense layer "
                    + "reads is the one at the last real word.";
            case "backwards" -> "With go_backwards=True the LSTM reads the post-padded review from its end: the "
                    + "padding comes first and the words last, so its last state is read right after the first word "
                    + "(Keras's TextVectorization pads at the end, and this is the usual fix).";
            default -> throw new IllegalArgumentException(variant);
        };
        if (run.isEmpty()) {
            return mechanism + " You have no run of this variant yet: run it to see its accuracy.";
        }
        RunResult r = run.get().result();
        return mechanism + String.format(Locale.ROOT, " In your run \"%s\": best training accuracy %.3f, best "
                        + "validation accuracy %.3f after %d epochs.", run.get().name(), r.bestTrainingAccuracy(),
                r.bestValidationAccuracy(), r.epochs().size());
    }

    /**
     * The newest run whose spec is the preset's variant (same cell, direction, head, padding and masking; sizes may
     * differ): a GRU or a go_backwards run is never quoted for the LSTM read forwards.
     */
    public static Optional<Evidence> find(List<Evidence> runs, Preset preset) {
        return runs.stream().filter(r -> r.result() != null && !r.result().epochs().isEmpty()
                && sameVariant(r.spec(), preset.spec())).findFirst();
    }

    static boolean sameVariant(ExperimentSpec a, ExperimentSpec b) {
        ModelSpec x = a.model();
        ModelSpec y = b.model();
        return x.returnSequences() == y.returnSequences() && x.masking() == y.masking()
                && a.data().padding() == b.data().padding()
                && x.cell() == y.cell() && x.bidirectional() == y.bidirectional() && x.goBackwards() == y.goBackwards()
                && (!x.returnSequences() || x.head() == y.head());
    }

}
