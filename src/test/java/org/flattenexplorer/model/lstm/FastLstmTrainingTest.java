package org.flattenexplorer.model.lstm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flattenexplorer.model.lstm.LstmTestSupport.*;

import java.io.File;
import java.nio.file.Path;
import java.util.Random;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** (b) gradient checks, (e) serialization, (f) dropout hooks; training parity: StockAndFastNetworksTest. */
class FastLstmTrainingTest {

    @AfterEach
    void floatAgain() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    @Test
    void gradientCheckDoublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        DataType d = DataType.DOUBLE;
        // sequence head, no mask
        MultiLayerNetwork seq = net(true, 3, 4, 2, Head.SEQUENCE, d, null, null);
        assertThat(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(seq)
                .input(randn(d, 1, 3, 3, 6)).labels(randn(d, 2, 3, 2, 6)))).isTrue();
        // LastTimeStep with a post-padding mask (variable lengths)
        MultiLayerNetwork last = net(true, 3, 4, 2, Head.LAST_STEP, d, null, null);
        assertThat(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(last)
                .input(randn(d, 3, 4, 3, 7)).labels(randn(d, 4, 4, 2))
                .inputMask(mask(d, 7, false, 7, 3, 1, 5)))).isTrue();
        // the question's shape in miniature: embedding -> FastLstm -> Keras-order flatten -> sigmoid, XENT
        LstmEpochBench.Config c = tiny();
        c.vocab = 11;
        c.embed = 3;
        c.units = 4;
        c.steps = 5;
        MultiLayerNetwork flat = LstmEpochBench.buildNetwork(true, c);
        MultiLayerConfiguration conf = flat.getLayerWiseConfigurations();
        conf.getConfs().forEach(nc -> ((org.deeplearning4j.nn.conf.layers.BaseLayer) (nc.getLayer() instanceof
                org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep ? ((org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep)
                nc.getLayer()).getUnderlying() : nc.getLayer())).setIUpdater(new org.nd4j.linalg.learning.config.NoOp()));
        conf.setDataType(d);
        flat = new MultiLayerNetwork(conf);
        flat.init();
        INDArray tokens = Nd4j.createFromArray(new double[][] {{1, 4, 9, 2, 7}, {3, 3, 10, 5, 1}, {8, 6, 2, 2, 4}});
        INDArray labels = Nd4j.createFromArray(new double[][] {{1}, {0}, {1}});
        assertThat(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(flat)
                .input(tokens).labels(labels))).isTrue();
    }

    @Test
    void modelSerializerRoundTrip(@TempDir Path dir) throws Exception {
        LstmEpochBench.Config c = tiny();
        MultiLayerNetwork net = LstmEpochBench.buildNetwork(true, c);
        Random rnd = new Random(9);
        net.fit(tokens(rnd, c));
        File f = dir.resolve("net.zip").toFile();
        ModelSerializer.writeModel(net, f, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(f, true);
        assertThat(back.getLayerWiseConfigurations().getConf(1).getLayer()).isInstanceOf(FastLstm.class);
        assertThat(back.getLayer(1)).isInstanceOf(FastLstmLayer.class);
        assertThat(back.params()).isEqualTo(net.params());
        assertThat(back.getUpdater().getStateViewArray()).isEqualTo(net.getUpdater().getStateViewArray());
        DataSet ds = tokens(rnd, c);
        assertThat(maxAbsDiff(back.output(ds.getFeatures()), net.output(ds.getFeatures()))).isLessThan(1e-7);
        String json = net.getLayerWiseConfigurations().toJson();
        assertThat(json).contains("\"@class\" : \"org.flattenexplorer.model.lstm.FastLstm\"");
        assertThat(MultiLayerConfiguration.fromJson(json).toJson()).isEqualTo(json);
        assertThat(MultiLayerConfiguration.fromJson(json)).isEqualTo(net.getLayerWiseConfigurations());
        // LastTimeStep(FastLstm) too
        c.lastStep = true;
        MultiLayerNetwork last = LstmEpochBench.buildNetwork(true, c);
        ModelSerializer.writeModel(last, f, true);
        MultiLayerNetwork lastBack = ModelSerializer.restoreMultiLayerNetwork(f, true);
        assertThat(((LastTimeStepLayer) lastBack.getLayer(1)).getUnderlying()).isInstanceOf(FastLstmLayer.class);
        assertThat(maxAbsDiff(lastBack.output(ds.getFeatures()), last.output(ds.getFeatures()))).isLessThan(1e-7);
    }

    @Test
    void customDropoutIsAppliedInTrainingOnlyAndMatchesStock() {
        DataType f = DataType.FLOAT;
        SequenceMaskDropout dropS = new SequenceMaskDropout();
        SequenceMaskDropout dropF = new SequenceMaskDropout();
        MultiLayerNetwork stock = net(false, 5, 6, 2, Head.SEQUENCE, f, null, dropS);
        MultiLayerNetwork fast = net(true, 5, 6, 2, Head.SEQUENCE, f, null, dropF);
        MultiLayerNetwork plain = net(true, 5, 6, 2, Head.SEQUENCE, f, null, null);
        sameRandomParams(stock, fast, 3);
        plain.setParams(fast.params().dup());
        stock.initGradientsView();
        fast.initGradientsView();
        INDArray x = randn(f, 4, 3, 5, 8);
        INDArray eps = randn(f, 5, 3, 6, 8);
        Layer ls = stock.getLayer(0);
        Layer lf = fast.getLayer(0);
        // the layers keep their own clone of the IDropout: count through the layer's config
        SequenceMaskDropout usedF = (SequenceMaskDropout) ((org.deeplearning4j.nn.conf.layers.BaseLayer) lf.conf().getLayer()).getIDropout();
        LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
        INDArray inference = lf.activate(x.dup(), false, ws).dup();
        assertThat(maxAbsDiff(inference, plain.getLayer(0).activate(x.dup(), false, ws))).isEqualTo(0.0);
        assertThat(usedF.applied).isZero();
        INDArray trainS = ls.activate(x.dup(), true, ws).dup();
        INDArray trainF = lf.activate(x.dup(), true, ws).dup();
        assertThat(usedF.applied).isEqualTo(1);
        assertThat(maxAbsDiff(trainF, inference)).isGreaterThan(1e-3);
        assertThat(maxAbsDiff(trainF, trainS)).isLessThan(2e-6);
        Pair<Gradient, INDArray> gs = ls.backpropGradient(eps.dup(), ws);
        Pair<Gradient, INDArray> gf = lf.backpropGradient(eps.dup(), ws);
        assertThat(usedF.applied).isEqualTo(1);
        assertThat(usedF.backpropped).isEqualTo(1);
        assertThat(maxAbsDiff(gs.getSecond(), gf.getSecond())).isLessThan(1e-5);
        assertThat(maxAbsDiff(gs.getFirst().gradient(), gf.getFirst().gradient())).isLessThan(1e-5);
        // dropped input features get exactly zero epsilon
        assertThat(gf.getSecond().getDouble(0, 0, 3)).isEqualTo(0.0);
    }

    static LstmEpochBench.Config tiny() {
        LstmEpochBench.Config c = new LstmEpochBench.Config();
        c.vocab = 200;
        c.embed = 16;
        c.units = 16;
        c.steps = 50;
        c.batch = 8;
        return c;
    }

    static DataSet tokens(Random rnd, LstmEpochBench.Config c) {
        float[] t = new float[c.batch * c.steps];
        for (int i = 0; i < t.length; i++) {
            t[i] = 1 + rnd.nextInt(c.vocab - 1);
        }
        float[] y = new float[c.batch];
        for (int i = 0; i < y.length; i++) {
            y[i] = rnd.nextBoolean() ? 1 : 0;
        }
        return new DataSet(Nd4j.create(t, new long[] {c.batch, c.steps}, 'c'), Nd4j.create(y, new long[] {c.batch, 1}, 'c'));
    }
}
