package org.flattenexplorer.model.cell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flattenexplorer.model.cell.CellTestSupport.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.flattenexplorer.model.SequenceDropout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The facade the network builder uses: Keras's parameter counts and output widths for every cell and option, the
 * wrappers it composes, the hidden states the views read (the network's own last state at the documented steps),
 * save and restore, and training.
 */
class RecurrentLayersTest {
    private static final DataType D = DataType.DOUBLE;

    @AfterEach
    void floatAgain() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    private static BaseLayer cell(String name, int nIn, int units) {
        return switch (name) {
            case "lstm" -> RecurrentLayers.lstm(nIn, units, 0.2);
            case "gru" -> RecurrentLayers.gru(nIn, units, 0.2);
            default -> RecurrentLayers.simpleRnn(nIn, units, 0.2);
        };
    }

    @Test
    void parameterCountsAndWidthsAreKerassForEveryOption() {
        long[] keras = {131_584, 99_072, 32_896}; // LSTM(128), GRU(128), SimpleRNN(128) on 128 inputs, as Keras counts
        String[] cells = {"lstm", "gru", "simple-rnn"};
        for (int i = 0; i < cells.length; i++) {
            for (boolean sequences : new boolean[] {true, false}) {
                org.deeplearning4j.nn.conf.layers.Layer plain = RecurrentLayers.recurrent(cell(cells[i], 128, 128), sequences, false, false);
                org.deeplearning4j.nn.conf.layers.Layer backwards = RecurrentLayers.recurrent(cell(cells[i], 128, 128), sequences, true, false);
                org.deeplearning4j.nn.conf.layers.Layer bidirectional = RecurrentLayers.recurrent(cell(cells[i], 128, 128), sequences, false, true);
                assertThat(RecurrentLayers.kerasParameterCount(plain)).as(cells[i]).isEqualTo(keras[i]);
                assertThat(RecurrentLayers.kerasParameterCount(backwards)).as(cells[i]).isEqualTo(keras[i]);
                assertThat(RecurrentLayers.kerasParameterCount(bidirectional)).as(cells[i]).isEqualTo(2 * keras[i]);
                assertThat(RecurrentLayers.outputWidth(plain)).isEqualTo(128);
                assertThat(RecurrentLayers.outputWidth(backwards)).isEqualTo(128);
                assertThat(RecurrentLayers.outputWidth(bidirectional)).isEqualTo(256);
                assertThat(plain instanceof LastTimeStep).isEqualTo(!sequences);
                assertThat(backwards instanceof LastTimeStep).isEqualTo(!sequences);
                assertThat(bidirectional).isInstanceOf(KerasBidirectional.class);
            }
        }
        assertThat(RecurrentLayers.gru(128, 128, 0.2).getMemoryReport(InputType.recurrent(128, 500)).getParameterSize())
                .isEqualTo(99_072);
        assertThat(((BaseLayer) RecurrentLayers.gru(128, 128, 0.2)).getIDropout()).isInstanceOf(SequenceDropout.class);
        assertThat(RecurrentLayers.gru(128, 128, 0).getIDropout()).isNull();
        // (DL4J's equals would call any two recurrent layers of the same sizes equal)
        assertThat(RecurrentLayers.gru(8, 4, 0)).isEqualTo(RecurrentLayers.gru(8, 4, 0).clone())
                .isNotEqualTo(RecurrentLayers.simpleRnn(8, 4, 0));
        assertThat(new KerasBidirectional(RecurrentLayers.gru(8, 4, 0), true))
                .isEqualTo(new KerasBidirectional(RecurrentLayers.gru(8, 4, 0), true).clone())
                .isNotEqualTo(new KerasBidirectional(RecurrentLayers.gru(8, 4, 0), false));
        assertThatThrownBy(() -> RecurrentLayers.recurrent(RecurrentLayers.gru(8, 4, 0), true, true, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("go_backwards and Bidirectional");
    }

    /** The documented readout: the Dense layer's last state is the state sequence at T-1 (backward half: at 0). */
    @Test
    void theStatesForTheViewsHoldTheLastStateWhereTheDocsSay() {
        Nd4j.setDefaultDataTypes(D, D);
        INDArray x = randn(D, 60, 3, 4, 6);
        for (String name : new String[] {"lstm", "gru", "simple-rnn"}) {
            for (boolean goBackwards : new boolean[] {false, true}) {
                for (boolean bidirectional : goBackwards ? new boolean[] {false} : new boolean[] {false, true}) {
                    for (INDArray m : new INDArray[] {null, mask(D, 6, false, 6, 2, 4), mask(D, 6, true, 6, 2, 4)}) {
                        String what = name + " backwards=" + goBackwards + " bidirectional=" + bidirectional + " mask=" + m;
                        org.deeplearning4j.nn.conf.layers.Layer conf = RecurrentLayers.recurrent(cell(name, 4, 3), false,
                                goBackwards, bidirectional);
                        long width = RecurrentLayers.outputWidth(conf);
                        MultiLayerNetwork net = net(conf, width, false, D);
                        randomParams(net, 61);
                        Layer layer = net.getLayer(0);
                        INDArray last = activate(layer, x, m, false);
                        layer.feedForwardMaskArray(m, MaskState.Active, 3);
                        INDArray states = RecurrentStates.sequence(layer, x.dup()).dup();
                        layer.clear();
                        assertThat(states.shape()).as(what).containsExactly(3, width, 6);
                        INDArray expected = states.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(5)).dup();
                        if (bidirectional) {
                            expected.get(NDArrayIndex.all(), NDArrayIndex.interval(3, 6)).assign(states.get(
                                    NDArrayIndex.all(), NDArrayIndex.interval(3, 6), NDArrayIndex.point(0)));
                        }
                        assertThat(maxAbsDiff(last, expected)).as(what).isLessThan(1e-12);
                    }
                }
            }
        }
    }

    /** ModelSerializer keeps every layer, its settings and its training state; the restored network goes on alike. */
    @Test
    void aSavedNetworkRestoresAndTrainsOnIdentically() throws Exception {
        INDArray x = randn(DataType.FLOAT, 62, 4, 5, 6);
        INDArray m = mask(DataType.FLOAT, 6, false, 6, 2, 5, 3);
        for (org.deeplearning4j.nn.conf.layers.Layer conf : new org.deeplearning4j.nn.conf.layers.Layer[] {
            RecurrentLayers.recurrent(RecurrentLayers.gru(5, 3, 0.2), true, false, false),
            RecurrentLayers.recurrent(RecurrentLayers.simpleRnn(5, 3, 0.2), false, true, false),
            RecurrentLayers.recurrent(RecurrentLayers.lstm(5, 3, 0.2), false, false, true),
            RecurrentLayers.recurrent(RecurrentLayers.gru(5, 3, 0.2), true, false, true)}) {
            boolean sequences = RecurrentLayers.returnsSequences(conf);
            MultiLayerNetwork net = net(conf, RecurrentLayers.outputWidth(conf), sequences, DataType.FLOAT, new Adam(1e-2));
            INDArray y = sequences ? randn(DataType.FLOAT, 63, 4, 2, 6) : randn(DataType.FLOAT, 63, 4, 2);
            DataSet ds = new DataSet(x, y, m, sequences ? m : null);
            net.fit(ds);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ModelSerializer.writeModel(net, bytes, true);
            MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), true);
            String what = conf.getClass().getSimpleName();
            // (as JSON: the project's SequenceDropout has no equals)
            assertThat(restored.getLayerWiseConfigurations().toJson()).as(what)
                    .isEqualTo(net.getLayerWiseConfigurations().toJson());
            assertThat(restored.getLayer(0).getClass()).isEqualTo(net.getLayer(0).getClass());
            assertThat(maxAbsDiff(restored.output(x, false, m, null), net.output(x, false, m, null))).as(what).isZero();
            Nd4j.getRandom().setSeed(7);
            net.fit(ds);
            Nd4j.getRandom().setSeed(7);
            restored.fit(ds);
            assertThat(maxAbsDiff(restored.params(), net.params())).as(what + " after another step").isLessThan(1e-6);
        }
    }
}
