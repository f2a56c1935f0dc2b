package org.flattenexplorer.training;

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

    public RunInfo withName(String newName) {
        return new RunInfo(newName, status, createdAt, spec, dataIdentity, dataSource, preprocessing, testAccuracy,
                seconds);
    }
}
