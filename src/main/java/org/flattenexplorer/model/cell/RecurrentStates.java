package org.flattenexplorer.model.cell;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The hidden states of a network's recurrent layer as {@link RecurrentLayers#recurrent} built it, for the
 * hidden-state views: the whole state sequence, [batch, width, T], even where the network reads only the last state.
 *
 * <p>Which steps the Dense layer reads: with return_sequences all of them (a Flatten's index t * width + u is this
 * sequence's step t, unit u); with the last state, step T-1, except Bidirectional's backward half, read at step 0
 * (see {@link RecurrentLayers}).
 */
public final class RecurrentStates {

    private RecurrentStates() {
    }

    /**
     * The state sequence of the network's layer for this input ([batch, features, T], e.g. the embedding's output).
     * Feed the mask first as the network does ({@code layer.feedForwardMaskArray(mask, MaskState.Active, batch)}),
     * and clear the layer afterwards.
     */
    public static INDArray sequence(Layer networkLayer, INDArray input) {
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        Layer layer = networkLayer instanceof LastTimeStepLayer last ? last.getUnderlying() : networkLayer;
        if (layer instanceof KerasBidirectionalLayer bidirectional) {
            return bidirectional.states(input, noWorkspaces);
        }
        return layer.activate(input, false, noWorkspaces);
    }
}
