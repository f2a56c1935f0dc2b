package org.flattenexplorer.ui.task;

/** Runs every job at once on the calling thread: view model tests need neither threads nor the FX toolkit. */
public final class CurrentThreadTaskExecutor implements TaskExecutor {
    @Override
    public void training(Runnable job) {
        job.run();
    }

    @Override
    public void io(Runnable job) {
        job.run();
    }

    @Override
    public void ui(Runnable update) {
        update.run();
    }
}
