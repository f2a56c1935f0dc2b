package org.flattenexplorer.selftest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Measures how many threads ND4J's native code really uses: per-thread CPU time from /proc/self/task while a
 * fresh thread (not the one that configured ND4J) runs a matrix product (OpenBLAS) and an element-wise op
 * (libnd4j's OpenMP pool). Load-independent: a worker thread that runs shows CPU time however busy the
 * machine is. The installed app cannot set OMP_NUM_THREADS (jpackage's launcher sets no environment), so it
 * relies on {@code FastLstmRuntime.configureNativeSingleThreaded()} after ND4J starts; this checks it.
 * (ND4J's {@code Environment.maxThreads()} keeps reporting the core count after that call: not a measure.)
 */
public final class NativeThreads {
    private NativeThreads() {}

    /** Threads that used CPU during the measurement (JVM-internal ones left out); empty when not Linux. */
    public record Measurement(List<String> busyThreads, int openblasThreads, boolean measured) {
        public int count() {
            return busyThreads.size();
        }

        public String describe() {
            if (!measured) {
                return "native threads: not measured on this OS (OpenBLAS set to " + openblasThreads + ")";
            }
            return "native threads: " + count() + " busy in a matrix product and an element-wise op on a fresh "
                    + "thread " + busyThreads + " (expected 1)";
        }
    }

    /** Runs the measurement on a new thread and waits for it. */
    public static Measurement measure() {
        AtomicReference<Measurement> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                result.set(measureHere());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "native-threads");
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("thread check failed: " + failure.get(), failure.get());
        }
        return result.get();
    }

    private static Measurement measureHere() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 768, 768);
        INDArray b = Nd4j.rand(DataType.FLOAT, 768, 768);
        INDArray big = Nd4j.rand(DataType.FLOAT, 4_000_000);
        a.mmul(b);
        Transforms.tanh(big, true);
        Map<String, Long> before = threadTicks();
        for (int i = 0; i < 8; i++) {
            a.mmul(b);
            Transforms.tanh(big, true);
        }
        Map<String, Long> after = threadTicks();
        int blas = openblas_nolapack.blas_get_num_threads();
        if (before.isEmpty() || after.isEmpty()) {
            return new Measurement(List.of(), blas, false);
        }
        return new Measurement(busy(before, after, 3), blas, true);
    }

    /** Threads (key "tid name") whose CPU ticks grew by at least minTicks, JVM-internal threads left out. */
    static List<String> busy(Map<String, Long> before, Map<String, Long> after, long minTicks) {
        List<String> busy = new ArrayList<>();
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long delta = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            String name = e.getKey().substring(e.getKey().indexOf(' ') + 1);
            if (delta >= minTicks && !isJvmInternal(name)) {
                busy.add(name + " " + delta * 10 + " ms");
            }
        }
        return busy;
    }

    static boolean isJvmInternal(String name) {
        return name.startsWith("C1 ") || name.startsWith("C2 ") || name.startsWith("GC ") || name.startsWith("G1 ")
                || name.startsWith("VM ") || name.startsWith("Compiler") || name.startsWith("Sweeper")
                || name.startsWith("Signal") || name.startsWith("Finalizer") || name.startsWith("Reference")
                || name.startsWith("JavaFX") || name.startsWith("QuantumRenderer") || name.startsWith("InvokeLaterDisp")
                || name.startsWith("Prism") || name.startsWith("Thread-") || name.startsWith("Common-Cleaner")
                || name.startsWith("JDWP") || name.startsWith("Notification") || name.startsWith("Service Thread")
                || name.startsWith("Monitor Deflati") || name.startsWith("training") || name.startsWith("self-test");
    }

    /** "tid name" -> utime+stime in clock ticks, for every thread of this process; empty if not Linux. */
    static Map<String, Long> threadTicks() {
        Map<String, Long> ticks = new TreeMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return ticks;
        }
        try (Stream<Path> s = Files.list(tasks)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.put(p.getFileName() + " " + name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return ticks;
    }
}
