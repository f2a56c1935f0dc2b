package org.flattenexplorer.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.flattenexplorer.model.lstm.FastLstmRuntime;
import org.flattenexplorer.model.lstm.LstmEpochBench;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Timing harness (not a test): {@code FastEmbeddingBench [reps] [epochs]}.
 * <ol>
 * <li>backpropGradient of the embedding alone, [32, 500] ids, vocab 37,252, E 128, epsilon in the fast LSTM's
 * layout ([b, T, E] memory seen as [b, E, T]), and the forward pass, stock vs fast interleaved, medians of
 * {@code reps};</li>
 * <li>training epochs of {@link LstmEpochBench}'s network (FastLstm, Keras-order flatten) with the stock
 * embedding and with {@link FastEmbedding}, interleaved, medians.</li>
 * </ol>
 */
public final class FastEmbeddingBench {

    private FastEmbeddingBench() {
    }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        FastLstmRuntime.configureNativeSingleThreaded();
        LstmEpochBench.Config c = new LstmEpochBench.Config();
        backprop(c, reps);
        if (epochs > 0) {
            epochs(c, epochs);
        }
    }

    static MultiLayerNetwork network(boolean fastEmbedding, LstmEpochBench.Config c) {
        MultiLayerNetwork base = LstmEpochBench.buildNetwork(true, c);
        if (!fastEmbedding) {
            return base;
        }
        MultiLayerConfiguration conf = base.getLayerWiseConfigurations().clone();
        conf.getConf(0).setLayer(FastEmbedding.of((EmbeddingSequenceLayer) conf.getConf(0).getLayer()));
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.setParams(base.params());
        return net;
    }

    static void backprop(LstmEpochBench.Config c, int reps) {
        MultiLayerNetwork stock = network(false, c);
        MultiLayerNetwork fast = network(true, c);
        stock.initGradientsView();
        fast.initGradientsView();
        Random rnd = new Random(1);
        float[] ids = new float[c.batch * c.steps];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 1 + rnd.nextInt(c.vocab - 1);
        }
        INDArray x = Nd4j.create(ids, new long[] {c.batch, c.steps}, 'c');
        INDArray epsMem = Nd4j.randn(DataType.FLOAT, c.batch, c.steps, c.embed);  // fast LSTM's epsilon memory
        INDArray eps = epsMem.permute(0, 2, 1);
        LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
        Layer ls = stock.getLayer(0);
        Layer lf = fast.getLayer(0);
        for (Layer l : new Layer[] {ls, lf}) {
            l.setInput(x, ws);
            l.activate(true, ws);
        }
        double[] ts = new double[reps];
        double[] tf = new double[reps];
        double[] fs = new double[reps];
        double[] ss = new double[reps];
        for (int r = -3; r < reps; r++) {
            long t0 = System.nanoTime();
            ls.backpropGradient(eps, ws);
            long t1 = System.nanoTime();
            lf.backpropGradient(eps, ws);
            long t2 = System.nanoTime();
            lf.activate(true, ws);
            long t3 = System.nanoTime();
            ls.activate(true, ws);
            long t4 = System.nanoTime();
            if (r >= 0) {
                ts[r] = (t1 - t0) / 1e6;
                tf[r] = (t2 - t1) / 1e6;
                fs[r] = (t3 - t2) / 1e6;
                ss[r] = (t4 - t3) / 1e6;
            }
        }
        double diff = stock.getGradientsViewArray().sub(fast.getGradientsViewArray()).amaxNumber().doubleValue();
        System.out.printf(Locale.ROOT, "embedding backprop [%d, %d] vocab %d E %d: stock median %.2f ms %s%n"
                        + "                                   fast  median %.2f ms %s  (%.1fx; max |dW diff| %.2e)%n"
                        + "embedding forward: stock median %.2f ms, fast median %.2f ms%n",
                c.batch, c.steps, c.vocab, c.embed, median(ts), fmt(ts), median(tf), fmt(tf), median(ts) / median(tf),
                diff, median(ss), median(fs));
    }

    static void epochs(LstmEpochBench.Config c, int epochs) {
        Random rnd = new Random(c.seed);
        List<DataSet> train = new ArrayList<>();
        for (int start = 0; start < c.train; start += c.batch) {
            int n = Math.min(c.batch, c.train - start);
            float[] tokens = new float[n * c.steps];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = 1 + rnd.nextInt(c.vocab - 1);
            }
            float[] labels = new float[n];
            for (int i = 0; i < n; i++) {
                labels[i] = rnd.nextBoolean() ? 1 : 0;
            }
            train.add(new DataSet(Nd4j.create(tokens, new long[] {n, c.steps}, 'c'),
                    Nd4j.create(labels, new long[] {n, 1}, 'c')));
        }
        MultiLayerNetwork stock = network(false, c);
        MultiLayerNetwork fast = network(true, c);
        double[] ts = new double[epochs];
        double[] tf = new double[epochs];
        for (int e = -1; e < epochs; e++) {
            double s = epoch(stock, train);
            double f = epoch(fast, train);
            if (e >= 0) {
                ts[e] = s;
                tf[e] = f;
            }
        }
        System.out.printf(Locale.ROOT, "train epoch (%d batches, FastLstm + flatten): stock embedding %.3f s %s, "
                        + "FastEmbedding %.3f s %s; losses %.6f vs %.6f%n",
                train.size(), median(ts), fmt(ts), median(tf), fmt(tf), stock.score(), fast.score());
    }

    private static double epoch(MultiLayerNetwork net, List<DataSet> train) {
        long t0 = System.nanoTime();
        for (DataSet ds : train) {
            net.fit(ds);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String fmt(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i > 0 ? " " : "").append(String.format(Locale.ROOT, "%.2f", v[i]));
        }
        return sb.append(']').toString();
    }
}
