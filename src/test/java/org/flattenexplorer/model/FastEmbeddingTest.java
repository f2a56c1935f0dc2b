package org.flattenexplorer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** FastEmbedding against DL4J's stock EmbeddingSequenceLayer: forward, weight gradient, gradient check, serialization, training. */
class FastEmbeddingTest {

    @AfterEach
    void floatAgain() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    /** The embedding as NetworkFactory builds it. */
    static EmbeddingSequenceLayer stockEmbedding(int vocab, int embed, int steps) {
        return new EmbeddingSequenceLayer.Builder().nIn(vocab).nOut(embed).hasBias(false).inputLength(steps)
                .weightInit(new WeightInitDistribution(new UniformDistribution(-0.05, 0.05))).build();
    }

    /** Embedding -> LastTimeStep(LSTM) -> sigmoid output, XENT. */
    static MultiLayerNetwork net(boolean fast, int vocab, int embed, int units, int steps, DataType dt, IUpdater updater) {
        EmbeddingSequenceLayer emb = stockEmbedding(vocab, embed, steps);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7).dataType(dt).updater(updater).weightInit(WeightInit.XAVIER)
                .list()
                .layer(fast ? FastEmbedding.of(emb) : emb)
                .layer(new LastTimeStep(new LSTM.Builder().nIn(embed).nOut(units).activation(Activation.TANH).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(units).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static INDArray tokens(Random rnd, int batch, int steps, int vocab, DataType dt) {
        double[][] v = new double[batch][steps];
        for (double[] row : v) {
            for (int t = 0; t < steps; t++) {
                row[t] = rnd.nextInt(vocab);
            }
        }
        return Nd4j.createFromArray(v).castTo(dt);
    }

    /** Post-padding mask: example i has lengths[i % lengths.length] real steps. */
    static INDArray mask(int batch, int steps, DataType dt, int... lengths) {
        double[][] m = new double[batch][steps];
        for (int i = 0; i < batch; i++) {
            Arrays.fill(m[i], 0, Math.min(steps, lengths[i % lengths.length]), 1.0);
        }
        return Nd4j.createFromArray(m).castTo(dt);
    }

    static double maxAbsDiff(INDArray a, INDArray b) {
        assertThat(a.shape()).isEqualTo(b.shape());
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    @Test
    void configIsAStockEmbeddingWithTheFastLayer() {
        EmbeddingSequenceLayer stock = stockEmbedding(50, 6, 9);
        FastEmbedding fast = FastEmbedding.of(stock);
        assertThat(fast.getNIn()).isEqualTo(50);
        assertThat(fast.getNOut()).isEqualTo(6);
        assertThat(fast.getInputLength()).isEqualTo(9);
        assertThat(fast.hasBias()).isFalse();
        assertThat(fast.getWeightInitFn()).isEqualTo(stock.getWeightInitFn());
        assertThat(fast.getActivationFn()).isEqualTo(stock.getActivationFn());
        EmbeddingSequenceLayer built = new FastEmbedding.Builder().nIn(50).nOut(6).hasBias(false).inputLength(9)
                .weightInit(new WeightInitDistribution(new UniformDistribution(-0.05, 0.05))).build();
        assertThat(built).isInstanceOf(FastEmbedding.class).isEqualTo(fast);
        assertThat(net(true, 20, 4, 3, 5, DataType.FLOAT, new Adam(1e-3)).getLayer(0))
                .isInstanceOf(FastEmbeddingLayer.class);
    }

    @Test
    void outputsEqualStockExactlyWithAndWithoutMask() {
        int vocab = 40;
        int steps = 9;
        int batch = 5;
        MultiLayerNetwork stock = net(false, vocab, 6, 3, steps, DataType.FLOAT, new Adam(1e-3));
        MultiLayerNetwork fast = net(true, vocab, 6, 3, steps, DataType.FLOAT, new Adam(1e-3));
        fast.setParams(stock.params().dup());
        INDArray x = tokens(new Random(1), batch, steps, vocab, DataType.FLOAT);
        LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
        for (INDArray m : new INDArray[] {null, mask(batch, steps, DataType.FLOAT, 9, 4, 1, 6)}) {
            for (INDArray in : new INDArray[] {x, x.reshape(batch, 1, steps)}) {
                Layer ls = stock.getLayer(0);
                Layer lf = fast.getLayer(0);
                ls.setMaskArray(m);
                lf.setMaskArray(m);
                INDArray os = ls.activate(in.dup(), false, ws);
                INDArray of = lf.activate(in.dup(), false, ws);
                assertThat(of.shape()).isEqualTo(os.shape()).containsExactly(batch, 6, steps);
                assertThat(of.stride()).isEqualTo(os.stride());
                assertThat(of.ordering()).isEqualTo(os.ordering());
                assertThat(maxAbsDiff(of, os)).isEqualTo(0.0);
                Pair<INDArray, ?> mf = lf.feedForwardMaskArray(m, null, batch);
                Pair<INDArray, ?> ms = ls.feedForwardMaskArray(m, null, batch);
                assertThat(mf == null ? null : mf.getFirst()).isEqualTo(ms == null ? null : ms.getFirst());
            }
            if (m != null) {
                // masked steps are exactly zero
                INDArray of = fast.getLayer(0).activate(x.dup(), false, ws);
                assertThat(of.getDouble(2, 3, 5)).isEqualTo(0.0);
            }
        }
        // whole network, both masks
        INDArray m = mask(batch, steps, DataType.FLOAT, 9, 4, 1, 6);
        assertThat(maxAbsDiff(fast.output(x, false, m, null), stock.output(x, false, m, null))).isEqualTo(0.0);
        assertThat(((FastEmbeddingLayer) fast.getLayer(0)).fastForwards).as("the fast gather ran").isEqualTo(6);
    }

    @Test
    void gatherKeepsTheStockChecksAndFallsBackWithABias() {
        int vocab = 40;
        MultiLayerNetwork stock = net(false, vocab, 6, 3, 1, DataType.FLOAT, new Adam(1e-3));
        MultiLayerNetwork fast = net(true, vocab, 6, 3, 1, DataType.FLOAT, new Adam(1e-3));
        fast.setParams(stock.params().dup());
        LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
        // rank 1: one step per example
        INDArray ids = Nd4j.createFromArray(3f, 0f, 39f, 7f);
        INDArray os = stock.getLayer(0).activate(ids.dup(), false, ws);
        INDArray of = fast.getLayer(0).activate(ids.dup(), false, ws);
        assertThat(of.shape()).containsExactly(4, 6, 1);
        assertThat(maxAbsDiff(of, os)).isEqualTo(0.0);
        // the stock layer's errors for an id outside the vocabulary and a rank 3 input that is not [batch, 1, T]
        for (INDArray bad : new INDArray[] {Nd4j.createFromArray(new float[][] {{40f}}),
                Nd4j.createFromArray(new float[][][] {{{1f}, {2f}}})}) {
            Throwable expected = catchThrowable(() -> stock.getLayer(0).activate(bad.dup(), false, ws));
            assertThat(expected).isNotNull();
            assertThat(catchThrowable(() -> fast.getLayer(0).activate(bad.dup(), false, ws)))
                    .isInstanceOf(expected.getClass()).hasMessage(expected.getMessage());
        }
        // with a bias the stock forward and backprop run, and still train
        EmbeddingSequenceLayer biased = new EmbeddingSequenceLayer.Builder().nIn(vocab).nOut(4).hasBias(true)
                .inputLength(5).build();
        MultiLayerNetwork withBias = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .updater(new Adam(1e-2)).list().layer(FastEmbedding.of(biased))
                .layer(new LastTimeStep(new LSTM.Builder().nIn(4).nOut(3).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(3).nOut(1)
                        .activation(Activation.SIGMOID).build()).build());
        withBias.init();
        INDArray x = tokens(new Random(2), 8, 5, vocab, DataType.FLOAT);
        INDArray y = Nd4j.createFromArray(new float[][] {{1}, {0}, {1}, {0}, {1}, {0}, {1}, {0}});
        withBias.fit(x, y);
        assertThat(((FastEmbeddingLayer) withBias.getLayer(0)).fastForwards).isZero();
        assertThat(withBias.score()).isFinite();
    }

    @Test
    void weightGradientEqualsStockWithRepeatedIdsAndAnyEpsilonLayout() {
        int vocab = 30; // 6 x 11 = 66 positions over 30 ids: many repeats
        int embed = 5;
        int steps = 11;
        int batch = 6;
        for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            MultiLayerNetwork stock = net(false, vocab, embed, 3, steps, dt, new Adam(1e-3));
            MultiLayerNetwork fast = net(true, vocab, embed, 3, steps, dt, new Adam(1e-3));
            fast.setParams(stock.params().dup());
            stock.initGradientsView();
            fast.initGradientsView();
            Random rnd = new Random(3);
            INDArray x = tokens(rnd, batch, steps, vocab, DataType.FLOAT);
            x.putScalar(0, 0, 7);
            x.putScalar(0, 1, 7);
            x.putScalar(3, 10, 7);
            Nd4j.getRandom().setSeed(11);
            INDArray vals = Nd4j.randn(dt, batch, embed, steps);
            List<Supplier<INDArray>> layouts = List.of(
                    () -> vals.dup('c'),                                                          // [b,E,T] memory
                    () -> {                                                                       // [b,T,E] memory
                        INDArray bte = Nd4j.create(dt, new long[] {batch, steps, embed}, 'c');
                        bte.assign(vals.permute(0, 2, 1));
                        return bte.permute(0, 2, 1);
                    },
                    () -> vals.dup('f'),                                                          // 'f' order
                    () -> {                                                                       // view at an offset
                        INDArray big = Nd4j.zeros(dt, batch + 2, embed, steps);
                        INDArray v = big.get(NDArrayIndex.interval(2, batch + 2), NDArrayIndex.all(), NDArrayIndex.all());
                        v.assign(vals);
                        return v;
                    },
                    () -> {                                                                       // view with gaps
                        INDArray big = Nd4j.zeros(dt, batch, embed + 3, steps);
                        INDArray v = big.get(NDArrayIndex.all(), NDArrayIndex.interval(1, embed + 1), NDArrayIndex.all());
                        v.assign(vals);
                        return v;
                    });
            for (INDArray m : new INDArray[] {null, mask(batch, steps, dt, 11, 3, 1, 7, 11, 0)}) {
                // DL4J's updater divides the stock gradient by the batch size; the fast layer divides its own
                INDArray gs = gradient(stock, x, m, vals.dup()).div(batch);
                assertThat(gs.sumNumber().doubleValue()).isNotEqualTo(0.0);
                assertThat(stock.getLayer(0).updaterDivideByMinibatch("W")).isTrue();
                assertThat(fast.getLayer(0).updaterDivideByMinibatch("W")).isFalse();
                for (Supplier<INDArray> layout : layouts) {
                    INDArray eps = layout.get();
                    assertThat(maxAbsDiff(eps, vals)).isEqualTo(0.0);
                    // poison the gradient view: every element must be rewritten
                    fast.getGradientsViewArray().assign(123);
                    INDArray gf = gradient(fast, x, m, eps);
                    assertThat(gf.shape()).isEqualTo(new long[] {vocab, embed});
                    assertThat(((FastEmbeddingLayer) fast.getLayer(0)).fastBackprops).isPositive();
                    assertThat(maxAbsDiff(gf, gs)).as("%s mask=%s eps strides %s", dt, m != null,
                            Arrays.toString(eps.stride())).isLessThanOrEqualTo(1e-6);
                    // the epsilon is left as it was
                    assertThat(maxAbsDiff(eps, vals)).isEqualTo(0.0);
                }
            }
            // an id that never occurs (or only on masked steps) has a zero gradient row; id 7 occurs 3+ times
            INDArray m = mask(batch, steps, dt, 11, 3, 1, 7, 11, 0);
            INDArray g = gradient(fast, x, m, vals.dup());
            boolean[] seen = new boolean[vocab];
            for (int b = 0; b < batch; b++) {
                for (int t = 0; t < steps; t++) {
                    if (m.getDouble(b, t) != 0) {
                        seen[x.getInt(b, t)] = true;
                    }
                }
            }
            for (int v = 0; v < vocab; v++) {
                if (!seen[v]) {
                    assertThat(g.getRow(v).amaxNumber().doubleValue()).isEqualTo(0.0);
                }
            }
            double expected = 0;
            for (int[] bt : new int[][] {{0, 0}, {0, 1}, {3, 10}}) {
                expected += m.getDouble(bt[0], bt[1]) * vals.getDouble(bt[0], 2, bt[1]);
            }
            for (int b = 0; b < batch; b++) {
                for (int t = 0; t < steps; t++) {
                    boolean listed = (b == 0 && (t == 0 || t == 1)) || (b == 3 && t == 10);
                    if (!listed && x.getInt(b, t) == 7) {
                        expected += m.getDouble(b, t) * vals.getDouble(b, 2, t);
                    }
                }
            }
            assertThat(g.getDouble(7, 2)).isCloseTo(expected / batch, org.assertj.core.api.Assertions.within(1e-6));
            // the layer's gradient is the network's gradient view (what the updater reads)
            Layer lf = fast.getLayer(0);
            lf.setInput(x.dup(), LayerWorkspaceMgr.noWorkspaces());
            lf.setMaskArray(null);
            Pair<Gradient, INDArray> p = lf.backpropGradient(vals.dup(), LayerWorkspaceMgr.noWorkspaces());
            assertThat(p.getSecond()).isNull();
            INDArray gW = p.getFirst().getGradientFor(DefaultParamInitializer.WEIGHT_KEY);
            assertThat(gW.data().addressPointer().address())
                    .isEqualTo(fast.getGradientsViewArray().data().addressPointer().address());
            assertThat(p.getFirst().gradientForVariable()).containsOnlyKeys(DefaultParamInitializer.WEIGHT_KEY);
        }
    }

    @Test
    void gradientCheckDoublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        DataType d = DataType.DOUBLE;
        int vocab = 9;
        int steps = 6;
        // LastTimeStep head with a post-padding mask, repeated ids
        MultiLayerNetwork last = net(true, vocab, 4, 3, steps, d, new NoOp());
        assertThat(last.getLayer(0)).isInstanceOf(FastEmbeddingLayer.class);
        INDArray x = Nd4j.createFromArray(new double[][] {{1, 4, 4, 2, 8, 0}, {3, 3, 3, 5, 1, 4}, {8, 6, 2, 2, 4, 7}});
        INDArray y = Nd4j.createFromArray(new double[][] {{1}, {0}, {1}});
        for (INDArray m : new INDArray[] {null, mask(3, steps, d, 6, 3, 5)}) {
            assertThat(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(last)
                    .input(x).labels(y).inputMask(m))).as("mask=%s", m != null).isTrue();
        }
        assertThat(((FastEmbeddingLayer) last.getLayer(0)).fastBackprops).isPositive();
        // [batch, 1, T] input
        assertThat(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(last)
                .input(x.reshape(3, 1, steps)).labels(y).inputMask(mask(3, steps, d, 2, 6, 4)))).isTrue();
    }

    @Test
    void modelSerializerRoundTrip(@TempDir Path dir) throws Exception {
        int vocab = 60;
        int steps = 8;
        MultiLayerNetwork net = net(true, vocab, 5, 4, steps, DataType.FLOAT, new Adam(1e-3));
        Random rnd = new Random(9);
        INDArray x = tokens(rnd, 4, steps, vocab, DataType.FLOAT);
        INDArray m = mask(4, steps, DataType.FLOAT, 8, 5);
        INDArray y = Nd4j.createFromArray(new float[][] {{1}, {0}, {0}, {1}});
        net.fit(new DataSet(x, y, m, null));
        File f = dir.resolve("net.zip").toFile();
        ModelSerializer.writeModel(net, f, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(f, true);
        assertThat(back.getLayerWiseConfigurations().getConf(0).getLayer()).isInstanceOf(FastEmbedding.class);
        assertThat(back.getLayer(0)).isInstanceOf(FastEmbeddingLayer.class);
        assertThat(back.params()).isEqualTo(net.params());
        assertThat(back.getUpdater().getStateViewArray()).isEqualTo(net.getUpdater().getStateViewArray());
        assertThat(maxAbsDiff(back.output(x, false, m, null), net.output(x, false, m, null))).isEqualTo(0.0);
        String json = net.getLayerWiseConfigurations().toJson();
        assertThat(json).contains("\"@class\" : \"org.flattenexplorer.model.FastEmbedding\"");
        assertThat(MultiLayerConfiguration.fromJson(json)).isEqualTo(net.getLayerWiseConfigurations());
        // training goes on identically after restore
        back.fit(new DataSet(x, y, m, null));
        net.fit(new DataSet(x, y, m, null));
        assertThat(maxAbsDiff(back.params(), net.params())).isEqualTo(0.0);
    }

    @Test
    void tenAdamStepsMatchStock() {
        int vocab = 200;
        int steps = 20;
        int batch = 8;
        for (boolean masked : new boolean[] {false, true}) {
            MultiLayerNetwork stock = net(false, vocab, 8, 6, steps, DataType.FLOAT, new Adam(1e-2));
            MultiLayerNetwork fast = net(true, vocab, 8, 6, steps, DataType.FLOAT, new Adam(1e-2));
            fast.setParams(stock.params().dup());
            Random rnd = new Random(5);
            for (int step = 0; step < 10; step++) {
                INDArray x = tokens(rnd, batch, steps, 40, DataType.FLOAT); // 40 of 200 ids: repeats
                float[][] y = new float[batch][1];
                for (float[] r : y) {
                    r[0] = rnd.nextBoolean() ? 1 : 0;
                }
                INDArray m = masked ? mask(batch, steps, DataType.FLOAT, 20, 13, 4, 17) : null;
                DataSet ds = new DataSet(x, Nd4j.createFromArray(y), m, null);
                stock.fit(ds);
                fast.fit(ds);
                double ls = stock.score();
                double lf = fast.score();
                assertThat(Math.abs(ls - lf)).as("loss at step %d (masked=%s): %s vs %s", step, masked, ls, lf)
                        .isLessThanOrEqualTo(1e-5 * Math.abs(ls));
            }
            assertThat(maxAbsDiff(stock.params(), fast.params())).isLessThan(1e-5);
            assertThat(((FastEmbeddingLayer) fast.getLayer(0)).fastBackprops).isEqualTo(10);
        }
    }

    /** The embedding layer's weight gradient (a copy) for input x, mask m and epsilon eps. */
    private static INDArray gradient(MultiLayerNetwork net, INDArray x, INDArray m, INDArray eps) {
        Layer l = net.getLayer(0);
        LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
        l.setInput(x.dup(), ws);
        l.setMaskArray(m == null ? null : m.dup());
        l.activate(true, ws);
        Pair<Gradient, INDArray> p = l.backpropGradient(eps, ws);
        assertThat(p.getSecond()).isNull();
        return p.getFirst().getGradientFor(DefaultParamInitializer.WEIGHT_KEY).dup();
    }
}
