package org.flattenexplorer.training;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * Captures the predictions of each training step's own forward pass (dropout on, weights before the update),
 * which is what Keras's training {@code accuracy} counts. DL4J's fit() does not return them; right after
 * backprop the output layer still holds its input, so one small matrix product recovers them without a
 * second pass through the LSTM.
 */
final class TrainingPredictions extends BaseTrainingListener {
    private float[] last = new float[0];

    @Override
    public void onBackwardPass(Model model) {
        MultiLayerNetwork net = (MultiLayerNetwork) model;
        last = net.getOutputLayer().activate(false, LayerWorkspaceMgr.noWorkspaces()).dup().toFloatVector();
    }

    float[] lastBatch() {
        return last;
    }
}
