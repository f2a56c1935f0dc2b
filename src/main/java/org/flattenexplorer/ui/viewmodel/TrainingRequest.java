package org.flattenexplorer.ui.viewmodel;

import org.flattenexplorer.data.Preprocessing;
import org.flattenexplorer.model.ArchitectureSpec;

/**
 * One run to train: the spec and the data settings. They differ only when several seeds of one variant share
 * the data split of the first seed (as the CLI's compare does), or when a saved run is re-run as it was.
 */
public record TrainingRequest(ArchitectureSpec spec, Preprocessing preprocessing) {
    public static TrainingRequest of(ArchitectureSpec spec) {
        return new TrainingRequest(spec, spec.preprocessing());
    }
}
