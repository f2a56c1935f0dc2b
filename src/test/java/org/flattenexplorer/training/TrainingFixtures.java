package org.flattenexplorer.training;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.flattenexplorer.data.DatasetPreparer;
import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Preset;

/** Small synthetic experiments that train in a second or two. */
public final class TrainingFixtures {
    private static final Map<String, PreparedDataset> CACHE = new ConcurrentHashMap<>();

    private TrainingFixtures() {}

    /** A preset shrunk to 200 tokens, 16 units, 256/64/64 synthetic reviews. */
    public static ExperimentSpec small(Preset preset, int epochs) {
        return preset.spec().toBuilder().maxlen(200).units(16).embedding(16).trainSize(256).valSize(64)
                .testSize(64).epochs(epochs).build();
    }

    public static PreparedDataset synthetic(ExperimentSpec spec) {
        return CACHE.computeIfAbsent(spec.data().toJson(), k -> DatasetPreparer.synthetic(spec.data()));
    }
}
