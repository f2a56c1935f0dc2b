package org.flattenexplorer.training;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.data.Preprocessing;
import org.flattenexplorer.model.ExperimentSpec;

/**
 * What {@code run.json} records about a run: enough to reproduce it (the spec: model, data settings and training
 * settings with their seeds; the dataset's identity) and to list it (name, status, accuracies) without loading
 * the model.
 *
 * @param testAccuracy  null when the run was cancelled or had no test split
 */
public record RunInfo(String name, RunStatus status, String createdAt, ExperimentSpec spec, String dataIdentity,
                      String dataSource, Double testAccuracy, double seconds) {

    /**
     * Reads run.json. Files written before the spec was split kept the data settings actually used beside a flat
     * spec, as a JSON string under "preprocessing" (a multi-seed run's data seed is the first seed's): they win.
     */
    @JsonCreator
    static RunInfo read(@JsonProperty("name") String name, @JsonProperty("status") RunStatus status,
            @JsonProperty("createdAt") String createdAt, @JsonProperty("spec") ExperimentSpec spec,
            @JsonProperty("dataIdentity") String dataIdentity, @JsonProperty("dataSource") String dataSource,
            @JsonProperty("preprocessing") String legacyPreprocessing,
            @JsonProperty("testAccuracy") Double testAccuracy, @JsonProperty("seconds") double seconds) {
        ExperimentSpec read = spec != null && legacyPreprocessing != null
                ? new ExperimentSpec(spec.model(), Preprocessing.fromJson(legacyPreprocessing), spec.training())
                : spec;
        return new RunInfo(name, status, createdAt, read, dataIdentity, dataSource, testAccuracy, seconds);
    }

    /**
     * The record of a run that just ended. The spec's test size is the number of test reviews really used: a
     * short test folder is used whole, and run.json says how many it held.
     */
    public static RunInfo of(String name, RunResult result, ExperimentSpec spec, PreparedDataset data) {
        ExperimentSpec recorded = spec.data().testSize() == data.test().size() ? spec
                : spec.toBuilder().testSize(data.test().size()).build();
        return new RunInfo(name, result.status(), RunStore.now(), recorded, data.identity(), data.source(),
                Double.isNaN(result.testAccuracy()) ? null : result.testAccuracy(),
                result.seconds());
    }

    public RunInfo withName(String newName) {
        return new RunInfo(newName, status, createdAt, spec, dataIdentity, dataSource, testAccuracy,
                seconds);
    }
}
