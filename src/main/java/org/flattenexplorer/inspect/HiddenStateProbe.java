package org.flattenexplorer.inspect;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.flattenexplorer.model.ArchitectureSpec;
import org.flattenexplorer.model.NetworkFactory;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs one review through the embedding and the LSTM and returns every hidden state h_1..h_T. For a
 * return_sequences=False model the LSTM is wrapped in LastTimeStep, which hides the sequence, so the probe
 * runs the wrapped LSTM itself: the view can then show all T states and mark the one the Dense layer reads.
 *
 * <p>With masking the mask takes the network's own path ({@code feedForwardMaskArray} of the embedding, then of
 * the LSTM or its wrapper), so the probe computes exactly the states the network computes.
 */
public final class HiddenStateProbe {
    private HiddenStateProbe() {}

    public static HiddenStates probe(MultiLayerNetwork net, ArchitectureSpec spec, EncodedReview review) {
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        float[][] ids = new float[1][review.length()];
        float[][] mask = new float[1][review.length()];
        for (int t = 0; t < review.length(); t++) {
            ids[0][t] = review.tokens()[t];
            mask[0][t] = review.padding()[t] ? 0f : 1f;
        }
        Layer embedding = net.getLayer(NetworkFactory.EMBEDDING_LAYER);
        Layer lstmOrWrapper = net.getLayer(NetworkFactory.LSTM_LAYER);
        Layer lstm = lstmOrWrapper instanceof BaseWrapperLayer wrapper ? wrapper.getUnderlying() : lstmOrWrapper;
        try {
            if (spec.masking()) {
                Pair<INDArray, MaskState> next = embedding.feedForwardMaskArray(Nd4j.createFromArray(mask),
                        MaskState.Active, 1);
                lstmOrWrapper.feedForwardMaskArray(next.getFirst(), next.getSecond(), 1);
            }
            INDArray embedded = embedding.activate(Nd4j.createFromArray(ids), false, noWorkspaces);
            INDArray states = lstm.activate(embedded, false, noWorkspaces); // [1, units, T]
            return new HiddenStates(states.slice(0).transpose().toFloatMatrix(), review);
        } finally {
            embedding.clear();
            lstm.clear();
            embedding.setMaskArray(null);
            lstmOrWrapper.setMaskArray(null);
        }
    }
}
