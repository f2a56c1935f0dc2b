package org.flattenexplorer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flattenexplorer.data.DataLocator;
import org.flattenexplorer.data.DatasetPreparer;
import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.data.TextFileSettings;
import org.flattenexplorer.inspect.EncodedReview;
import org.flattenexplorer.inspect.HiddenStateProbe;
import org.flattenexplorer.model.EpochFlops;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Implementation;
import org.flattenexplorer.model.lstm.FastLstmRuntime;
import org.flattenexplorer.model.lstm.GemmRates;
import org.flattenexplorer.model.lstm.StepProductF;
import org.flattenexplorer.training.TrainingEvent;
import org.flattenexplorer.training.TrainingRun;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One benchmark measurement in its own JVM (so its peak memory is its own): trains a spec (the bench command's
 * workload, as JSON) through the app's real training path, times each epoch's training and validation, then
 * times the hidden-state probe of one review. Prints one JSON object as its last line.
 */
public final class BenchWorker {
    private static final int PROBES = 15;

    private BenchWorker() {}

    /**
     * Arguments: the spec as JSON, then an aclImdb folder or "" for synthetic ids of the question's shape; or
     * {@code --gemm} and the spec as JSON: the machine's SGEMM rates on the spec's GEMM shapes instead.
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(GEMM)) {
            gemm(new ObjectMapper().readValue(args[1], ExperimentSpec.class));
            return;
        }
        ExperimentSpec spec = new ObjectMapper().readValue(args[0], ExperimentSpec.class);
        String data = args.length > 1 ? args[1] : "";
        Implementation lstm = spec.model().implementation();
        PreparedDataset dataset = dataset(spec, data);

        TrainingRun run = new TrainingRun(spec, dataset);
        List<Double> train = new ArrayList<>();
        List<Double> validation = new ArrayList<>();
        long[] marks = {System.nanoTime(), 0};
        run.run(event -> {
            if (event instanceof TrainingEvent.BatchEnd b && b.batch() == b.batches()) {
                marks[1] = System.nanoTime();
                train.add((marks[1] - marks[0]) / 1e9);
            } else if (event instanceof TrainingEvent.EpochEnd) {
                long now = System.nanoTime();
                validation.add((now - marks[1]) / 1e9);
                marks[0] = now;
            } else if (event instanceof TrainingEvent.Failed f) {
                throw new IllegalStateException(f.message(), f.cause());
            }
        });

        double[] probeMs = new double[PROBES + 1];
        EncodedReview review = EncodedReview.ofTokens(dataset.validation().tokens()[0], dataset.vocabulary());
        for (int i = 0; i < probeMs.length; i++) {
            long start = System.nanoTime();
            HiddenStateProbe.probe(run.network(), spec, review);
            probeMs[i] = (System.nanoTime() - start) / 1e6;
        }

        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("layer", spec.model().recurrentLayerName());
        settings.put("lstm_threads", lstm == Implementation.FAST ? FastLstmRuntime.threads() : 1);
        settings.put("omp_threads", Nd4j.getEnvironment().maxThreads());
        settings.put("workspace_mode", "ENABLED");
        // the launcher sets it (one glibc malloc arena: a steadier, lower peak of native memory)
        settings.put("malloc_arena_max", System.getenv().getOrDefault("MALLOC_ARENA_MAX", "glibc's default"));
        settings.put("data", dataset.source());
        settings.put("vocabulary", dataset.vocabulary().inputDim());
        settings.put("jvm", String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("lstm", lstm.cliName());
        result.put("settings", settings);
        result.put("train_s_median", median(train.subList(1, train.size())));
        result.put("val_s_median", median(validation.subList(1, validation.size())));
        result.put("epochs_timed", train.size() - 1);
        result.put("train_s", train);
        result.put("val_s", validation);
        result.put("peak_rss_mb", peakRssMb());
        result.put("probe_ms_median", median(Arrays.stream(probeMs).skip(1).boxed().toList()));
        System.out.println(new ObjectMapper().writeValueAsString(result));
        System.exit(0);
    }

    /**
     * The reviews a measurement trains and validates on: for {@code data} "" synthetic ids of the question's shape,
     * else the reviews DataLocator finds there (an aclImdb folder). The bench command gives the PyTorch peer these
     * same splits, so it calls this too rather than preparing its own.
     */
    static PreparedDataset dataset(ExperimentSpec spec, String data) {
        return data.isEmpty() ? QuestionShapedData.create(spec)
                : DatasetPreparer.fromPath(DataLocator.locate(Optional.of(Path.of(data))).orElseThrow(),
                        TextFileSettings.defaults(), spec.data());
    }

    /** The measurement's mode argument: SGEMM rates on the spec's shapes. */
    static final String GEMM = "--gemm";

    /** Seconds each repeat of one GEMM kind lasts (three repeats, alone and split over the threads). */
    private static final double GEMM_SECONDS = Double.parseDouble(System.getProperty("flatten.bench.gemm-seconds", "0.3"));

    private static void gemm(ExperimentSpec spec) throws Exception {
        EpochFlops.Dims dims = EpochFlops.Dims.of(spec);
        int threads = FastLstmRuntime.threads();
        List<Map<String, Object>> kinds = new ArrayList<>();
        for (GemmRates.Rate r : GemmRates.measure(dims, spec.training().batch(), threads, GEMM_SECONDS)) {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("gemm", r.gemm().name().toLowerCase(java.util.Locale.ROOT));
            k.put("label", r.gemm().label());
            k.put("m", r.shape()[0]);
            k.put("n", r.shape()[1]);
            k.put("k", r.shape()[2]);
            k.put("calls_per_batch", r.gemm().calls(dims));
            k.put("gflops_1_thread", r.gflops1());
            k.put("gflops_" + threads + "_threads", r.gflopsN());
            if (!Double.isNaN(r.vector1())) {
                k.put("gflops_vector_1_thread", r.vector1());
                k.put("gflops_vector_" + threads + "_threads", r.vectorN());
            }
            k.put("gflops_best", r.best());
            kinds.add(k);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("threads", threads);
        result.put("blas", "bytedeco openblas_nolapack, one BLAS thread per Java thread");
        if (FastLstmRuntime.vectorSteps()) {
            result.put("vector", "per-step products on the JVM's vector unit (StepProductF), "
                    + StepProductF.vectorBits() + "-bit vectors");
        }
        result.put("gemm", kinds);
        System.out.println(new ObjectMapper().writeValueAsString(result));
        System.exit(0);
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The process's peak resident set (VmHWM, what /usr/bin/time -v calls maximum resident set size). */
    static Double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (Exception e) {
            // not Linux: no figure
        }
        return null;
    }
}
