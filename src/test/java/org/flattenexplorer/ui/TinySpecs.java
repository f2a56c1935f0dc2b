package org.flattenexplorer.ui;

import org.flattenexplorer.data.Padding;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Head;

/** Specs small enough to train on the synthetic reviews in a second or two. */
public final class TinySpecs {
    private TinySpecs() {}

    public static ExperimentSpec flatten() {
        return ExperimentSpec.question().toBuilder().maxlen(30).units(8).embedding(8).trainSize(64).valSize(32)
                .testSize(32).epochs(2).batch(32).build();
    }

    /** Any spec (a lesson's preset) at the tiny sizes, keeping its head, padding and masking. */
    public static ExperimentSpec shrink(ExperimentSpec s) {
        return s.toBuilder().maxlen(30).units(8).embedding(8).trainSize(64).valSize(32).testSize(32).epochs(2)
                .batch(32).build();
    }

    public static ExperimentSpec lastState() {
        return flatten().toBuilder().returnSequences(false).head(Head.NONE).padding(Padding.PRE).build();
    }
}
