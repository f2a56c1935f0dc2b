package org.flattenexplorer.training;

/** Observes a training run. Called on the training thread: a UI must hand events over to its own thread. */
@FunctionalInterface
public interface TrainingListener {
    void onEvent(TrainingEvent event);

    TrainingListener NONE = event -> { };
}
