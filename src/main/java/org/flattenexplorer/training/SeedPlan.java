package org.flattenexplorer.training;

import java.util.ArrayList;
import java.util.List;
import org.flattenexplorer.model.ArchitectureSpec;

/**
 * The one multi-seed plan, for "Compare all" in the window and {@code compare --seeds} alike: a variant over seeds
 * s, s + 1, ...; every run reads the data split of the first seed ({@code base.preprocessing()}), so only the
 * initial weights, the dropout masks and the shuffling change.
 */
public final class SeedPlan {
    private SeedPlan() {}

    public static List<ArchitectureSpec> seeds(ArchitectureSpec base, int count) {
        List<ArchitectureSpec> specs = new ArrayList<>();
        for (int s = 0; s < Math.max(1, count); s++) {
            specs.add(base.toBuilder().seed(base.seed() + s).build());
        }
        return specs;
    }
}
