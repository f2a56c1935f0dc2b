package org.flattenexplorer.training;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Mean and spread (sample standard deviation) over the seeds of one variant, epoch by epoch: with 200
 * validation reviews one run wobbles by several points, and the spread says by how much.
 */
public final class SeedStatistics {
    private final List<RunResult> runs;

    public SeedStatistics(List<RunResult> runs) {
        this.runs = List.copyOf(runs);
    }

    /** Mean and spread of one value. */
    public record MeanSpread(double mean, double spread, int count) {}

    public MeanSpread at(int epoch, ToDoubleFunction<EpochMetrics> metric) {
        double[] values = runs.stream().filter(r -> r.epochs().size() >= epoch)
                .mapToDouble(r -> metric.applyAsDouble(r.epochs().get(epoch - 1))).toArray();
        return of(values);
    }

    public int epochs() {
        return runs.stream().mapToInt(r -> r.epochs().size()).max().orElse(0);
    }

    public double bestMean(ToDoubleFunction<EpochMetrics> metric) {
        double best = Double.NaN;
        for (int e = 1; e <= epochs(); e++) {
            double mean = at(e, metric).mean();
            if (Double.isNaN(best) || mean > best) {
                best = mean;
            }
        }
        return best;
    }

    /** 1-based epoch whose mean is highest (first on ties); 0 without epochs. */
    public int bestEpoch(ToDoubleFunction<EpochMetrics> metric) {
        int bestEpoch = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int e = 1; e <= epochs(); e++) {
            double mean = at(e, metric).mean();
            if (mean > best) {
                best = mean;
                bestEpoch = e;
            }
        }
        return bestEpoch;
    }

    public MeanSpread testAccuracies() {
        return of(runs.stream().mapToDouble(RunResult::testAccuracy).filter(d -> !Double.isNaN(d)).toArray());
    }

    public double meanSeconds() {
        return runs.stream().mapToDouble(RunResult::seconds).average().orElse(Double.NaN);
    }

    public String format(int epoch, ToDoubleFunction<EpochMetrics> metric) {
        return formatMeanSpread(at(epoch, metric));
    }

    /** "0.7650" for one run, "0.7650 ± 0.0210" for several. */
    public static String formatMeanSpread(MeanSpread m) {
        if (m.count() == 0) {
            return "-";
        }
        return m.count() == 1 ? String.format(Locale.ROOT, "%.4f", m.mean())
                : String.format(Locale.ROOT, "%.4f ± %.4f", m.mean(), m.spread());
    }

    public static MeanSpread of(double[] values) {
        if (values.length == 0) {
            return new MeanSpread(Double.NaN, Double.NaN, 0);
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double spread = values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : 0;
        return new MeanSpread(mean, spread, values.length);
    }
}
