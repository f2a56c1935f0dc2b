package org.flattenexplorer.model;

import org.deeplearning4j.nn.conf.layers.LSTM;

/** The one place that maps an {@link LstmKind} to a DL4J layer builder. */
final class LstmLayers {
    private LstmLayers() {}

    static LSTM.Builder builder(LstmKind kind) {
        return switch (kind) {
            case STOCK -> new LSTM.Builder();
            case FAST -> throw new UnsupportedOperationException("the fast LSTM is not available in this build");
        };
    }
}
