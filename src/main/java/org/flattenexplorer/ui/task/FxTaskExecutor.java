package org.flattenexplorer.ui.task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/** The app's executor: one daemon thread for training, a small pool for file work, results via Platform.runLater. */
public final class FxTaskExecutor implements TaskExecutor {
    private final LinkedBlockingQueue<Runnable> trainingQueue = new LinkedBlockingQueue<>();
    private final ExecutorService training = new ThreadPoolExecutor(1, 1, 0L, TimeUnit.MILLISECONDS, trainingQueue,
            daemon("flatten-training"));
    private final ExecutorService io = Executors.newFixedThreadPool(2, daemon("flatten-io"));
    private final java.util.concurrent.ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(daemon("flatten-ui-timer"));

    @Override
    public void training(Runnable job) {
        training.execute(guarded(job));
    }

    /** Whether a training job is queued behind the one running (a background warm-up gives way to it). */
    public boolean trainingWaiting() {
        return !trainingQueue.isEmpty();
    }

    @Override
    public void io(Runnable job) {
        io.execute(guarded(job));
    }

    @Override
    public void ui(Runnable update) {
        if (Platform.isFxApplicationThread()) {
            update.run();
        } else {
            Platform.runLater(update);
        }
    }

    @Override
    public void uiAfter(long millis, Runnable update) {
        if (millis <= 0) {
            ui(update);
        } else {
            timer.schedule(() -> Platform.runLater(update), millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    public void shutdown() {
        training.shutdownNow();
        io.shutdownNow();
        timer.shutdownNow();
    }

    private static Runnable guarded(Runnable job) {
        return () -> {
            try {
                job.run();
            } catch (Throwable t) {
                t.printStackTrace();
            }
        };
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
