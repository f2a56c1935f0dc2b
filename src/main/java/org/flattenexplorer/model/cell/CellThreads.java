package org.flattenexplorer.model.cell;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.flattenexplorer.model.lstm.FastLstmRuntime;

/**
 * Runs the batch slices of the cell kernels in parallel, with the fast LSTM's thread setting
 * ({@link FastLstmRuntime#threads()}, {@code -Dflatten.lstm.threads}) and its native single-threading, so the two
 * never compete for the cores. The same scheme as {@code FastLstmRuntime}'s own runner (package-private there):
 * slice 0 on the calling thread, the others on a small pool of daemon threads. Layers run one after the other, so
 * this pool and the LSTM's are never busy at the same time.
 */
final class CellThreads {

    private static ExecutorService pool;
    private static int poolSize;

    private CellThreads() {
    }

    /** Number of batch slices processed in parallel. */
    static int threads() {
        return FastLstmRuntime.threads();
    }

    /** Runs the tasks in parallel: task 0 on the calling thread, the others on the pool; rethrows failures. */
    static void runAll(List<Runnable> tasks) {
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
                    failure = new IllegalStateException("interrupted while waiting for a recurrent-cell slice", e);
                }
            } catch (ExecutionException e) {
                if (failure == null) {
                    Throwable c = e.getCause();
                    failure = c instanceof RuntimeException ? (RuntimeException) c
                            : new IllegalStateException("recurrent-cell slice failed", c);
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
                Thread t = new Thread(r, "fast-cell-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            poolSize = size;
        }
        return pool;
    }
}
