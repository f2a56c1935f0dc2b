package org.flattenexplorer.model.lstm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Thread settings of the fast LSTM.
 *
 * <p>The fast layer runs its work on {@link #threads()} Java threads: the caller's and a small shared pool of daemon
 * threads. It cuts the work into slices: shares of the batch's rows whose whole recurrence (GEMMs and element-wise
 * gate math) each runs alone, {@link #slicesPerThread()} a thread, taken by the threads one after another; or, for
 * the LSTM, a share of the units for all rows, one a thread, the slices meeting once per time step ({@link Split},
 * {@value #SPLIT_PROPERTY}). Every BLAS call then must be single-threaded, or OpenBLAS's own threads would fight ours
 * for the same cores (two OpenMP threads were measured 2.2x slower on 2 cores, STACK.md).
 * {@link #configureNativeSingleThreaded()} therefore sets ND4J's OpenMP threads and OpenBLAS's threads to 1; the layer
 * calls it once before its first fast pass.
 *
 * <p>The number of threads defaults to {@code min(2, availableProcessors)}; the system property
 * {@value #THREADS_PROPERTY} or {@link #setThreads(int)} overrides it (1 = everything on the caller's thread).
 */
public final class FastLstmRuntime {

    /** System property that sets the number of batch slices (threads) of the fast LSTM. */
    public static final String THREADS_PROPERTY = "flatten.lstm.threads";

    /** System property that chooses how the LSTM's work is split over its threads: auto, batch or units. */
    public static final String SPLIT_PROPERTY = "flatten.lstm.split";

    /**
     * Units from which {@link Split#AUTO} splits the LSTM by units (with batches of {@link #UNIT_SPLIT_MIN_BATCH} rows
     * or more), where the per-step products run through BLAS. Measured with {@code LstmSplitBench kernel} on 2 cores,
     * the variants taking turns batch by batch, the unit split's epoch against the batch split's (with its per-row
     * GEMVs): 1.12x at 128 units (the question's; its per-step GEMMs ran ~27% faster than the batch split's GEMMs, but
     * the threads' waits at the step barrier, ~15 us a step from jitter between them, and the loops over half as many
     * units per row ate that), 0.95x at 256 units. With the products on the vector unit ({@link #vectorSteps()}) the
     * batch split won at both: the unit split took 1.16x its time at 128 units and 1.26x at 256, so AUTO then keeps the
     * batch split (512 units and more were not measured either way).
     */
    public static final int UNIT_SPLIT_MIN_UNITS = 256;

    /** System property that sets {@link #gemvRows()}. */
    public static final String GEMV_ROWS_PROPERTY = "flatten.lstm.gemvRows";

    /**
     * Default of {@link #gemvRows()}. Measured on 2 cores (one thread, [n, 128] x [128, 512] and its dL/dh twin): a
     * GEMM took 40-45 us for 1 to 4 rows and ~60 us for 16, against ~3 us a row for GEMVs (45 us for 16), and the
     * two met between 24 and 32 rows.
     */
    public static final int DEFAULT_GEMV_ROWS = 16;

    /** System property that turns {@link #vectorSteps()} off ({@code false}) where it would be on. */
    public static final String VECTOR_PROPERTY = "flatten.lstm.vector";

    /** System property for {@link #slicesPerThread()}. */
    public static final String SLICES_PROPERTY = "flatten.lstm.slicesPerThread";

    /** System property that turns {@link #shareRuns()} off ({@code false}). */
    public static final String RUNS_PROPERTY = "flatten.lstm.runs";

    /** The incubating JDK module that {@link StepProductF} needs (the launcher and the installer add it). */
    public static final String VECTOR_MODULE = "jdk.incubator.vector";

    /** Batch sizes from which {@link Split#AUTO} may split the LSTM by units (see {@link #UNIT_SPLIT_MIN_UNITS}). */
    public static final int UNIT_SPLIT_MIN_BATCH = 8;

    /**
     * How the fast LSTM ({@code LstmKernelF}) shares its work between threads. Both give the same results up to
     * float rounding. The other cells' kernels ({@code model.cell}) always split by batch rows.
     */
    public enum Split {
        /**
         * Units for layers of {@link #UNIT_SPLIT_MIN_UNITS} units or more and batches of {@link #UNIT_SPLIT_MIN_BATCH}
         * rows or more when the per-step products run through BLAS, batch rows otherwise.
         */
        AUTO,
        /** Each thread runs the whole recurrence of its own rows of the batch. */
        BATCH,
        /**
         * Each thread owns a share of the units (their four gate blocks) for the whole batch, and the threads meet
         * at a barrier once per time step: every per-step GEMM has all the batch's rows.
         */
        UNITS
    }

    private static final AtomicBoolean NATIVE_CONFIGURED = new AtomicBoolean();
    private static volatile int threads = defaultThreads();
    private static volatile Split split = defaultSplit();
    private static volatile int gemvRows = Math.max(0, Integer.getInteger(GEMV_ROWS_PROPERTY, DEFAULT_GEMV_ROWS));
    private static volatile boolean vectorSteps = vectorStepsSupported() && StepProductF.vectorBits() >= 512
            && !"false".equalsIgnoreCase(System.getProperty(VECTOR_PROPERTY, "").trim());
    private static volatile int slicesPerThread = Math.max(1, Integer.getInteger(SLICES_PROPERTY, 2));
    private static volatile boolean shareRuns =
            !"false".equalsIgnoreCase(System.getProperty(RUNS_PROPERTY, "").trim());
    private static ExecutorService pool;
    private static int poolSize;

    private FastLstmRuntime() {
    }

    private static int defaultThreads() {
        String p = System.getProperty(THREADS_PROPERTY);
        if (p != null && !p.isBlank()) {
            try {
                return Math.max(1, Integer.parseInt(p.trim()));
            } catch (NumberFormatException ignored) {
                // fall through to the default
            }
        }
        return Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    private static Split defaultSplit() {
        String p = System.getProperty(SPLIT_PROPERTY);
        if (p != null && !p.isBlank()) {
            try {
                return Split.valueOf(p.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException ignored) {
                // fall through to the default
            }
        }
        return Split.AUTO;
    }

    /** How the fast LSTM splits its work over its threads. */
    public static Split split() {
        return split;
    }

    /** Sets how the fast LSTM splits its work over its threads (tests and benchmarks compare them). */
    public static void setSplit(Split s) {
        split = java.util.Objects.requireNonNull(s);
    }

    /**
     * Most rows of one slice for which the recurrent kernels (the LSTM's and the other cells') run their per-step
     * products as one GEMV per row instead of one GEMM ({@value #DEFAULT_GEMV_ROWS} unless
     * {@value #GEMV_ROWS_PROPERTY} says otherwise; 0: always GEMMs).
     */
    public static int gemvRows() {
        return gemvRows;
    }

    /** Sets {@link #gemvRows()} (benchmarks compare the two). */
    public static void setGemvRows(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        }
        gemvRows = rows;
    }

    /**
     * Whether the recurrent kernels (the LSTM's and the other cells') run their per-step products with
     * {@link StepProductF} instead of BLAS. On by default where the JVM has {@value #VECTOR_MODULE} and 512-bit
     * vectors, where it was measured about twice as fast as the GEMVs (with 256-bit vectors it was not faster), unless
     * {@value #VECTOR_PROPERTY} is {@code false}.
     */
    public static boolean vectorSteps() {
        return vectorSteps;
    }

    /** Turns {@link #vectorSteps()} on or off (tests and benchmarks compare the two); on needs the module. */
    public static void setVectorSteps(boolean on) {
        if (on && !vectorStepsSupported()) {
            throw new IllegalStateException("the per-step vector products need the JDK module " + VECTOR_MODULE
                    + " (java --add-modules " + VECTOR_MODULE + ")");
        }
        vectorSteps = on;
    }

    /**
     * Whether the recurrent kernels compute the input projection of a run of equal input rows (a sequence's padding)
     * once, and its share of the input weights' gradient from the run's summed deltas, and whether at inference
     * sequences whose padding is the same copy one another's states over it ({@link InputRunsF}). On unless
     * {@value #RUNS_PROPERTY} is {@code false}.
     */
    public static boolean shareRuns() {
        return shareRuns;
    }

    /** Turns {@link #shareRuns()} on or off (tests and benchmarks compare the two). */
    public static void setShareRuns(boolean on) {
        shareRuns = on;
    }

    /**
     * Where the per-step products run and, when not on the vector unit, why: for the self-test's report of a
     * user's machine (a classroom's machines differ).
     */
    public static String describeSteps() {
        if (vectorSteps) {
            return "per-step products on the vector unit (" + StepProductF.vectorBits() + "-bit vectors)";
        }
        String why = !vectorStepsSupported() ? "Java was started without --add-modules " + VECTOR_MODULE
                : StepProductF.vectorBits() < 512 ? "this processor's vectors are " + StepProductF.vectorBits()
                        + " bits; the vector unit pays from 512"
                : "turned off (-D" + VECTOR_PROPERTY + "=false)";
        return "per-step products through OpenBLAS (" + why + ")";
    }

    /** Whether this JVM can run {@link StepProductF} at all: it has the module {@value #VECTOR_MODULE}. */
    public static boolean vectorStepsSupported() {
        // without the module, touching StepProductF would fail to link
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /**
     * Whether the LSTM of this shape splits its work by units: with more than one thread, at least one unit a
     * thread, and by {@link #split()}.
     */
    static boolean splitsByUnits(int batch, int units) {
        int p = threads;
        if (p < 2 || units < p) {
            return false;
        }
        return switch (split) {
            case BATCH -> false;
            case UNITS -> true;
            case AUTO -> !vectorSteps && batch >= UNIT_SPLIT_MIN_BATCH && units >= UNIT_SPLIT_MIN_UNITS;
        };
    }

    /** Number of batch slices processed in parallel by the fast LSTM. */
    public static int threads() {
        return threads;
    }

    /** Sets the number of batch slices (threads) of the fast LSTM; 1 runs everything on the caller's thread. */
    public static void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + n);
        }
        threads = n;
    }

    /**
     * One OpenMP thread for ND4J and one thread for OpenBLAS (the same library instance that ND4J uses).
     * Idempotent; cheap after the first call.
     */
    public static void configureNativeSingleThreaded() {
        if (NATIVE_CONFIGURED.compareAndSet(false, true)) {
            Nd4j.getEnvironment().setMaxThreads(1);
            Nd4j.getEnvironment().setMaxMasterThreads(1);
            Nd4j.factory().blas().setMaxThreads(1);
            openblas_nolapack.blas_set_num_threads(1);
        }
    }

    /**
     * How many slices of a batch each thread has, on average, where the kernels split by batch rows and run the
     * slices with {@link #runBalanced}: more slices than threads let a thread that is held up leave its last slice
     * to the other. The per-step products cost the same per row for 8 rows as for 16 (the vector unit takes rows four
     * at a time), so the finer cut costs little. Default 2 ({@value #SLICES_PROPERTY}).
     */
    public static int slicesPerThread() {
        return slicesPerThread;
    }

    /** Sets {@link #slicesPerThread()} (benchmarks compare). */
    public static void setSlicesPerThread(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("slices per thread must be >= 1, got " + n);
        }
        slicesPerThread = n;
    }

    /** Slices of a batch of {@code batch} rows split by rows: {@link #slicesPerThread()} per thread, at most a row each. */
    public static int batchSlices(int batch) {
        return Math.max(1, Math.min(batch, threads * slicesPerThread));
    }

    /**
     * Runs independent tasks on {@link #threads()} workers that each take the next task not yet taken until none is
     * left. With more tasks than threads the work balances itself: a thread held up (by the window's redraws, the
     * collector, another process) leaves the remaining tasks to the others instead of making them wait at the end.
     * Not for tasks that wait for one another ({@link StepBarrier}): those need {@link #runAll}.
     */
    public static void runBalanced(List<Runnable> tasks) {
        int workers = Math.min(tasks.size(), threads);
        if (workers <= 1) {
            tasks.forEach(Runnable::run);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < tasks.size(); i = next.getAndIncrement()) {
                tasks.get(i).run();
            }
        };
        runAll(java.util.Collections.nCopies(workers, worker));
    }

    /**
     * Runs the tasks at once, one thread each: task 0 on the calling thread, the others on the pool; rethrows
     * failures. The other cells' kernels ({@code model.cell}) share it: layers run one after the other, so the pool
     * is never asked twice.
     */
    public static void runAll(List<Runnable> tasks) {
        if (tasks.size() == 1) {
            tasks.get(0).run();
            return;
        }
        ExecutorService ex = pool(tasks.size() - 1);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 1; i < tasks.size(); i++) {
            futures.add(ex.submit(tasks.get(i)));
        }
        RuntimeException failure = null;
        try {
            tasks.get(0).run();
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = new IllegalStateException("interrupted while waiting for a recurrent-layer slice", e);
                }
            } catch (java.util.concurrent.ExecutionException e) {
                if (failure == null) {
                    Throwable c = e.getCause();
                    failure = c instanceof RuntimeException ? (RuntimeException) c
                            : new IllegalStateException("recurrent-layer slice failed", c);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static synchronized ExecutorService pool(int size) {
        if (pool == null || poolSize < size) {
            if (pool != null) {
                pool.shutdown();
            }
            AtomicInteger count = new AtomicInteger();
            pool = Executors.newFixedThreadPool(size, r -> {
                Thread t = new Thread(r, "fast-lstm-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            poolSize = size;
        }
        return pool;
    }
}
