package org.flattenexplorer.inspect;

import java.nio.FloatBuffer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.NetworkFactory;
import org.flattenexplorer.model.cell.RecurrentStates;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
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
     * [1, width, T] to values[t][u] with bulk copies: the time-major view [1, T, width] copied to c order (the fast
     * layers' own memory order, so a plain copy), then one row per step out of its native buffer. ND4J's
     * {@code toFloatMatrix} of the transposed view, and {@code asFloat} of the buffer, read element by element
     * (each was the largest cost of the probe in turn).
     */
    static float[][] timeMajor(INDArray states) {
        int width = (int) states.size(1);
        int steps = (int) states.size(2);
        INDArray rows = states.permute(0, 2, 1).castTo(DataType.FLOAT).dup('c'); // [1, T, width], offset 0
        FloatBuffer flat = rows.data().asNioFloat(); // flat[t * width + u]
        float[][] values = new float[steps][width];
        for (int t = 0; t < steps; t++) {
            flat.get(t * width, values[t], 0, width);
        }
        return values;
    }
}
