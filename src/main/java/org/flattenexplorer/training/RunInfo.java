package org.flattenexplorer.training;

import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.model.ArchitectureSpec;

/**
 * What {@code run.json} records about a run: enough to reproduce it (spec with seed, preprocessing, dataset
 * identity) and to list it (name, status, accuracies) without loading the model.
 *
 * @param preprocessing the data settings as {@link org.flattenexplorer.data.Preprocessing#toJson()}
 * @param testAccuracy  null when the run was cancelled or had no test split
 */
public record RunInfo(String name, RunStatus status, String createdAt, ArchitectureSpec spec, String dataIdentity,
                      String dataSource, String preprocessing, Double testAccuracy, double seconds) {

    /**
     * The record of a run that just ended. The spec's test size is the number of test reviews really used: a
     * short test folder is used whole, and run.json says how many it held.
     */
    public static RunInfo of(String name, RunResult result, ArchitectureSpec spec, PreparedDataset data) {
        ArchitectureSpec recorded = spec.testSize() == data.test().size() ? spec
                : spec.toBuilder().testSize(data.test().size()).build();
        return new RunInfo(name, result.status(), RunStore.now(), recorded, data.identity(), data.source(),
                data.preprocessing().toJson(), Double.isNaN(result.testAccuracy()) ? null : result.testAccuracy(),
                result.seconds());
    }

    public RunInfo withName(String newName) {
        return new RunInfo(newName, status, createdAt, spec, dataIdentity, dataSource, preprocessing, testAccuracy,
                seconds);
    }
}
