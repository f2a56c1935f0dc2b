package org.flattenexplorer.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.flattenexplorer.model.cell.RecurrentLayers;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Builds the DL4J network of a spec: {@code Embedding -> recurrent cell -> head -> Dense(1, sigmoid)}, initialised as
 * Keras does (uniform(-0.05, 0.05) embeddings, glorot-uniform kernels, orthogonal recurrent weights, forget-gate
 * bias 1), trained with Adam and binary cross-entropy.
 *
 * <p>Masking follows Keras: the features mask reaches the embedding and the LSTM (which keeps its state over
 * masked steps, see {@code FastLstmLayer}), the last state is read at the last real step, average pooling counts
 * the real steps only and max pooling, which does not support masking, pools over every step.
 *
 * <p>Layer indices are fixed so the rest of the app can find things: 0 = embedding, 1 = the recurrent layer
 * ({@link Cell}, wrapped by {@link RecurrentLayers#recurrent} for Bidirectional, go_backwards and the last state),
 * last = the Dense output layer.
 */
public final class NetworkFactory {

    public static final int EMBEDDING_LAYER = 0;
    /** The recurrent layer, whatever its cell (wrapped for Bidirectional, go_backwards or the last state). */
    public static final int RECURRENT_LAYER = 1;

    /** Keras's Adam epsilon (DL4J's default is 1e-8). */
    private static final double ADAM_EPSILON = 1e-7;
    private static final double EMBEDDING_INIT_RANGE = 0.05;

    private NetworkFactory() {}

    /** A freshly initialised network for a valid spec; {@code vocabSize} is the Embedding's input_dim. */
    public static MultiLayerNetwork build(ExperimentSpec spec, int vocabSize) {
        spec.requireValid();
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(spec, vocabSize));
        net.init();
        return net;
    }

    /**
     * The configuration of any spec, invalid ones included: return_sequences=True with no head gets a Dense
     * applied to every time step, which is what Keras builds before it fails on the labels.
     */
    public static MultiLayerConfiguration configuration(ExperimentSpec spec, int vocabSize) {
        return configuration(spec, vocabSize, DataType.FLOAT,
                LayerImplementations.adam(spec.model().implementation(), spec.training().lr(), 0.9, 0.999,
                        ADAM_EPSILON));
    }

    /** The same network in another precision or with another updater: gradient checks need DOUBLE and NoOp. */
    public static MultiLayerConfiguration configuration(ExperimentSpec spec, int vocabSize, DataType dataType,
                                                        IUpdater updater) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(spec.training().seed())
                .dataType(dataType)
                .updater(updater)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list()
                .layer(EMBEDDING_LAYER, embedding(spec, vocabSize));

        list.layer(RECURRENT_LAYER, RecurrentLayers.recurrent(spec.model().cell().layer(spec.model().embedding(),
                spec.model().units(),
                spec.model().dropout(), spec.model().implementation()), spec.model().returnSequences(),
                        spec.model().goBackwards(), spec.model().bidirectional()));
        if (spec.model().lastStateOnly()) {
            list.layer(2, dense(spec.model().stateWidth()));
            return list.build();
        }
        switch (spec.model().head()) { // exhaustive: a new head does not compile until it has its layers here
            case FLATTEN -> {
                list.inputPreProcessor(2, new KerasOrderFlatten(spec.data().maxlen(), spec.model().stateWidth(),
                        spec.model().masking()));
                list.layer(2, dense(spec.denseInputSize()));
            }
            case GLOBAL_MAX, GLOBAL_AVG -> {
                if (spec.model().masking() && !spec.model().head().supportsMasking()) {
                    list.inputPreProcessor(2, new MaskBlocker());
                }
                list.layer(2, new GlobalPoolingLayer.Builder(
                        spec.model().head() == Head.GLOBAL_MAX ? PoolingType.MAX : PoolingType.AVG).build());
                list.layer(3, dense(spec.model().stateWidth()));
            }
            case NONE -> list.layer(2, new RnnOutputLayer.Builder(new SigmoidCrossEntropy())
                    .nIn(spec.model().stateWidth()).nOut(1).activation(Activation.SIGMOID)
                    .weightInit(new GlorotUniform()).build());
        }
        return list.build();
    }

    private static Layer embedding(ExperimentSpec spec, int vocabSize) {
        return LayerImplementations.embedding(spec.model().implementation(), new EmbeddingSequenceLayer.Builder()
                .nIn(vocabSize)
                .nOut(spec.model().embedding())
                .hasBias(false)
                .inputLength(spec.data().maxlen())
                .weightInit(new WeightInitDistribution(
                        new UniformDistribution(-EMBEDDING_INIT_RANGE, EMBEDDING_INIT_RANGE)))
                .build());
    }

    private static Layer dense(long nIn) {
        return new OutputLayer.Builder(new SigmoidCrossEntropy())
                .nIn(nIn)
                .nOut(1)
                .activation(Activation.SIGMOID)
                .weightInit(new GlorotUniform())
                .biasInit(0)
                .build();
    }
}
