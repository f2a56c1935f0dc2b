package org.flattenexplorer.selftest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * How long the UI thread keeps a user waiting: every 10 ms a probe is queued on it (as a click would be) and the
 * time until it runs is recorded; the next one is queued only after it ran, so a stall counts once, at its length.
 * A frame the window draws, a redraw, a log line: whatever holds the thread shows up. It asks JavaFX for no frames.
 */
final class UiStallProbe {
    private static final long PERIOD_MS = 10;

    private final List<Long> waits = Collections.synchronizedList(new ArrayList<>());
    private volatile long started;
    private volatile long worst;
    private volatile long worstAt; // when the worst wait began, from start()
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ui-stall-probe");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running;

    void start() {
        started = System.nanoTime();
        running = true;
        post();
    }

    void stop() {
        running = false;
        timer.shutdownNow();
    }

    private void post() {
        long queued = System.nanoTime();
        Platform.runLater(() -> {
            long wait = System.nanoTime() - queued;
            waits.add(wait);
            if (wait > worst) {
                worst = wait;
                worstAt = queued - started;
            }
            if (running) {
                timer.schedule(this::post, PERIOD_MS, TimeUnit.MILLISECONDS);
            }
        });
    }

    double worstMillis() {
        return percentileMillis(1);
    }

    /** When the worst wait began, in seconds after {@link #start()}: at Train, or later in the run. */
    double worstAtSeconds() {
        return worstAt / 1e9;
    }

    /** The wait that this share of the probes did not exceed, in milliseconds; NaN before any probe ran. */
    double percentileMillis(double share) {
        List<Long> sorted;
        synchronized (waits) {
            sorted = new ArrayList<>(waits);
        }
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        int index = Math.min(sorted.size() - 1, Math.max(0, (int) Math.ceil(share * sorted.size()) - 1));
        return sorted.get(index) / 1e6;
    }

    int probes() {
        return waits.size();
    }
}
