package org.flattenexplorer.training;

import java.nio.file.Path;
import java.util.List;

/** A run as it lies on disk: its folder, its record and its per-epoch metrics (the model loads on demand). */
public record SavedRun(Path folder, RunInfo info, List<EpochMetrics> epochs, List<Double> batchLosses) {

    public SavedRun {
        epochs = List.copyOf(epochs);
        batchLosses = List.copyOf(batchLosses);
    }

    public RunResult result() {
        return new RunResult(info.status(), epochs, batchLosses,
                info.testAccuracy() == null ? Double.NaN : info.testAccuracy(), info.seconds());
    }
}
