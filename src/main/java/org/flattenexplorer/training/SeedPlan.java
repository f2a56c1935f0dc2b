package org.flattenexplorer.training;

import java.util.ArrayList;
import java.util.List;
import org.flattenexplorer.model.ExperimentSpec;

/**
 * The one multi-seed plan, for "Compare all" in the window and {@code compare --seeds} alike: a variant over seeds
 * s, s + 1, ...; every run reads the data split of the first seed (the base's {@code data()}, seed included),
 * so only the initial weights, the dropout masks and the shuffling change.
 */
public final class SeedPlan {
    private SeedPlan() {}

    public static List<ExperimentSpec> seeds(ExperimentSpec base, int count) {
        List<ExperimentSpec> specs = new ArrayList<>();
        for (int s = 0; s < Math.max(1, count); s++) {
            specs.add(base.withTrainingSeed(base.training().seed() + s));
        }
        return specs;
    }
}
