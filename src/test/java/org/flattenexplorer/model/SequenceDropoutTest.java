package org.flattenexplorer.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SequenceDropoutTest {

    @Test
    void oneMaskPerSequenceAndFeatureIsReusedAtEveryTimeStep() {
        SequenceDropout dropout = SequenceDropout.ofRate(0.2);
        INDArray input = Nd4j.ones(8, 64, 30);

        INDArray out = dropout.applyDropout(input, input.ulike(), 0, 0, LayerWorkspaceMgr.noWorkspaces());

        int dropped = 0;
        for (int b = 0; b < 8; b++) {
            for (int e = 0; e < 64; e++) {
                float first = out.getFloat(b, e, 0);
                assertThat(first == 0f || Math.abs(first - 1.25f) < 1e-6).isTrue();
                dropped += first == 0f ? 1 : 0;
                for (int t = 1; t < 30; t++) {
                    assertThat(out.getFloat(b, e, t)).isEqualTo(first);
                }
            }
        }
        assertThat(dropped / (8.0 * 64)).isBetween(0.12, 0.28);
    }

    @Test
    void backpropPassesGradientOnlyThroughKeptInputs() {
        SequenceDropout dropout = SequenceDropout.ofRate(0.5);
        INDArray input = Nd4j.ones(2, 16, 5);
        INDArray out = dropout.applyDropout(input, input.ulike(), 0, 0, LayerWorkspaceMgr.noWorkspaces());

        INDArray grad = dropout.backprop(Nd4j.ones(2, 16, 5), Nd4j.zeros(2, 16, 5), 0, 0);

        assertThat(grad.equalsWithEps(out, 1e-6)).isTrue();
    }

    @Test
    void theEmbeddingsTimeMajorLayoutGetsTheSameOneMaskPerSequence() {
        SequenceDropout dropout = SequenceDropout.ofRate(0.2);
        INDArray input = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 10, 6).permute(0, 2, 1); // [b, f, t]
        INDArray output = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 10, 6).permute(0, 2, 1);

        dropout.applyDropout(input, output, 0, 0, LayerWorkspaceMgr.noWorkspaces());
        INDArray gradIn = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 10, 6).permute(0, 2, 1);
        dropout.backprop(Nd4j.ones(4, 10, 6).permute(0, 2, 1), gradIn, 0, 0);

        for (int b = 0; b < 4; b++) {
            for (int f = 0; f < 6; f++) {
                float factor = gradIn.getFloat(b, f, 0);
                assertThat(factor == 0f || Math.abs(factor - 1.25f) < 1e-6).isTrue();
                for (int t = 0; t < 10; t++) {
                    assertThat(gradIn.getFloat(b, f, t)).isEqualTo(factor);
                    assertThat(output.getFloat(b, f, t)).isEqualTo(input.getFloat(b, f, t) * factor);
                }
            }
        }
    }

    @Test
    void aProbeOnAnotherThreadDoesNotDropTheTrainingStepsMask() throws Exception {
        // the window probes a clone of the training network at epoch ends; the clone shares this object
        SequenceDropout dropout = SequenceDropout.ofRate(0.5);
        INDArray input = Nd4j.ones(2, 16, 5);
        INDArray output = dropout.applyDropout(input, input.ulike(), 0, 0, LayerWorkspaceMgr.noWorkspaces());
        Thread probe = new Thread(dropout::clear);
        probe.start();
        probe.join();

        INDArray grad = dropout.backprop(Nd4j.ones(2, 16, 5), input.ulike(), 0, 0);
        assertThat(grad.equalsWithEps(output, 1e-6)).isTrue(); // the same kept inputs, scaled alike
    }
}
