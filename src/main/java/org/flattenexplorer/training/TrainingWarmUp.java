package org.flattenexplorer.training;

import java.util.function.BooleanSupplier;
import org.flattenexplorer.data.DatasetPreparer;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Preset;

/**
 * A short run of the question's model on synthetic reviews that the window starts in the background when it opens,
 * so that Java has compiled the training code before the user's first run. In a fresh JVM the question's first epoch
 * on the real subset took 3.67-4.20 s against ~2.1-2.5 s for the second, its first batch alone 1.29-1.40 s; after
 * this warm-up (2.4-3.0 s of its own) the first epoch took 2.47-2.66 s and its first batch 0.26-0.29 s. It never
 * changes a result: every run seeds its own weights, dropout and shuffling.
 */
public final class TrainingWarmUp {

    /** System property: {@code false} leaves the warm-up out (the window's default is to run it). */
    public static final String PROPERTY = "flatten.warmUp";

    private TrainingWarmUp() {}

    public static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY));
    }

    /**
     * The question's Flatten preset on 64 synthetic training reviews (500 steps each), three epochs. The validation
     * has three full batches and one of 8, as the question's 200 reviews end: inference splits a batch between the
     * threads by the reviews' lengths, so its slices get row counts that one batch of 32 did not give, and with only
     * those the JIT compiled the per-step product without its paths for the rows left over, then threw it away and
     * recompiled it during the user's first run (while it ran slower).
     */
    public static ExperimentSpec spec() {
        return Preset.QUESTION_FLATTEN.spec().toBuilder().trainSize(64).valSize(104).testSize(0).epochs(3).build();
    }

    /**
     * Runs the warm-up on the calling thread, checking {@code stop} before it starts and after every batch (a user's
     * run waiting for the training thread); returns whether it ran to the end. A failure (no native library, no
     * memory) is left for the user's own run to report with its message: this one returns false, quietly.
     */
    public static boolean run(BooleanSupplier stop) {
        if (stop.getAsBoolean()) {
            return false;
        }
        try {
            ExperimentSpec spec = spec();
            TrainingRun run = new TrainingRun(spec, DatasetPreparer.synthetic(spec.data()));
            RunResult result = run.run(event -> {
                if (event instanceof TrainingEvent.BatchEnd && stop.getAsBoolean()) {
                    run.cancel();
                }
            });
            return result != null && result.status() == RunStatus.FINISHED;
        } catch (RuntimeException | LinkageError | OutOfMemoryError e) {
            return false;
        }
    }
}
