package org.flattenexplorer.ui;

import java.util.ArrayList;
import java.util.List;
import org.flattenexplorer.ui.task.TaskExecutor;

/**
 * Runs every job in place, as {@link org.flattenexplorer.ui.task.CurrentThreadTaskExecutor} does, except delayed UI
 * work, which waits until {@link #runDelayed()}: tests see what is scheduled and when it runs.
 */
final class DelayedUiExecutor implements TaskExecutor {
    final List<Runnable> delayed = new ArrayList<>();
    int backgroundJobs;

    @Override
    public void training(Runnable job) {
        job.run();
    }

    @Override
    public void io(Runnable job) {
        backgroundJobs++;
        job.run();
    }

    @Override
    public void ui(Runnable update) {
        update.run();
    }

    @Override
    public void uiAfter(long millis, Runnable update) {
        delayed.add(update);
    }

    /** Runs what waited (a pause in the user's typing, or the next drain's time). */
    void runDelayed() {
        List<Runnable> due = List.copyOf(delayed);
        delayed.clear();
        due.forEach(Runnable::run);
    }
}
