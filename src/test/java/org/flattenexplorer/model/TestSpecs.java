package org.flattenexplorer.model;

import org.flattenexplorer.data.Padding;

/** Small specs that build and run in milliseconds. */
public final class TestSpecs {
    public static final int VOCAB = 20;

    private TestSpecs() {}

    public static ExperimentSpec tiny(boolean returnSequences, Head head, Padding padding, boolean masking) {
        return ExperimentSpec.question().toBuilder()
                .returnSequences(returnSequences).head(head).padding(padding).masking(masking)
                .maxlen(7).embedding(3).units(4).dropout(0).batch(4).epochs(1).seed(123)
                .build();
    }
}
