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

    /** The record of a run that has just ended: the one place the window, the CLI and the lesson build it. */
    public static RunInfo of(String name, TrainingRun run, RunResult result) {
        return new RunInfo(name, result.status(), RunStore.now(), run.spec(), run.data().identity(),
                run.data().source(), run.data().preprocessing().toJson(),
                Double.isNaN(result.testAccuracy()) ? null : result.testAccuracy(), result.seconds());
    }

    public RunInfo withName(String newName) {
        return new RunInfo(newName, status, createdAt, spec, dataIdentity, dataSource, preprocessing, testAccuracy,
                seconds);
    }
}
