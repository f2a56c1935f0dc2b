package org.flattenexplorer.model.cell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.flattenexplorer.model.FastEmbedding;
import org.flattenexplorer.model.GlorotUniform;
import org.flattenexplorer.model.KerasOrderFlatten;
import org.flattenexplorer.model.SigmoidCrossEntropy;
import org.flattenexplorer.model.lstm.FastLstmRuntime;
import org.flattenexplorer.model.lstm.ParallelAdam;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Epoch benchmark of the question's workload with each cell on the fast path, in one process: tokens [batch, T] ->
 * the fast embedding (vocab x E, no bias) -> LSTM, GRU or SimpleRNN (U units, dropout 0.2, all T steps, built by
 * {@link RecurrentLayers}) -> Keras-order Flatten (or the last state) -> Dense(1, sigmoid), binary cross-entropy,
 * Keras's Adam on the fast LSTM's threads, on synthetic tokens and labels.
 *
 * <p>The cells take turns epoch by epoch (round 1: LSTM, GRU, ...; round 2: ...), so a machine shared with other
 * jobs slows them alike; the first round is a warm-up, the table gives the median of the others and each cell's
 * ratio to the LSTM's. A developer's harness (its own minimal network, no app code around it beyond the layers);
 * the product's benchmark is {@code ./flatten-explorer bench}.
 *
 * <p>Run: {@code java -Xmx1g --add-modules jdk.incubator.vector -Dorg.bytedeco.javacpp.maxbytes=1500m -Dorg.bytedeco.javacpp.maxphysicalbytes=3g
 * -cp target/classes:target/test-classes:$(cat target/runtime-classpath.txt)
 * org.flattenexplorer.model.cell.CellEpochBench [rounds] [lstm,gru,simple-rnn] [flatten|last]} with
 * {@code OMP_NUM_THREADS=1} (and {@code --add-modules jdk.incubator.vector}, as the app runs). A cell named with a
 * suffix, {@code gru:1}, runs its per-step products through BLAS with that {@link FastLstmRuntime#gemvRows()}
 * ({@code gru,gru:16,gru:1} compares the vector unit's products, GEMVs and GEMMs).
 */
public final class CellEpochBench {

    private static final int VOCAB = 37252;
    private static final int EMBED = 128;
    private static final int UNITS = 128;
    private static final int STEPS = 500;
    private static final int BATCH = 32;
    private static final int TRAIN = 448;
    private static final int VALIDATION = 200;

    private CellEpochBench() {
    }

    /** The question's network with the named cell. */
    static MultiLayerNetwork network(String cell, boolean flatten, long seed) {
        BaseLayer recurrent = switch (cell) {
            case "lstm" -> RecurrentLayers.lstm(EMBED, UNITS, 0.2);
            case "gru" -> RecurrentLayers.gru(EMBED, UNITS, 0.2);
            case "simple-rnn" -> RecurrentLayers.simpleRnn(EMBED, UNITS, 0.2);
            default -> throw new IllegalArgumentException("unknown cell " + cell + ": lstm, gru or simple-rnn");
        };
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).updater(new ParallelAdam(1e-3, 0.9, 0.999, 1e-7))
                .trainingWorkspaceMode(WorkspaceMode.ENABLED).inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list()
                .layer(FastEmbedding.of(new EmbeddingSequenceLayer.Builder().nIn(VOCAB).nOut(EMBED).hasBias(false)
                        .inputLength(STEPS)
                        .weightInit(new WeightInitDistribution(new UniformDistribution(-0.05, 0.05))).build()))
                .layer(RecurrentLayers.recurrent(recurrent, flatten, false, false));
        if (flatten) {
            list.inputPreProcessor(2, new KerasOrderFlatten(STEPS, UNITS, false));
        }
        list.layer(new OutputLayer.Builder(new SigmoidCrossEntropy()).nIn(flatten ? (long) STEPS * UNITS : UNITS)
                .nOut(1).activation(Activation.SIGMOID).weightInit(new GlorotUniform()).biasInit(0).build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    static List<DataSet> batches(Random rnd, int count) {
        List<DataSet> out = new ArrayList<>();
        for (int start = 0; start < count; start += BATCH) {
            int n = Math.min(BATCH, count - start);
            float[] tokens = new float[n * STEPS];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = 1 + rnd.nextInt(VOCAB - 1);
            }
            if (Boolean.getBoolean("padded")) {
                // -Dpadded=true: the bench's review lengths (50 to 649 words), post-padded with index 0 as the question's
                for (int r = 0; r < n; r++) {
                    int length = Math.min(STEPS, 50 + rnd.nextInt(600));
                    java.util.Arrays.fill(tokens, r * STEPS + length, (r + 1) * STEPS, 0);
                }
            }
            float[] labels = new float[n];
            for (int i = 0; i < n; i++) {
                labels[i] = rnd.nextBoolean() ? 1 : 0;
            }
            out.add(new DataSet(Nd4j.create(tokens, new long[] {n, STEPS}, 'c'),
                    Nd4j.create(labels, new long[] {n, 1}, 'c')));
        }
        return out;
    }

    /** Wall and process CPU seconds of one epoch: every training batch, then the validation outputs. */
    static double[] epoch(MultiLayerNetwork net, List<DataSet> train, List<DataSet> validation) {
        long c0 = processCpuNanos();
        long t0 = System.nanoTime();
        for (DataSet ds : train) {
            net.fit(ds);
        }
        for (DataSet ds : validation) {
            net.output(ds.getFeatures(), false);
        }
        return new double[] {(System.nanoTime() - t0) / 1e9, (processCpuNanos() - c0) / 1e9};
    }

    /** CPU time of the whole process (all threads, native included): less disturbed by other jobs than wall time. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        String[] cells = (args.length > 1 ? args[1] : "lstm,gru").split(",");
        boolean flatten = args.length <= 2 || !args[2].equals("last");
        FastLstmRuntime.configureNativeSingleThreaded();
        final boolean vectorSteps = FastLstmRuntime.vectorSteps();
        Random rnd = new Random(42);
        List<DataSet> train = batches(rnd, TRAIN);
        List<DataSet> validation = batches(rnd, VALIDATION);
        Map<String, MultiLayerNetwork> nets = new LinkedHashMap<>();
        Map<String, double[]> seconds = new LinkedHashMap<>();
        Map<String, double[]> cpu = new LinkedHashMap<>();
        for (String c : cells) {
            nets.put(c, network(c.split(":")[0], flatten, 42));
            seconds.put(c, new double[rounds - 1]);
            cpu.put(c, new double[rounds - 1]);
        }
        System.out.printf(Locale.ROOT, "threads %d, %s, %d rounds (the first a warm-up)%n", FastLstmRuntime.threads(),
                flatten ? "flatten" : "last state", rounds);
        for (int r = 0; r < rounds; r++) {
            for (String c : cells) {
                // "gru:1": the GRU's per-step products through BLAS with FastLstmRuntime.gemvRows 1 (GEMMs for the
                // slices of 16 rows); "gru": the defaults (on the vector unit where it is on by default)
                FastLstmRuntime.setVectorSteps(!c.contains(":") && vectorSteps);
                FastLstmRuntime.setGemvRows(c.contains(":") ? Integer.parseInt(c.split(":")[1])
                        : FastLstmRuntime.DEFAULT_GEMV_ROWS);
                double[] s = epoch(nets.get(c), train, validation);
                System.out.printf(Locale.ROOT, "round %d %-10s %.2f s, CPU %.2f s (loss %.4f), RSS %d MB, JavaCPP %d MB%n",
                        r + 1, c, s[0], s[1], nets.get(c).score(), org.bytedeco.javacpp.Pointer.physicalBytes() >> 20,
                        org.bytedeco.javacpp.Pointer.totalBytes() >> 20);
                if (r > 0) {
                    seconds.get(c)[r - 1] = s[0];
                    cpu.get(c)[r - 1] = s[1];
                }
            }
        }
        try {
            java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("VmHWM")).forEach(System.out::println);
        } catch (java.io.IOException e) {
            // not Linux
        }
        double lstm = seconds.containsKey("lstm") ? median(seconds.get("lstm")) : Double.NaN;
        double lstmCpu = cpu.containsKey("lstm") ? median(cpu.get("lstm")) : Double.NaN;
        double lstmMin = seconds.containsKey("lstm") ? min(seconds.get("lstm")) : Double.NaN;
        for (String c : cells) {
            double m = median(seconds.get(c));
            double mc = median(cpu.get(c));
            double fastest = min(seconds.get(c));
            System.out.printf(Locale.ROOT, "%-10s epoch median %.2f s (ratio to lstm %.2f), fastest %.2f s (ratio %.2f),"
                    + " CPU median %.2f s (ratio %.2f)%n", c, m, m / lstm, fastest, fastest / lstmMin, mc, mc / lstmCpu);
        }
    }

    /** The least disturbed epoch on a shared machine. */
    static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
