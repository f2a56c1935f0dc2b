package org.flattenexplorer.training;

import java.util.List;
import java.util.OptionalInt;

/**
 * The outcome of a training run.
 *
 * @param testAccuracy accuracy on the held-out test split, NaN when there was none or the run was cancelled
 * @param batchLosses  the loss of every training batch, in order (the faint line of the loss chart)
 */
public record RunResult(RunStatus status, List<EpochMetrics> epochs, List<Double> batchLosses,
                        double testAccuracy, double seconds) {

    public RunResult {
        epochs = List.copyOf(epochs);
        batchLosses = List.copyOf(batchLosses);
    }

    /** 1-based epoch with the best validation accuracy (the first one on ties), empty before any epoch. */
    public OptionalInt bestValidationEpoch() {
        return bestValidationEpoch(epochs);
    }

    public static OptionalInt bestValidationEpoch(List<EpochMetrics> epochs) {
        EpochMetrics best = null;
        for (EpochMetrics m : epochs) {
            if (best == null || m.valAccuracy() > best.valAccuracy()) {
                best = m;
            }
        }
        return best == null ? OptionalInt.empty() : OptionalInt.of(best.epoch());
    }

    public double bestValidationAccuracy() {
        return epochs.stream().mapToDouble(EpochMetrics::valAccuracy).max().orElse(Double.NaN);
    }

    public double bestTrainingAccuracy() {
        return epochs.stream().mapToDouble(EpochMetrics::accuracy).max().orElse(Double.NaN);
    }
}
