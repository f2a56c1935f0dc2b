package org.flattenexplorer.model.lstm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Compares ways of running the fast LSTM in one JVM: the batch split ({@link FastLstmRuntime.Split#BATCH}) with
 * per-step GEMMs or with one GEMV per row ({@link FastLstmRuntime#gemvRows()}), and the unit split
 * ({@link FastLstmRuntime.Split#UNITS}), the per-step products through BLAS or on the vector unit, taking turns so that a change of the machine's speed hits all alike; prints
 * each round and the medians. A developer's harness, not a test.
 *
 * <ul>
 * <li>{@code kernel [rounds]}: an epoch of the kernel alone, the question's shapes (T 500, 128 inputs, 128 units):
 * 14 training batches of 32 (forward kept for backprop, then backward), then validation (6 batches of 32 and one of
 * 8, forward only); here the two alternate batch by batch;</li>
 * <li>{@code inference [rounds]}: forward passes without backprop for batches of 1, 2, 4, 8, 16 and 32 rows (where
 * {@link FastLstmRuntime.Split#AUTO} should switch);</li>
 * <li>{@code network [rounds]}: whole epochs of {@link LstmEpochBench}'s network (embedding, fast LSTM, Flatten,
 * Dense, Adam), the split switched between epochs.</li>
 * </ul>
 * The system property {@code units} changes the kernel's units (default 128) in the first two modes.
 * Run: {@code mvn -o -q test-compile}, then {@code java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes:$(cat
 * target/runtime-classpath.txt) org.flattenexplorer.model.lstm.LstmSplitBench kernel 7}.
 */
public final class LstmSplitBench {

    private static final int T = 500;
    private static final int N_IN = 128;
    private static final int UNITS = Integer.getInteger("units", 128);
    /** One way of running the kernel. */
    private record Variant(String name, FastLstmRuntime.Split split, int gemvRows, boolean vector, boolean runs,
                           int slicesPerThread) {
        Variant(String name, FastLstmRuntime.Split split, int gemvRows, boolean vector, boolean runs) {
            this(name, split, gemvRows, vector, runs, 2);
        }

        void apply() {
            FastLstmRuntime.setSplit(split);
            FastLstmRuntime.setGemvRows(gemvRows);
            FastLstmRuntime.setVectorSteps(vector);
            FastLstmRuntime.setShareRuns(runs);
            FastLstmRuntime.setSlicesPerThread(slicesPerThread);
        }
    }

    /**
     * The batch split with GEMVs for its rows, with the products on the vector unit ({@link StepProductF}) with and
     * without the padding's runs shared ({@link InputRunsF}) and with one slice a thread instead of two, and the unit
     * split with them on the vector unit.
     */
    private static final Variant[] VARIANTS = {
        new Variant("batch split, GEMV rows", FastLstmRuntime.Split.BATCH, FastLstmRuntime.DEFAULT_GEMV_ROWS, false,
                true),
        new Variant("batch split, vector, dense", FastLstmRuntime.Split.BATCH, FastLstmRuntime.DEFAULT_GEMV_ROWS, true,
                false),
        new Variant("batch split, vector", FastLstmRuntime.Split.BATCH, FastLstmRuntime.DEFAULT_GEMV_ROWS, true, true),
        new Variant("batch split, vector, a slice a thread", FastLstmRuntime.Split.BATCH,
                FastLstmRuntime.DEFAULT_GEMV_ROWS, true, true, 1),
        new Variant("unit split, vector", FastLstmRuntime.Split.UNITS, FastLstmRuntime.DEFAULT_GEMV_ROWS, true, true),
    };
    private static final int V = VARIANTS.length;

    private LstmSplitBench() {
    }

    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "kernel";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        FastLstmRuntime.configureNativeSingleThreaded();
        System.out.printf(Locale.ROOT, "threads %d, %s, %d rounds (the first is warm-up)%n", FastLstmRuntime.threads(),
                mode, rounds);
        switch (mode) {
            case "kernel" -> kernel(rounds);
            case "inference" -> inference(rounds);
            case "network" -> network(rounds);
            default -> throw new IllegalArgumentException("kernel, inference or network: " + mode);
        }
    }

    /**
     * Input laid out as the embedding's output: [b, T, nIn] c-order seen as [b, nIn, T]. With {@code -Dpadded=true}
     * each row is post-padded as the bench's reviews (50 to 649 words): its last steps repeat one row.
     */
    private static INDArray input(int batch, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, T, N_IN).subi(0.5);
        if (Boolean.getBoolean("padded")) {
            Random rnd = new Random(seed);
            INDArray pad = x.get(NDArrayIndex.point(0), NDArrayIndex.point(0), NDArrayIndex.all()).dup();
            for (int r = 0; r < batch; r++) {
                int length = Math.min(T, 50 + rnd.nextInt(600));
                if (length < T) {
                    x.get(NDArrayIndex.point(r), NDArrayIndex.interval(length, T), NDArrayIndex.all())
                            .assign(pad.reshape(1, N_IN).broadcast(T - length, N_IN));
                }
            }
        }
        return x.permute(0, 2, 1);
    }

    private static final class Params {
        final INDArray w = Nd4j.rand(DataType.FLOAT, N_IN, 4 * UNITS).subi(0.5).muli(0.2);
        final INDArray rw = Nd4j.rand(DataType.FLOAT, UNITS, 4 * UNITS).subi(0.5).muli(0.2);
        final INDArray b = Nd4j.rand(DataType.FLOAT, 1, 4 * UNITS).subi(0.5).muli(0.2);
        final INDArray gW = Nd4j.create(DataType.FLOAT, N_IN, 4 * UNITS);
        final INDArray gRW = Nd4j.create(DataType.FLOAT, UNITS, 4 * UNITS);
        final INDArray gB = Nd4j.create(DataType.FLOAT, 1, 4 * UNITS);
    }

    private static void kernel(int rounds) {
        Params p = new Params();
        List<INDArray> train = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            train.add(input(32, i));
        }
        List<INDArray> val = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            val.add(input(i < 6 ? 32 : 8, 100 + i));
        }
        INDArray eps = Nd4j.rand(DataType.FLOAT, 32, T, UNITS).subi(0.5).permute(0, 2, 1);
        INDArray out32 = Nd4j.create(DataType.FLOAT, new long[] {32, T, UNITS}, 'c');
        INDArray out8 = Nd4j.create(DataType.FLOAT, new long[] {8, T, UNITS}, 'c');
        INDArray epsOut = Nd4j.create(DataType.FLOAT, new long[] {32, T, N_IN}, 'c');
        double[][] wall = new double[V][rounds];
        double[][] cpu = new double[V][rounds];
        double[][] trainS = new double[V][rounds];
        LstmKernelF[] kernels = new LstmKernelF[V];
        for (int v = 0; v < V; v++) {
            kernels[v] = new LstmKernelF();
        }
        // the two variants alternate batch by batch (which one goes first alternating too), so that a change of the
        // machine's speed hits both alike; a round is one epoch of each
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < train.size() + val.size(); i++) {
                for (int v = 0; v < V; v++) {
                    int which = (v + round + i) % V;
                    VARIANTS[which].apply();
                    LstmKernelF k = kernels[which];
                    long c0 = processCpuNanos();
                    long t0 = System.nanoTime();
                    if (i < train.size()) {
                        k.forward(train.get(i), p.w, p.rw, p.b, null, true, out32);
                        k.backward(eps, p.gW, p.gRW, p.gB, epsOut);
                    } else {
                        INDArray x = val.get(i - train.size());
                        k.forward(x, p.w, p.rw, p.b, null, false, x.size(0) == 32 ? out32 : out8);
                    }
                    double s = (System.nanoTime() - t0) / 1e9;
                    wall[which][round] += s;
                    if (i < train.size()) {
                        trainS[which][round] += s;
                    }
                    cpu[which][round] += (processCpuNanos() - c0) / 1e9;
                }
            }
            StringBuilder line = new StringBuilder("round " + round + ":");
            for (int v = 0; v < V; v++) {
                line.append(String.format(Locale.ROOT, " %s %.3f s (CPU %.2f);", VARIANTS[v].name(), wall[v][round],
                        cpu[v][round]));
            }
            System.out.println(line.append(String.format(Locale.ROOT, " load %.2f", loadAverage())));
        }
        report("kernel epoch s", wall);
        report("kernel train s", trainS);
        report("kernel CPU s", cpu);
    }

    private static void inference(int rounds) {
        Params p = new Params();
        int[] sizes = {1, 2, 4, 8, 16, 32};
        LstmKernelF[] kernels = new LstmKernelF[V];
        for (int v = 0; v < V; v++) {
            kernels[v] = new LstmKernelF();
        }
        double[][][] ms = new double[sizes.length][V][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int s = 0; s < sizes.length; s++) {
                INDArray x = input(sizes[s], 7);
                INDArray out = Nd4j.create(DataType.FLOAT, new long[] {sizes[s], T, UNITS}, 'c');
                int reps = Math.max(2, 32 / sizes[s]);
                for (int v = 0; v < V; v++) {
                    int which = (v + round) % V;
                    VARIANTS[which].apply();
                    long t0 = System.nanoTime();
                    for (int i = 0; i < reps; i++) {
                        kernels[which].forward(x, p.w, p.rw, p.b, null, false, out);
                    }
                    ms[s][which][round] = (System.nanoTime() - t0) / 1e6 / reps;
                }
            }
        }
        for (int s = 0; s < sizes.length; s++) {
            report("inference ms, batch " + sizes[s], ms[s]);
        }
    }

    private static void network(int rounds) {
        LstmEpochBench.Config c = new LstmEpochBench.Config();
        Random rnd = new Random(c.seed);
        List<DataSet> train = batches(rnd, c.train, c);
        List<DataSet> val = batches(rnd, c.validation, c);
        MultiLayerNetwork net = LstmEpochBench.buildNetwork(true, c);
        double[][] wall = new double[V][rounds];
        double[][] cpu = new double[V][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int v = 0; v < V; v++) {
                int which = (v + round) % V;
                VARIANTS[which].apply();
                long c0 = processCpuNanos();
                long t0 = System.nanoTime();
                for (DataSet ds : train) {
                    net.fit(ds);
                }
                for (DataSet ds : val) {
                    net.output(ds.getFeatures(), false);
                }
                wall[which][round] = (System.nanoTime() - t0) / 1e9;
                cpu[which][round] = (processCpuNanos() - c0) / 1e9;
                System.out.printf(Locale.ROOT, "round %d %s: epoch %.3f s, CPU %.2f s, load %.2f%n", round,
                        VARIANTS[which].name(), wall[which][round], cpu[which][round], loadAverage());
            }
        }
        report("network epoch s", wall);
        report("network CPU s", cpu);
    }

    private static List<DataSet> batches(Random rnd, int count, LstmEpochBench.Config c) {
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

    /** Medians over the rounds after the first, and each against the first variant's. */
    private static void report(String what, double[][] v) {
        StringBuilder line = new StringBuilder(what + ", medians:");
        double base = median(v[0]);
        for (int i = 0; i < V; i++) {
            double m = median(v[i]);
            line.append(String.format(Locale.ROOT, " %s %.4f (%.3fx);", VARIANTS[i].name(), m, m / base));
        }
        System.out.println(line);
    }

    private static double median(double[] all) {
        double[] v = java.util.Arrays.copyOfRange(all, 1, all.length);
        return LstmEpochBench.median(v);
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : -1;
    }
}
