package org.flattenexplorer.model;

import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.flattenexplorer.model.lstm.FastLstm;

/** The one place that maps an {@link LstmKind} to a DL4J layer: both share the stock layer's settings. */
final class LstmLayers {
    private LstmLayers() {}

    static Layer create(LstmKind kind, LSTM stockConfiguration) {
        return switch (kind) {
            case STOCK -> stockConfiguration;
            case FAST -> FastLstm.of(stockConfiguration);
        };
    }
}
