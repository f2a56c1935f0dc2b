package org.flattenexplorer.model;

import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.flattenexplorer.model.lstm.ParallelAdam;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The one place that maps an {@link Implementation} to DL4J's embedding and Adam (the recurrent layer is the
 * {@link Cell}'s). STOCK is DL4J's own, the reference; FAST is the project's embedding gradient and Adam step. Both
 * take the stock configuration, so parameters, layout and initialisation are identical and only the speed differs.
 */
final class LayerImplementations {
    private LayerImplementations() {}

    /** Adam as Keras configures it; the fast path runs its element-wise step on the fast LSTM's threads. */
    static Adam adam(Implementation kind, double lr, double beta1, double beta2, double epsilon) {
        return switch (kind) {
            case STOCK -> new Adam(lr, beta1, beta2, epsilon);
            case FAST -> new ParallelAdam(lr, beta1, beta2, epsilon);
        };
    }

    static Layer embedding(Implementation kind, EmbeddingSequenceLayer stockConfiguration) {
        return switch (kind) {
            case STOCK -> stockConfiguration;
            case FAST -> FastEmbedding.of(stockConfiguration);
        };
    }
}
