package org.flattenexplorer.ui.viewmodel;

import org.flattenexplorer.data.Preprocessing;
import org.flattenexplorer.ui.task.TaskExecutor;

/**
 * Prepares the reviews for the architecture panel's preprocessing before Train is pressed: when data are chosen,
 * when an edit changes the preprocessing (after a pause, so typing a maxlen does not prepare each digit) and when
 * a run ends. It runs off the UI thread and hands the vocabulary to the summary's Embedding row. So the summary
 * shows the real parameter count at once, Train finds its reviews ready, and the window does not re-lay out the
 * summary tables and the diagram in the frames right after Train: with the vocabulary arriving from the run, that
 * relayout was the longest wait of a run in the window (60-80 ms with training on both cores; the worst waits were
 * 33-57 ms without it).
 * Nothing is prepared while a run trains, nor for a spec that cannot train. A failure is left for Train to report
 * with its message.
 */
final class PrepareAhead {
    /** How long the preprocessing must stay unchanged before its reviews are prepared. */
    static final long PAUSE_MILLIS = 400;

    private final TaskExecutor executor;
    private final DataViewModel data;
    private final ArchitectureViewModel architecture;
    private final TrainingViewModel training;
    /** The last data and preprocessing handed to the background; UI thread only. */
    private DataViewModel.Choice requestedChoice;
    private Preprocessing requested;

    PrepareAhead(TaskExecutor executor, DataViewModel data, ArchitectureViewModel architecture,
                 TrainingViewModel training) {
        this.executor = executor;
        this.data = data;
        this.architecture = architecture;
        this.training = training;
        data.choiceProperty().addListener((o, was, now) -> schedule());
        architecture.specProperty().addListener((o, was, now) -> schedule());
        training.runningProperty().addListener((o, was, running) -> {
            if (!running) {
                schedule();
            }
        });
        schedule();
    }

    private void schedule() {
        if (!idleWithData()) {
            return;
        }
        Preprocessing p = architecture.specProperty().get().data();
        if (isRequested(p)) {
            return;
        }
        executor.uiAfter(PAUSE_MILLIS, () -> {
            // a later edit or a run that started since has scheduled (or made) its own
            if (idleWithData() && p.equals(architecture.specProperty().get().data()) && !isRequested(p)) {
                start(p);
            }
        });
    }

    /** Data chosen, no run training, and a spec that can train (an absurd maxlen is not prepared). */
    private boolean idleWithData() {
        return data.hasDataProperty().get() && !training.runningProperty().get() && architecture.validProperty().get();
    }

    private boolean isRequested(Preprocessing p) {
        return p.equals(requested) && data.choiceProperty().get() == requestedChoice;
    }

    private void start(Preprocessing p) {
        requested = p;
        requestedChoice = data.choiceProperty().get();
        executor.io(() -> {
            try {
                int vocabulary = data.prepare(p).vocabulary().inputDim();
                executor.ui(() -> {
                    if (p.equals(architecture.specProperty().get().data())) {
                        architecture.vocabularySizeProperty().set(vocabulary);
                    }
                });
            } catch (RuntimeException e) {
                executor.ui(() -> requested = null); // Train prepares again and says what is wrong
            }
        });
    }
}
