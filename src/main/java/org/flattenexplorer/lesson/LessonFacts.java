package org.flattenexplorer.lesson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flattenexplorer.inspect.ContributionShares;
import org.flattenexplorer.inspect.Inspection;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.KerasSummary;
import org.flattenexplorer.training.EpochMetrics;
import org.flattenexplorer.training.RunResult;

/**
 * The numbers a lesson step may state, each measured in a run on screen or computed from its spec: a step's text
 * says {@code {flatten.bestVal}} and never a number written in advance. A fact whose run is not there yet reads
 * as an ellipsis until it is.
 */
public final class LessonFacts {
    /** What stands in for a fact that is not measured yet (its run is training). */
    public static final String PENDING = "\u2026";

    /** From the spec (and the vocabulary): known before any training. */
    static final List<String> SPEC_KEYS = List.of("maxlen", "units", "padding", "denseInputs", "denseWeights",
            "lstmParams", "totalParams", "trainSize", "valSize", "epochs", "weightsPerReview");
    /** From the run's metrics. */
    static final List<String> RUN_KEYS = List.of("bestTrain", "bestVal", "bestValEpoch", "lastTrain", "lastVal",
            "test", "gap", "minValLoss", "minValLossEpoch", "lastValLoss", "seconds");
    /** From the step's review under the run's model. */
    static final List<String> REVIEW_KEYS = List.of("review.words", "review.padding", "review.p", "review.wordLogit",
            "review.paddingLogit", "review.bias", "review.logit", "review.stepsAfterLastWord", "review.paddingShare");
    /** From every validation review under the run's model. */
    static final List<String> VALIDATION_KEYS = List.of("val.paddingShare", "val.reviews");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)\\.([A-Za-z.]+)}");

    private final Map<String, String> values = new LinkedHashMap<>();

    /** Rejects placeholders that name an unknown run or fact, so a typo in a lesson file fails at load. */
    static void checkPlaceholders(String text, Set<String> aliases, String where) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!aliases.contains(m.group(1))) {
                throw new LessonFormatException(where + ": {" + m.group(1) + "." + m.group(2) + "} names an unknown run '"
                        + m.group(1) + "'");
            }
            String key = m.group(2);
            if (!SPEC_KEYS.contains(key) && !RUN_KEYS.contains(key) && !REVIEW_KEYS.contains(key)
                    && !VALIDATION_KEYS.contains(key)) {
                throw new LessonFormatException(where + ": unknown fact '" + key + "' in {" + m.group(1) + "." + key
                        + "}");
            }
        }
    }

    /** The facts a text asks for under one alias and one key group, e.g. does it need "val.*" of "flatten"? */
    static boolean asks(String text, String alias, String keyPrefix) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(alias) && m.group(2).startsWith(keyPrefix)) {
                return true;
            }
        }
        return false;
    }

    /** Fills every placeholder; the ones not measured yet read {@link #PENDING}. */
    public String fill(String template) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1) + "." + m.group(2), PENDING)));
        }
        m.appendTail(out);
        return out.toString();
    }

    public Map<String, String> values() {
        return Map.copyOf(values);
    }

    public LessonFacts spec(String alias, ExperimentSpec spec, int vocabulary) {
        KerasSummary summary = KerasSummary.of(spec, vocabulary);
        long dense = row(summary, "dense");
        put(alias, "maxlen", count(spec.data().maxlen()));
        put(alias, "units", count(spec.model().units()));
        put(alias, "padding", spec.data().padding().name().toLowerCase(Locale.ROOT));
        put(alias, "denseInputs", count(spec.denseInputSize()));
        put(alias, "denseWeights", count(dense));
        put(alias, "lstmParams", count(row(summary, "lstm")));
        put(alias, "totalParams", count(summary.totalParams()));
        put(alias, "trainSize", count(spec.data().trainSize()));
        put(alias, "valSize", count(spec.data().valSize()));
        put(alias, "epochs", count(spec.training().epochs()));
        put(alias, "weightsPerReview", count(Math.round((double) dense / spec.data().trainSize())));
        return this;
    }

    public LessonFacts run(String alias, RunResult result) {
        List<EpochMetrics> epochs = result.epochs();
        if (epochs.isEmpty()) {
            return this;
        }
        EpochMetrics last = epochs.get(epochs.size() - 1);
        EpochMetrics minValLoss = epochs.stream().min(java.util.Comparator.comparingDouble(EpochMetrics::valLoss))
                .orElse(last);
        put(alias, "bestTrain", accuracy(result.bestTrainingAccuracy()));
        put(alias, "bestVal", accuracy(result.bestValidationAccuracy()));
        put(alias, "bestValEpoch", String.valueOf(result.bestValidationEpoch().orElse(0)));
        put(alias, "lastTrain", accuracy(last.accuracy()));
        put(alias, "lastVal", accuracy(last.valAccuracy()));
        put(alias, "gap", accuracy(result.bestTrainingAccuracy() - result.bestValidationAccuracy()));
        put(alias, "minValLoss", accuracy(minValLoss.valLoss()));
        put(alias, "minValLossEpoch", String.valueOf(minValLoss.epoch()));
        put(alias, "lastValLoss", accuracy(last.valLoss()));
        put(alias, "seconds", String.format(Locale.ROOT, "%.0f", result.seconds()));
        if (!Double.isNaN(result.testAccuracy())) {
            put(alias, "test", accuracy(result.testAccuracy()));
        }
        return this;
    }

    /** The step's review under the alias's model: words against padding in the logit. */
    public LessonFacts review(String alias, Inspection in) {
        double[] shares = in.wordAndPaddingShares();
        int pads = in.review().paddingCount();
        put(alias, "review.words", count(in.timeSteps() - pads));
        put(alias, "review.padding", count(pads));
        put(alias, "review.p", String.format(Locale.ROOT, "%.3f", in.readout().probability()));
        put(alias, "review.wordLogit", signed(shares[0]));
        put(alias, "review.paddingLogit", signed(shares[1]));
        put(alias, "review.bias", signed(in.readout().bias()));
        put(alias, "review.logit", signed(in.readout().logit()));
        put(alias, "review.stepsAfterLastWord", count(in.timeSteps() - 1 - in.review().lastWordPosition()));
        put(alias, "review.paddingShare", percent(ContributionShares.paddingShare(in)));
        return this;
    }

    /** Over the validation reviews: how much of the logit's absolute contribution comes from padding steps. */
    public LessonFacts validation(String alias, ContributionShares shares) {
        put(alias, "val.paddingShare", percent(shares.meanPaddingShare()));
        put(alias, "val.reviews", count(shares.reviews()));
        return this;
    }

    private void put(String alias, String key, String value) {
        values.put(alias + "." + key, value);
    }

    private static long row(KerasSummary summary, String name) {
        return summary.rows().stream().filter(r -> r.name().equals(name)).mapToLong(KerasSummary.Row::params)
                .findFirst().orElse(0);
    }

    private static String count(long n) {
        return KerasSummary.formatCount(n);
    }

    private static String accuracy(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String signed(double v) {
        return String.format(Locale.ROOT, "%+.2f", v);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }
}
