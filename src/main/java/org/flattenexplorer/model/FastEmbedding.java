package org.flattenexplorer.model;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Drop-in replacement for DL4J's {@link EmbeddingSequenceLayer} configuration whose layer,
 * {@link FastEmbeddingLayer}, computes the weight gradient without the stock layer's recomputed forward pass,
 * scatter op and transposing copies.
 *
 * <p>It IS an {@link EmbeddingSequenceLayer}: same parameter ({@code "W"}, [vocab, E]), same
 * {@code EmbeddingLayerParamInitializer}, same forward output (an NCW [batch, E, T] view of [batch, T, E]
 * memory), same mask handling, same JSON apart from {@code @class}; weights move between the two freely.
 * Convert a stock configuration with {@link #of(EmbeddingSequenceLayer)}, or build it like the stock layer:
 * <pre>{@code (FastEmbedding) new FastEmbedding.Builder().nIn(vocab).nOut(128).hasBias(false).inputLength(500).build()}</pre>
 */
public class FastEmbedding extends EmbeddingSequenceLayer {

    /** For JSON and for {@link Builder}. */
    public FastEmbedding() {
        super();
    }

    /** A FastEmbedding with every setting of the given stock configuration. */
    public static FastEmbedding of(EmbeddingSequenceLayer stock) {
        FastEmbedding fast = new FastEmbedding();
        CustomLayers.copyFields(stock.clone(), fast, EmbeddingSequenceLayer.class);
        return fast;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        return CustomLayers.wire(new FastEmbeddingLayer(conf, networkDataType), conf, initializer(), trainingListeners,
                layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public FastEmbedding clone() {
        return (FastEmbedding) super.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FastEmbedding && super.equals(o);
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof FastEmbedding;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + FastEmbedding.class.getName().hashCode();
    }

    @Override
    public String toString() {
        return "Fast" + super.toString();
    }

    /**
     * Builder with every option of DL4J's {@code EmbeddingSequenceLayer.Builder}; {@link #build()} returns a
     * {@link FastEmbedding} (the inherited chain methods are typed as the stock builder, so cast the result or
     * use {@link FastEmbedding#of(EmbeddingSequenceLayer)}).
     */
    public static class Builder extends EmbeddingSequenceLayer.Builder {

        public Builder() {
            super();
        }

        @Override
        public FastEmbedding build() {
            return of(super.build());
        }
    }
}
