package org.flattenexplorer.model.lstm;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small networks with the stock LSTM or FastLstm, for the comparisons in the tests. */
final class LstmTestSupport {

    private LstmTestSupport() {
    }

    enum Head { SEQUENCE, LAST_STEP }

    static MultiLayerNetwork net(boolean fast, int nIn, int units, int nOut, Head head, DataType dt,
                                 IUpdater updater, IDropout dropout) {
        LSTM.Builder lb = new LSTM.Builder().nIn(nIn).nOut(units).activation(Activation.TANH);
        if (dropout != null) {
            lb.dropOut(dropout);
        }
        LSTM stock = lb.build();
        org.deeplearning4j.nn.conf.layers.Layer rnn = fast ? FastLstm.of(stock) : stock;
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(123).dataType(dt).updater(updater == null ? new NoOp() : updater)
                .weightInit(WeightInit.XAVIER).list();
        if (head == Head.LAST_STEP) {
            list.layer(new LastTimeStep(rnn));
            list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                    .nIn(units).nOut(nOut).build());
        } else {
            list.layer(rnn);
            list.layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                    .nIn(units).nOut(nOut).build());
        }
        MultiLayerConfiguration conf = list.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Random params with a visible forget-bias offset; the same for both nets. */
    static void sameRandomParams(MultiLayerNetwork a, MultiLayerNetwork b, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray p = Nd4j.rand(a.params().dataType(), a.params().shape()).subi(0.5).muli(0.8);
        a.setParams(p.dup());
        b.setParams(p.dup());
    }

    static INDArray randn(DataType dt, long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(dt, shape);
    }

    /** [b, T] mask; lengths[i] real steps, at the end (post padding) or the start (pre padding). */
    static INDArray mask(DataType dt, int steps, boolean pre, int... lengths) {
        INDArray m = Nd4j.zeros(dt, lengths.length, steps);
        for (int i = 0; i < lengths.length; i++) {
            for (int t = 0; t < lengths[i]; t++) {
                m.putScalar(i, pre ? steps - 1 - t : t, 1.0);
            }
        }
        return m;
    }

    static double maxAbsDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    static double maxAbs(INDArray a) {
        return a.castTo(DataType.DOUBLE).amaxNumber().doubleValue();
    }
}
