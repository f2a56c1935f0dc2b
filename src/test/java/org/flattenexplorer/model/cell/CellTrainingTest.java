package org.flattenexplorer.model.cell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Every cell and option learns with Adam, dropout and a post-padding mask on a small task the last state and a
 * Flatten can both solve: is the sum of a review's first feature positive (the padded steps hold noise, which the
 * mask must hide).
 */
class CellTrainingTest {
    private static final int T = 10;
    private static final int N = 96;

    @Test
    void everyCellAndOptionLearnsASmallMaskedTask() {
        Random rnd = new Random(3);
        float[] xs = new float[N * 2 * T];
        float[] ys = new float[N];
        float[] ms = new float[N * T];
        for (int i = 0; i < N; i++) {
            int length = 3 + rnd.nextInt(T - 3);
            double sum = 0;
            for (int t = 0; t < T; t++) {
                for (int f = 0; f < 2; f++) {
                    xs[(i * 2 + f) * T + t] = (float) rnd.nextGaussian();
                }
                if (t < length) {
                    ms[i * T + t] = 1;
                    sum += xs[i * 2 * T + t];
                }
            }
            ys[i] = sum > 0 ? 1 : 0;
        }
        INDArray mask = Nd4j.create(ms, new long[] {N, T}, 'c');
        DataSet data = new DataSet(Nd4j.create(xs, new long[] {N, 2, T}, 'c'), Nd4j.create(ys, new long[] {N, 1}, 'c'),
                mask, null);
        Object[][] variants = {
            {"GRU, last state", RecurrentLayers.gru(2, 8, 0.1), false, false, false},
            {"SimpleRNN, last state", RecurrentLayers.simpleRnn(2, 8, 0.1), false, false, false},
            {"GRU, go_backwards, last state", RecurrentLayers.gru(2, 8, 0.1), false, true, false},
            {"Bidirectional GRU + average of the sequence", RecurrentLayers.gru(2, 8, 0.1), true, false, true},
        };
        for (Object[] v : variants) {
            org.deeplearning4j.nn.conf.layers.Layer rnn = RecurrentLayers.recurrent((BaseLayer) v[1], (Boolean) v[2],
                    (Boolean) v[3], (Boolean) v[4]);
            long width = RecurrentLayers.outputWidth(rnn);
            NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(5)
                    .dataType(DataType.FLOAT).updater(new Adam(0.02)).list().layer(rnn);
            if ((Boolean) v[2]) {
                list.layer(new org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer.Builder(
                        org.deeplearning4j.nn.conf.layers.PoolingType.AVG).build());
            }
            list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(width).nOut(1)
                    .activation(Activation.SIGMOID).build());
            MultiLayerNetwork net = new MultiLayerNetwork(list.build());
            net.init();
            double before = accuracy(net, data);
            for (int i = 0; i < 40; i++) {
                net.fit(data);
            }
            assertThat(accuracy(net, data)).as("%s (accuracy before: %.2f)", v[0], before).isGreaterThanOrEqualTo(0.9);
        }
    }

    private static double accuracy(MultiLayerNetwork net, DataSet data) {
        INDArray p = net.output(data.getFeatures(), false, data.getFeaturesMaskArray(), null);
        INDArray predicted = p.gt(0.5).castTo(DataType.FLOAT);
        return predicted.eq(data.getLabels()).castTo(DataType.FLOAT).meanNumber().doubleValue();
    }
}
