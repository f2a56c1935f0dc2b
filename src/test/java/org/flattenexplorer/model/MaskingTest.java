package org.flattenexplorer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.flattenexplorer.data.Padding;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MaskingTest {

    @Test
    void theMaskedLastStateIsTheStateAfterTheLastRealWord() {
        for (LstmKind kind : LstmKind.values()) {
            ArchitectureSpec spec = TestSpecs.tiny(false, Head.NONE, Padding.POST, true).toBuilder().lstm(kind).build();
            MultiLayerNetwork net = NetworkFactory.build(spec, TestSpecs.VOCAB);
            INDArray padded = Nd4j.createFromArray(new float[][] {{3, 5, 7, 0, 0, 0, 0}});
            INDArray mask = Nd4j.createFromArray(new float[][] {{1, 1, 1, 0, 0, 0, 0}});

            net.setLayerMaskArrays(mask, null);
            INDArray lastState = net.feedForward(padded, false).get(2); // LastTimeStep output [1, units]
            net.clearLayerMaskArrays();
            INDArray unpaddedStates = runLstm(net, Nd4j.createFromArray(new float[][] {{3, 5, 7}}));

            for (int u = 0; u < spec.units(); u++) {
                assertThat(lastState.getFloat(0, u)).as(kind + " unit " + u)
                        .isCloseTo(unpaddedStates.getFloat(0, u, 2), within(1e-6f));
            }
        }
    }

    @Test
    void withoutMaskingThePostPaddedLastStateHasRunOverThePadding() {
        ArchitectureSpec spec = TestSpecs.tiny(false, Head.NONE, Padding.POST, false);
        MultiLayerNetwork net = NetworkFactory.build(spec, TestSpecs.VOCAB);

        INDArray lastState = net.feedForward(Nd4j.createFromArray(new float[][] {{3, 5, 7, 0, 0, 0, 0}}), false).get(2);
        INDArray unpadded = runLstm(net, Nd4j.createFromArray(new float[][] {{3, 5, 7}}));

        assertThat(lastState.getFloat(0, 0)).isNotEqualTo(unpadded.getFloat(0, 0, 2));
    }

    @Test
    void maxPoolingIgnoresMaskedSteps() {
        ArchitectureSpec spec = TestSpecs.tiny(true, Head.GLOBAL_MAX, Padding.POST, true);
        MultiLayerNetwork net = NetworkFactory.build(spec, TestSpecs.VOCAB);
        INDArray x = Nd4j.createFromArray(new float[][] {{3, 5, 0, 0, 0, 0, 0}});
        INDArray mask = Nd4j.createFromArray(new float[][] {{1, 1, 0, 0, 0, 0, 0}});

        net.setLayerMaskArrays(mask, null);
        java.util.List<INDArray> acts = net.feedForward(x, false);
        net.clearLayerMaskArrays();
        INDArray states = acts.get(2);
        INDArray pooled = acts.get(3);

        for (int u = 0; u < spec.units(); u++) {
            float expected = Math.max(states.getFloat(0, u, 0), states.getFloat(0, u, 1));
            assertThat(pooled.getFloat(0, u)).isEqualTo(expected);
        }
    }

    /** The network's own embedding and LSTM on a sequence of any length. */
    private static INDArray runLstm(MultiLayerNetwork net, INDArray tokens) {
        Layer lstm = net.getLayer(NetworkFactory.LSTM_LAYER);
        if (lstm instanceof BaseWrapperLayer w) {
            lstm = w.getUnderlying();
        }
        INDArray embedded = net.getLayer(0).activate(tokens.castTo(DataType.FLOAT), false, LayerWorkspaceMgr.noWorkspaces());
        return lstm.activate(embedded, false, LayerWorkspaceMgr.noWorkspaces());
    }
}
