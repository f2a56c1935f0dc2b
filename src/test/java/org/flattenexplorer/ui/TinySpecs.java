package org.flattenexplorer.ui;

import org.flattenexplorer.data.Padding;
import org.flattenexplorer.model.ArchitectureSpec;
import org.flattenexplorer.model.Head;

/** Specs small enough to train on the synthetic reviews in a second or two. */
public final class TinySpecs {
    private TinySpecs() {}

    public static ArchitectureSpec flatten() {
        return ArchitectureSpec.question().toBuilder().maxlen(30).units(8).embedding(8).trainSize(64).valSize(32)
                .testSize(32).epochs(2).batch(32).build();
    }

    /** Any spec (a lesson's preset) at the tiny sizes, keeping its head, padding and masking. */
    public static ArchitectureSpec shrink(ArchitectureSpec s) {
        return s.toBuilder().maxlen(30).units(8).embedding(8).trainSize(64).valSize(32).testSize(32).epochs(2)
                .batch(32).build();
    }

    public static ArchitectureSpec lastState() {
        return flatten().toBuilder().returnSequences(false).head(Head.NONE).padding(Padding.PRE).build();
    }
}
