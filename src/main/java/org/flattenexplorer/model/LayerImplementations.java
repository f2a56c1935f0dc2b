package org.flattenexplorer.model;

import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.flattenexplorer.model.lstm.FastLstm;

/**
 * The one place that maps an {@link LstmKind} to DL4J layers. STOCK is DL4J's own LSTM and embedding, the
 * reference; FAST is the project's LSTM and embedding gradient. Both take the stock configuration, so
 * parameters, layout and initialisation are identical and only the speed differs.
 */
final class LayerImplementations {
    private LayerImplementations() {}

    static Layer lstm(LstmKind kind, LSTM stockConfiguration) {
        return switch (kind) {
            case STOCK -> stockConfiguration;
            case FAST -> FastLstm.of(stockConfiguration);
        };
    }

    static Layer embedding(LstmKind kind, EmbeddingSequenceLayer stockConfiguration) {
        return switch (kind) {
            case STOCK -> stockConfiguration;
            case FAST -> FastEmbedding.of(stockConfiguration);
        };
    }
}
