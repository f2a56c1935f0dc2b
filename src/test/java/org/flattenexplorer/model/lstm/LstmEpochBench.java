package org.flattenexplorer.model.lstm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Epoch benchmark of the question's experiment: tokens [batch, T] -> EmbeddingSequenceLayer(vocab, E, no bias)
 * -> LSTM (stock) or {@link FastLstm} (U units, all T steps) -> Keras-order Flatten (or LastTimeStep) ->
 * Dense(1, sigmoid) with binary cross-entropy, Adam 1e-3, on synthetic random tokens and labels.
 *
 * <p>A developer's harness for the LSTM layer alone (its own minimal network, no app code around it); the product's
 * benchmark is {@code ./flatten-explorer bench}, which times the app's real training path.
 */
public final class LstmEpochBench {

    private LstmEpochBench() {
    }

    /** Workload shape; the defaults are the question's. */
    public static final class Config {
        public int vocab = 37252;
        public int embed = 128;
        public int units = 128;
        public int steps = 500;
        public int batch = 32;
        public int train = 448;
        public int validation = 200;
        public boolean lastStep = false;
        public long seed = 42;
        public int probes = 5;

        public Config() {
        }
    }

    /** Medians (and raw values) of one benchmark run. */
    public record BenchResult(boolean fast, int threads, double trainSeconds, double validationSeconds,
                              double probeMillis, double[] trainSecondsPerEpoch, double[] validationSecondsPerEpoch,
                              double[] probeMillisAll, double lastTrainLoss, double cpuSeconds,
                              double[] cpuSecondsPerEpoch) {

        /** Train + validation seconds per epoch (medians). */
        public double epochSeconds() {
            return trainSeconds + validationSeconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "%s(threads=%d): train %.3f s, val %.3f s, epoch %.3f s, probe %.1f ms (train %s, val %s), loss %.4f,"
                            + " process CPU %.2f s per epoch %s",
                    fast ? "fast" : "stock", threads, trainSeconds, validationSeconds, epochSeconds(), probeMillis,
                    fmt(trainSecondsPerEpoch), fmt(validationSecondsPerEpoch), lastTrainLoss, cpuSeconds,
                    fmt(cpuSecondsPerEpoch));
        }
    }

    /** The question's network with the stock LSTM or the fast one. */
    public static MultiLayerNetwork buildNetwork(boolean fast, Config c) {
        LSTM lstm = new LSTM.Builder().nIn(c.embed).nOut(c.units).activation(Activation.TANH).build();
        org.deeplearning4j.nn.conf.layers.Layer rnn = fast ? FastLstm.of(lstm) : lstm;
        NeuralNetConfiguration.ListBuilder lb = new NeuralNetConfiguration.Builder()
                .seed(c.seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-3))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(c.vocab).nOut(c.embed).hasBias(false)
                        .inputLength(c.steps).build());
        if (c.lastStep) {
            lb.layer(new LastTimeStep(rnn));
            lb.layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(c.units).nOut(1)
                    .activation(Activation.SIGMOID).build());
        } else {
            lb.layer(rnn);
            lb.layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn((long) c.units * c.steps).nOut(1)
                    .activation(Activation.SIGMOID).build());
            lb.inputPreProcessor(2, new BenchFlattenPreProcessor(c.units));
        }
        MultiLayerConfiguration conf = lb.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Runs the question's workload (default {@link Config}). */
    public static BenchResult run(boolean fast, int warmupEpochs, int timedEpochs) {
        return run(fast, warmupEpochs, timedEpochs, new Config());
    }

    /**
     * Trains {@code warmupEpochs + timedEpochs} epochs (each: all training batches, then validation outputs and
     * hidden-state probes) and reports medians over the timed ones.
     */
    public static BenchResult run(boolean fast, int warmupEpochs, int timedEpochs, Config c) {
        FastLstmRuntime.configureNativeSingleThreaded();
        Random rnd = new Random(c.seed);
        List<DataSet> train = batches(rnd, c.train, c);
        List<DataSet> val = batches(rnd, c.validation, c);
        INDArray probe = val.get(0).getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
        MultiLayerNetwork net = buildNetwork(fast, c);
        int total = warmupEpochs + Math.max(1, timedEpochs);
        double[] tr = new double[total - warmupEpochs];
        double[] va = new double[total - warmupEpochs];
        double[] cpu = new double[total - warmupEpochs];
        List<Double> pr = new ArrayList<>();
        double loss = Double.NaN;
        for (int epoch = 0; epoch < total; epoch++) {
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            for (DataSet ds : train) {
                net.fit(ds);
            }
            loss = net.score();
            long t1 = System.nanoTime();
            for (DataSet ds : val) {
                net.output(ds.getFeatures(), false);
            }
            long t2 = System.nanoTime();
            long c2 = processCpuNanos();
            for (int p = 0; p < c.probes; p++) {
                long p0 = System.nanoTime();
                net.feedForwardToLayer(1, probe, false);
                if (epoch >= warmupEpochs) {
                    pr.add((System.nanoTime() - p0) / 1e6);
                }
            }
            if (epoch >= warmupEpochs) {
                tr[epoch - warmupEpochs] = (t1 - t0) / 1e9;
                va[epoch - warmupEpochs] = (t2 - t1) / 1e9;
                cpu[epoch - warmupEpochs] = (c2 - c0) / 1e9;
            }
        }
        double[] probes = pr.stream().mapToDouble(Double::doubleValue).toArray();
        return new BenchResult(fast, fast ? FastLstmRuntime.threads() : 1, median(tr), median(va), median(probes),
                tr, va, probes, loss, median(cpu), cpu);
    }

    /** CPU time of the whole process (all threads, native included), or -1 where the JVM cannot tell. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : -1;
    }

    private static List<DataSet> batches(Random rnd, int count, Config c) {
        List<DataSet> out = new ArrayList<>();
        for (int start = 0; start < count; start += c.batch) {
            int n = Math.min(c.batch, count - start);
            float[] tokens = new float[n * c.steps];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = 1 + rnd.nextInt(c.vocab - 1);
            }
            float[] labels = new float[n];
            for (int i = 0; i < n; i++) {
                labels[i] = rnd.nextBoolean() ? 1 : 0;
            }
            out.add(new DataSet(Nd4j.create(tokens, new long[] {n, c.steps}, 'c'),
                    Nd4j.create(labels, new long[] {n, 1}, 'c')));
        }
        return out;
    }

    static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
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

    /**
     * {@code LstmEpochBench [stock|fast|both] [warmupEpochs] [timedEpochs] [flatten|last]}; prints one line per
     * mode and, for both, the stock/fast ratio of the epoch medians.
     */
    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "both";
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int timed = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Config c = new Config();
        c.lastStep = args.length > 3 && args[3].equals("last");
        BenchResult stock = null;
        BenchResult fast = null;
        if (mode.equals("fast") || mode.equals("both")) {
            fast = run(true, warmup, timed, c);
            System.out.println(fast);
        }
        if (mode.equals("stock") || mode.equals("both")) {
            stock = run(false, warmup, timed, c);
            System.out.println(stock);
        }
        if (stock != null && fast != null) {
            System.out.printf(Locale.ROOT, "ratio stock/fast: epoch %.2fx, train %.2fx, val %.2fx, probe %.2fx%n",
                    stock.epochSeconds() / fast.epochSeconds(), stock.trainSeconds() / fast.trainSeconds(),
                    stock.validationSeconds() / fast.validationSeconds(), stock.probeMillis() / fast.probeMillis());
        }
    }
}
