package org.flattenexplorer.model;

import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.flattenexplorer.model.lstm.FastLstm;
import org.flattenexplorer.model.lstm.ParallelAdam;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The one place that maps an {@link LstmKind} to DL4J layers. STOCK is DL4J's own LSTM and embedding, the
 * reference; FAST is the project's LSTM, embedding gradient and Adam step. Both take the stock configuration, so
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

    /** Adam as Keras configures it; the fast path runs its element-wise step on the fast LSTM's threads. */
    static Adam adam(LstmKind kind, double lr, double beta1, double beta2, double epsilon) {
        return switch (kind) {
            case STOCK -> new Adam(lr, beta1, beta2, epsilon);
            case FAST -> new ParallelAdam(lr, beta1, beta2, epsilon);
        };
    }

    static Layer embedding(LstmKind kind, EmbeddingSequenceLayer stockConfiguration) {
        return switch (kind) {
            case STOCK -> stockConfiguration;
            case FAST -> FastEmbedding.of(stockConfiguration);
        };
    }
}
