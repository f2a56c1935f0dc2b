package org.flattenexplorer.model.cell;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.flattenexplorer.model.GlorotUniform;
import org.flattenexplorer.model.KerasOrthogonal;
import org.flattenexplorer.model.lstm.FastLstm;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small networks with the fast cells, their Keras references, inputs and masks, for the tests. */
final class CellTestSupport {

    private CellTestSupport() {
    }

    enum Kind { GRU, SIMPLE_RNN, LSTM }

    /** The cell's configuration with Keras's initializers; dropout null for none. */
    static org.deeplearning4j.nn.conf.layers.Layer cell(Kind kind, int nIn, int units, IDropout dropout) {
        return switch (kind) {
            case GRU -> {
                FastGru.Builder b = new FastGru.Builder().nIn(nIn).nOut(units);
                yield dropout == null ? b.build() : b.dropOut(dropout).build();
            }
            case SIMPLE_RNN -> {
                FastSimpleRnn.Builder b = new FastSimpleRnn.Builder().nIn(nIn).nOut(units);
                yield dropout == null ? b.build() : b.dropOut(dropout).build();
            }
            case LSTM -> {
                LSTM.Builder b = new LSTM.Builder().nIn(nIn).nOut(units).activation(Activation.TANH)
                        .gateActivationFunction(Activation.SIGMOID).weightInit(new GlorotUniform())
                        .weightInitRecurrent(new KerasOrthogonal());
                yield FastLstm.of(dropout == null ? b.build() : b.dropOut(dropout).build());
            }
        };
    }

    /**
     * The recurrent layer as given, then an identity MSE output layer of 2 units: per step ({@code sequence}) or on
     * the recurrent layer's 2D output.
     */
    static MultiLayerNetwork net(org.deeplearning4j.nn.conf.layers.Layer recurrent, long width, boolean sequence,
                                 DataType dt) {
        return net(recurrent, width, sequence, dt, new NoOp());
    }

    static MultiLayerNetwork net(org.deeplearning4j.nn.conf.layers.Layer recurrent, long width, boolean sequence,
                                 DataType dt, IUpdater updater) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(123).dataType(dt).updater(updater).list()
                .layer(recurrent);
        list.layer(sequence
                ? new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .nIn(width).nOut(2).dataFormat(RNNFormat.NCW).build()
                : new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .nIn(width).nOut(2).build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    /** Uniform(-0.4, 0.4) parameters (larger than Keras's initial ones, so every term of the gradient shows). */
    static void randomParams(MultiLayerNetwork net, long seed) {
        Nd4j.getRandom().setSeed(seed);
        net.setParams(Nd4j.rand(net.params().dataType(), net.params().shape()).subi(0.5).muli(0.8));
    }

    /** The Keras reference of a cell from its layer's parameters ({@code prefix}: "" or Bidirectional's "f"/"b"). */
    static KerasReference.Cell reference(Kind kind, Map<String, INDArray> params, String prefix) {
        double[][] w = matrix(params.get(prefix + "W"));
        double[][] rw = matrix(params.get(prefix + "RW"));
        double[][] b = matrix(params.get(prefix + "b"));
        return switch (kind) {
            case GRU -> KerasReference.gru(w, rw, b);
            case SIMPLE_RNN -> KerasReference.simpleRnn(w, rw, b[0]);
            case LSTM -> KerasReference.lstm(w, rw, b[0]);
        };
    }

    static double[][] matrix(INDArray a) {
        INDArray d = a.castTo(DataType.DOUBLE);
        return (d.rank() == 1 ? d.reshape(1, d.length()) : d).toDoubleMatrix();
    }

    /** Row {@code r} of [b, nIn, T] as [T][nIn]. */
    static double[][] sequence(INDArray x, int r) {
        return x.get(NDArrayIndex.point(r), NDArrayIndex.all(), NDArrayIndex.all()).castTo(DataType.DOUBLE)
                .transpose().toDoubleMatrix();
    }

    /** Row {@code r} of a [b, T] mask, or null. */
    static double[] maskRow(INDArray mask, int r) {
        return mask == null ? null : mask.getRow(r).castTo(DataType.DOUBLE).toDoubleVector();
    }

    /** The layer's output for x with the mask fed the network's way (as the hidden-state probe does). */
    static INDArray activate(Layer layer, INDArray x, INDArray mask, boolean training) {
        layer.feedForwardMaskArray(mask, MaskState.Active, (int) x.size(0));
        try {
            return layer.activate(x.dup(), training, LayerWorkspaceMgr.noWorkspaces()).dup();
        } finally {
            layer.setMaskArray(null);
        }
    }

    static INDArray randn(DataType dt, long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(dt, shape);
    }

    /** [b, T] mask; lengths[i] real steps, at the start (post padding) or the end (pre padding). */
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

    /** Largest difference between an [b, W, T] output's row r and a reference [T][W]. */
    static double maxAbsDiff(INDArray out, int r, double[][] expected) {
        double worst = 0;
        for (int t = 0; t < expected.length; t++) {
            for (int u = 0; u < expected[t].length; u++) {
                worst = Math.max(worst, Math.abs(out.getDouble(r, u, t) - expected[t][u]));
            }
        }
        return worst;
    }
}
