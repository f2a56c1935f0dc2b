package org.flattenexplorer.training;

import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.NetworkFactory;
import org.flattenexplorer.model.cell.RecurrentLayers;

/**
 * Whether a saved model is the network its run.json describes: same layers, same sizes (vocabulary rows,
 * embedding, units, the Dense layer's inputs, maxlen). The stock and fast LSTMs store the same weights, so the
 * implementation may differ.
 */
final class ModelCheck {
    private ModelCheck() {}

    /** What differs, in words ("the LSTM has 64 units in model.zip, 128 in run.json"), or empty. */
    static Optional<String> mismatch(ExperimentSpec spec, int vocabularySize, MultiLayerConfiguration actual) {
        MultiLayerConfiguration expected = NetworkFactory.configuration(spec, vocabularySize);
        List<Layer> want = expected.getConfs().stream().map(c -> unwrap(c.getLayer())).toList();
        List<Layer> have = actual.getConfs().stream().map(c -> unwrap(c.getLayer())).toList();
        if (want.size() != have.size()) {
            return Optional.of("model.zip has " + have.size() + " layers, run.json's " + spec.describe() + " has "
                    + want.size());
        }
        String wantRecurrent = RecurrentLayers.kerasDescription(
                expected.getConf(NetworkFactory.RECURRENT_LAYER).getLayer());
        String haveRecurrent = RecurrentLayers.kerasDescription(
                actual.getConf(NetworkFactory.RECURRENT_LAYER).getLayer());
        if (!wantRecurrent.equals(haveRecurrent)) {
            return Optional.of("model.zip holds " + haveRecurrent + ", but run.json says " + wantRecurrent);
        }
        for (int i = 0; i < want.size(); i++) {
            Layer w = want.get(i);
            Layer h = have.get(i);
            String name = name(i, want.size());
            if (w instanceof FeedForwardLayer fw && h instanceof FeedForwardLayer fh) {
                if (fw.getNIn() != fh.getNIn()) {
                    return Optional.of(name + " has " + fh.getNIn() + " " + inputs(i) + " in model.zip, but run.json "
                            + "and vocabulary.json make " + fw.getNIn());
                }
                if (fw.getNOut() != fh.getNOut()) {
                    return Optional.of(name + " has " + fh.getNOut() + " " + outputs(i) + " in model.zip, but "
                            + "run.json says " + fw.getNOut());
                }
            } else if (w instanceof FeedForwardLayer != h instanceof FeedForwardLayer) {
                return Optional.of(name + " is a different kind of layer in model.zip");
            }
            if (w instanceof EmbeddingSequenceLayer ew && h instanceof EmbeddingSequenceLayer eh
                    && ew.getInputLength() != eh.getInputLength()) {
                return Optional.of("model.zip was trained with maxlen " + eh.getInputLength() + ", run.json says "
                        + ew.getInputLength());
            }
        }
        return Optional.empty();
    }

    private static Layer unwrap(Layer layer) {
        Layer l = layer;
        while (l instanceof BaseWrapperLayer || l instanceof Bidirectional) {
            l = l instanceof Bidirectional b ? b.getFwd() : ((BaseWrapperLayer) l).getUnderlying();
        }
        return l;
    }

    private static String name(int index, int layers) {
        if (index == NetworkFactory.EMBEDDING_LAYER) {
            return "the Embedding";
        }
        if (index == NetworkFactory.RECURRENT_LAYER) {
            return "the recurrent layer";
        }
        return index == layers - 1 ? "the Dense layer" : "layer " + index;
    }

    private static String inputs(int index) {
        return index == NetworkFactory.EMBEDDING_LAYER ? "vocabulary rows" : "inputs";
    }

    private static String outputs(int index) {
        return index == NetworkFactory.EMBEDDING_LAYER ? "embedding dimensions"
                : index == NetworkFactory.RECURRENT_LAYER ? "units" : "outputs";
    }
}
