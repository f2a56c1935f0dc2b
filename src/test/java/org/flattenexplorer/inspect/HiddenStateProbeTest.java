package org.flattenexplorer.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.flattenexplorer.data.Padding;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Head;
import org.flattenexplorer.model.Implementation;
import org.flattenexplorer.model.KerasOrderFlatten;
import org.flattenexplorer.model.NetworkFactory;
import org.flattenexplorer.model.TestSpecs;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** One mask path: the Hidden states views see exactly the states and the Dense input the network computes. */
class HiddenStateProbeTest {

    @Test
    void theProbesStatesAndDenseInputAreTheNetworksOwnActivations() {
        for (Implementation kind : Implementation.values()) {
            for (Padding padding : Padding.values()) {
                for (boolean masking : new boolean[] {true, false}) {
                    for (Head head : Head.values()) {
                        ExperimentSpec spec = TestSpecs.tiny(head != Head.NONE, head, padding, masking).toBuilder()
                                .implementation(kind).build();
                        if (spec.isValid()) {
                            check(spec, kind + " " + padding + (masking ? " masked " : " ") + head);
                        }
                    }
                }
            }
        }
    }

    private static void check(ExperimentSpec spec, String variant) {
        MultiLayerNetwork net = NetworkFactory.build(spec, TestSpecs.VOCAB);
        EncodedReview review = review(spec.data().padding());
        float[][] tokens = {new float[review.length()]};
        for (int t = 0; t < review.length(); t++) {
            tokens[0][t] = review.tokens()[t];
        }
        INDArray x = Nd4j.createFromArray(tokens);
        net.setLayerMaskArrays(spec.model().masking() ? x.neq(0).castTo(x.dataType()) : null, null);
        List<INDArray> acts = net.feedForward(x, false);
        net.clearLayerMaskArrays();

        Inspection in = Inspection.of("probe", net, spec, review);

        INDArray denseInput = acts.get(acts.size() - 2);
        InputPreProcessor flatten = net.getLayerWiseConfigurations().getInputPreProcess(acts.size() - 2);
        if (flatten instanceof KerasOrderFlatten) {
            denseInput = flatten.preProcess(denseInput, 1, LayerWorkspaceMgr.noWorkspaces()); // the network's own Flatten
        }
        float[] probed = in.denseInput();
        assertThat(probed).hasSize((int) denseInput.length());
        for (int i = 0; i < probed.length; i++) {
            assertThat(probed[i]).as(variant + ", Dense input " + i).isCloseTo(denseInput.getFloat(0, i), within(1e-6f));
        }
        if (spec.model().lastStateOnly()) {
            assertThat(in.states().values()[in.lastStateRow()]).as(variant).containsExactly(probed);
        } else {
            INDArray states = acts.get(NetworkFactory.RECURRENT_LAYER + 1); // [1, units, T]
            for (int t = 0; t < review.length(); t++) {
                for (int u = 0; u < spec.model().units(); u++) {
                    assertThat(in.states().at(t, u)).as(variant + ", h_%d[%d]", t, u).isEqualTo(states.getFloat(0, u, t));
                }
            }
        }
        double p = net.output(x, false, spec.model().masking() ? x.neq(0).castTo(x.dataType()) : null,
                null).getDouble(0);
        assertThat(in.readout().probability()).as(variant).isCloseTo(p, within(1e-6));
    }

    /** Four words padded to the tiny specs' 7 steps. */
    private static EncodedReview review(Padding padding) {
        int[] words = {3, 5, 7, 9};
        int[] tokens = new int[7];
        System.arraycopy(words, 0, tokens, padding == Padding.PRE ? 3 : 0, words.length);
        String[] text = new String[7];
        boolean[] pad = new boolean[7];
        for (int t = 0; t < 7; t++) {
            pad[t] = tokens[t] == 0;
            text[t] = pad[t] ? "<pad>" : "w" + tokens[t];
        }
        return new EncodedReview(tokens, text, pad);
    }
}
