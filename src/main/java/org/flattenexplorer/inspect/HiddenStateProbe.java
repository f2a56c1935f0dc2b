package org.flattenexplorer.inspect;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.NetworkFactory;
import org.flattenexplorer.model.cell.RecurrentStates;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs one review through the embedding and the recurrent layer and returns every hidden state h_0..h_{T-1}. For
 * a return_sequences=False model the layer is wrapped in LastTimeStep, which hides the sequence, so the probe runs
 * the wrapped layer itself ({@link RecurrentStates}): the view can then show all T states and mark what the Dense
 * layer reads. A go_backwards layer returns its states in the order it read them, last word first, as Keras does;
 * the probe pairs them with the review reversed, so row t is labelled with the word read at step t.
 *
 * <p>With masking the mask takes the network's own path ({@code feedForwardMaskArray} of the embedding, then of
 * the LSTM or its wrapper), so the probe computes exactly the states the network computes.
 */
public final class HiddenStateProbe {
    private HiddenStateProbe() {}

    public static HiddenStates probe(MultiLayerNetwork net, ExperimentSpec spec, EncodedReview review) {
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        float[][] ids = new float[1][review.length()];
        float[][] mask = new float[1][review.length()];
        for (int t = 0; t < review.length(); t++) {
            ids[0][t] = review.tokens()[t];
            mask[0][t] = review.padding()[t] ? 0f : 1f;
        }
        Layer embedding = net.getLayer(NetworkFactory.EMBEDDING_LAYER);
        Layer recurrent = net.getLayer(NetworkFactory.RECURRENT_LAYER);
        Layer inner = recurrent instanceof LastTimeStepLayer last ? last.getUnderlying() : recurrent;
        try {
            if (spec.model().masking()) {
                Pair<INDArray, MaskState> next = embedding.feedForwardMaskArray(Nd4j.createFromArray(mask),
                        MaskState.Active, 1);
                recurrent.feedForwardMaskArray(next.getFirst(), next.getSecond(), 1);
            }
            INDArray embedded = embedding.activate(Nd4j.createFromArray(ids), false, noWorkspaces);
            INDArray states = RecurrentStates.sequence(recurrent, embedded); // [1, width, T]
            return new HiddenStates(timeMajor(states), spec.model().goBackwards() ? review.reversed() : review);
        } finally {
            embedding.clear();
            inner.clear();
            recurrent.clear();
            embedding.setMaskArray(null);
            recurrent.setMaskArray(null);
            inner.setMaskArray(null);
        }
    }

    /**
     * [1, width, T] to values[t][u] with one bulk copy: ND4J's {@code toFloatMatrix} of the transposed view reads
     * element by element and took a third of the probe's time.
     */
    static float[][] timeMajor(INDArray states) {
        int width = (int) states.size(1);
        int steps = (int) states.size(2);
        float[] flat = states.dup('c').data().asFloat(); // unit-major: flat[u * steps + t]
        float[][] values = new float[steps][width];
        for (int u = 0; u < width; u++) {
            int base = u * steps;
            for (int t = 0; t < steps; t++) {
                values[t][u] = flat[base + t];
            }
        }
        return values;
    }
}
