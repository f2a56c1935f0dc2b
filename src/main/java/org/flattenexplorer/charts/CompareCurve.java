package org.flattenexplorer.charts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.training.EpochMetrics;
import org.flattenexplorer.training.RunResult;
import org.flattenexplorer.training.SavedRun;
import org.flattenexplorer.training.SeedStatistics;

/**
 * One line of the comparison chart: a single run's curve, or the mean of one variant over several seeds with
 * the spread (sample standard deviation) as a band.
 *
 * @param mean    per epoch, index 0 = epoch 1
 * @param spread  per epoch, 0 for a single run
 */
public record CompareCurve(String label, int runs, double[] mean, double[] spread) {

    /** The ticked runs as curves: runs of one spec that differ only in seed become one mean curve. */
    public static List<CompareCurve> of(List<SavedRun> runs, ToDoubleFunction<EpochMetrics> metric) {
        Map<ExperimentSpec, List<SavedRun>> groups = new LinkedHashMap<>();
        for (SavedRun run : runs) {
            groups.computeIfAbsent(run.info().spec().toBuilder().seed(0).build(), k -> new ArrayList<>()).add(run);
        }
        List<CompareCurve> curves = new ArrayList<>();
        for (List<SavedRun> group : groups.values()) {
            long seeds = group.stream().mapToLong(r -> r.info().spec().training().seed()).distinct().count();
            if (group.size() > 1 && seeds == group.size()) {
                curves.add(mean(group.get(0).info().spec().describe() + " · mean of " + group.size() + " seeds",
                        group.stream().map(SavedRun::result).toList(), metric));
            } else {
                for (SavedRun run : group) {
                    curves.add(mean(run.info().name(), List.of(run.result()), metric));
                }
            }
        }
        return curves;
    }

    public static CompareCurve mean(String label, List<RunResult> results, ToDoubleFunction<EpochMetrics> metric) {
        SeedStatistics stats = new SeedStatistics(results);
        int epochs = stats.epochs();
        double[] mean = new double[epochs];
        double[] spread = new double[epochs];
        for (int e = 1; e <= epochs; e++) {
            SeedStatistics.MeanSpread m = stats.at(e, metric);
            mean[e - 1] = m.mean();
            spread[e - 1] = m.spread();
        }
        return new CompareCurve(label, results.size(), mean, spread);
    }
}
