package org.flattenexplorer.ui.task;

/**
 * Where the view models run their work: training on one background thread (one run at a time), short file work
 * on another, and results back on the UI thread. Tests use {@link CurrentThreadTaskExecutor}, which does it all
 * in place.
 */
public interface TaskExecutor {

    /** Runs on the single training thread, after any training job queued before it. */
    void training(Runnable job);

    /** Runs short file or network work (listing runs, saving CSV, downloads) off the UI thread. */
    void io(Runnable job);

    /** Hands a result to the UI thread. */
    void ui(Runnable update);

    /** Hands a result to the UI thread after a delay (tests: at once). */
    default void uiAfter(long millis, Runnable update) {
        ui(update);
    }
}
