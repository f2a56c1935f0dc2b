package org.flattenexplorer.ui.viewmodel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.data.Vocabulary;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.training.EpochMetrics;
import org.flattenexplorer.training.Failures;
import org.flattenexplorer.training.KerasLog;
import org.flattenexplorer.training.KerasProgress;
import org.flattenexplorer.training.RunInfo;
import org.flattenexplorer.training.RunResult;
import org.flattenexplorer.training.RunStore;
import org.flattenexplorer.training.SavedRun;
import org.flattenexplorer.training.TrainingEvent;
import org.flattenexplorer.training.TrainingListener;
import org.flattenexplorer.training.TrainingRun;
import org.flattenexplorer.ui.task.TaskExecutor;

/**
 * Training as the window shows it: one run at a time on the training thread, its events turned into the live
 * curves, the progress and the Keras-style log on the UI thread; finished and cancelled runs saved to the store.
 * Several specs can be queued ("Compare all"); Stop cancels the current run within one batch and drops the queue.
 */
public final class TrainingViewModel {
    public enum Phase { IDLE, PREPARING, TRAINING, STOPPING }

    /** One training batch's loss; {@code x} is in epochs (epoch 2, batch 7 of 14 = 1.5). */
    public record BatchPoint(double x, double loss) {}

    private final TaskExecutor executor;
    private final DatasetSource data;
    private final RunStore store;
    private final Consumer<SavedRun> onSaved;
    private final IntConsumer onVocabulary;

    private final ObservableList<EpochMetrics> epochs = FXCollections.observableArrayList();
    private final ObservableList<BatchPoint> batchLosses = FXCollections.observableArrayList();
    private final ObservableList<String> log = FXCollections.observableArrayList();
    // One read-only view each, kept: a view listens to its list weakly and must not be collected.
    private final ObservableList<EpochMetrics> epochsView = FXCollections.unmodifiableObservableList(epochs);
    private final ObservableList<BatchPoint> batchLossesView = FXCollections.unmodifiableObservableList(batchLosses);
    private final ObservableList<String> logView = FXCollections.unmodifiableObservableList(log);
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.IDLE);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("Ready");
    private final ReadOnlyStringWrapper runName = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper bestEpoch = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyIntegerWrapper queued = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyIntegerWrapper totalEpochs = new ReadOnlyIntegerWrapper(7);
    private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper failureDetails = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canSaveAgain = new ReadOnlyBooleanWrapper(false);
    /** A run that trained but could not be saved (a full disk): kept so that nothing learnt is thrown away. */
    private Unsaved unsaved;

    private record Unsaved(RunInfo info, RunResult result, TrainingRun run, Vocabulary vocabulary) {}

    private final Deque<ExperimentSpec> queue = new ArrayDeque<>();
    private final List<SavedRun> savedInQueue = new ArrayList<>();
    private Consumer<List<SavedRun>> whenQueueDone;
    private int queueSize;
    private Job current;
    private boolean progressLineOpen;
    private final java.util.concurrent.ConcurrentLinkedQueue<TrainingEvent> pending = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean drainScheduled = new java.util.concurrent.atomic.AtomicBoolean();
    /**
     * The live views are redrawn at most this often during training (batch events wait; epoch ends do not). Once a
     * second still looks live (a few new batch points each time). With software rendering one redraw of the loss
     * chart and the log costs about 70 ms of the UI's threads (JavaFX's pulse logger: ~30 ms drawing the chart on the
     * UI thread, ~35 ms painting it, ~8 ms the log line), time that two-core machines take from training; measured
     * with bench --window, the UI's own CPU an epoch fell from 0.70 s at 4 Hz to 0.59 s at 2 Hz and 0.48 s at 1 Hz
     * (before the later savings).
     */
    static final long MIN_DRAIN_INTERVAL_NANOS = 1_000_000_000L;
    private volatile long lastDrain;
    private List<BatchPoint> batchBuffer;

    /** One queued spec on its way through the training thread. */
    private static final class Job {
        final ExperimentSpec spec;
        volatile TrainingRun run;
        volatile boolean cancelled;

        Job(ExperimentSpec spec) {
            this.spec = spec;
        }

        void cancel() {
            cancelled = true;
            TrainingRun r = run;
            if (r != null) {
                r.cancel();
            }
        }
    }

    private volatile BiFunction<TrainingRun, PreparedDataset, TrainingListener> runObserver =
            (run, dataset) -> TrainingListener.NONE;

    public TrainingViewModel(TaskExecutor executor, DatasetSource data, RunStore store, Consumer<SavedRun> onSaved,
                             IntConsumer onVocabulary) {
        this.executor = executor;
        this.data = data;
        this.store = store;
        this.onSaved = onSaved;
        this.onVocabulary = onVocabulary;
        running.bind(phase.isNotEqualTo(Phase.IDLE));
    }

    /**
     * Lets another view follow each run as it trains (the hidden-state view refreshes at epoch ends): the
     * function gets the run and its data when training starts and returns a listener called on the training thread.
     */
    public void observeRuns(BiFunction<TrainingRun, PreparedDataset, TrainingListener> observer) {
        this.runObserver = observer;
    }

    public void train(ExperimentSpec spec) {
        trainAll(List.of(spec), null);
    }

    /** Trains the specs one after another; {@code whenDone} gets the runs saved, unless Stop was pressed. */
    public void trainAll(List<ExperimentSpec> specs, Consumer<List<SavedRun>> whenDone) {
        if (running.get() || specs.isEmpty()) {
            return;
        }
        queue.addAll(specs);
        queueSize = specs.size();
        savedInQueue.clear();
        whenQueueDone = whenDone;
        startNext();
    }

    /**
     * Shows a saved run's curves and Keras log as if it had just trained (the lesson reuses runs this way);
     * ignored while a run trains.
     */
    public void replay(SavedRun run) {
        if (running.get()) {
            return;
        }
        List<EpochMetrics> saved = run.epochs();
        int perEpoch = saved.isEmpty() ? 0 : run.batchLosses().size() / saved.size();
        List<BatchPoint> points = new ArrayList<>();
        for (int i = 0; i < run.batchLosses().size() && perEpoch > 0; i++) {
            points.add(new BatchPoint((double) (i + 1) / perEpoch, run.batchLosses().get(i)));
        }
        totalEpochs.set(run.info().spec().training().epochs());
        runName.set(run.info().spec().describe() + " · seed " + run.info().spec().training().seed());
        batchLosses.setAll(points);
        epochs.setAll(saved);
        bestEpoch.set(RunResult.bestValidationEpoch(saved).orElse(0));
        progress.set(1);
        progressText.set("Saved run \u201c" + run.info().name() + "\u201d (" + run.info().createdAt() + ")");
        closeProgressLine();
        log.add("Replaying the saved run " + run.info().name() + " · seed " + run.info().spec().training().seed());
        for (EpochMetrics m : saved) {
            logSink.line(KerasProgress.epochHeader(m.epoch(), run.info().spec().training().epochs()));
            logSink.line(KerasProgress.epochLine(m, perEpoch));
        }
    }

    public void stop() {
        if (current == null) {
            return;
        }
        queue.clear();
        whenQueueDone = null;
        queued.set(0);
        phase.set(Phase.STOPPING);
        progressText.set("Stopping after this batch...");
        current.cancel();
    }

    private void startNext() {
        ExperimentSpec spec = queue.poll();
        queued.set(queue.size());
        if (spec == null) {
            current = null;
            phase.set(Phase.IDLE);
            Consumer<List<SavedRun>> done = whenQueueDone;
            whenQueueDone = null;
            if (done != null && !savedInQueue.isEmpty()) {
                done.accept(List.copyOf(savedInQueue));
            }
            return;
        }
        Job job = new Job(spec);
        current = job;
        failure.set("");
        failureDetails.set("");
        totalEpochs.set(spec.training().epochs());
        epochs.clear();
        batchLosses.clear();
        bestEpoch.set(0);
        progress.set(0);
        int number = queueSize - queue.size();
        runName.set(spec.describe() + " · seed " + spec.training().seed());
        String prefix = queueSize > 1 ? "Run " + number + " of " + queueSize + ": " : "";
        log.add(prefix + runName.get());
        progressText.set(prefix + "preparing the reviews...");
        phase.set(Phase.PREPARING);
        executor.training(() -> runJob(job, prefix));
    }

    private void runJob(Job job, String prefix) {
        try {
            PreparedDataset dataset = data.prepare(job.spec.data());
            int vocabulary = dataset.vocabulary().inputDim();
            executor.ui(() -> {
                onVocabulary.accept(vocabulary);
                log.add(String.format(Locale.ROOT, "Data: %s · %d train / %d validation / %d test reviews · vocabulary %,d",
                        dataset.source(), dataset.train().size(), dataset.validation().size(), dataset.test().size(),
                        vocabulary));
                if (phase.get() == Phase.PREPARING) {
                    phase.set(Phase.TRAINING);
                    progressText.set(prefix + "training...");
                }
            });
            dataset.notes(job.spec.data().testSize()).forEach(note -> executor.ui(() -> log.add("Note: " + note)));
            if (job.cancelled) {
                executor.ui(() -> log.add("Stopped before training started."));
                return;
            }
            // what can be known before the first batch: memory (TrainingRun) and where the run will be saved
            store.requireWritable(RunStore.bytesNeeded(job.spec, vocabulary));
            TrainingRun run = new TrainingRun(job.spec, dataset);
            job.run = run;
            if (job.cancelled) {
                run.cancel();
            }
            TrainingListener observer = runObserver.apply(run, dataset);
            RunResult result = run.run(event -> {
                post(event);
                observer.onEvent(event);
            });
            if (result != null) {
                save(new Unsaved(RunInfo.of(job.spec.describe(), result, job.spec, dataset), result, run,
                        dataset.vocabulary()));
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            executor.ui(() -> {
                fail("Training failed: ", e);
                queue.clear();
                whenQueueDone = null;
            });
        } finally {
            executor.ui(this::startNext);
        }
    }

    /** Saves a run (on the calling, background thread); on failure keeps it for {@link #saveAgain()}. */
    private void save(Unsaved run) {
        try {
            SavedRun saved = store.save(run.info(), run.result(), run.run().network(), run.vocabulary());
            executor.ui(() -> {
                unsaved = null;
                canSaveAgain.set(false);
                savedInQueue.add(saved);
                onSaved.accept(saved);
            });
        } catch (RuntimeException e) {
            executor.ui(() -> {
                unsaved = run;
                canSaveAgain.set(true);
                fail("The run trained but was not saved: ", e);
                log.add("The trained run is kept in memory: fix the problem, then press Save again.");
            });
        }
    }

    /** Tries again to save the run that trained but could not be saved (after the user freed some space). */
    public void saveAgain() {
        Unsaved run = unsaved;
        if (run == null || running.get()) {
            return;
        }
        canSaveAgain.set(false);
        progressText.set("Saving again...");
        executor.io(() -> {
            save(run);
            executor.ui(() -> {
                if (unsaved == null) {
                    failure.set("");
                    failureDetails.set("");
                    progressText.set("Saved");
                    log.add("Saved.");
                }
            });
        });
    }

    /** Shows a failure: the whole sentence in the log and in {@link #failureProperty()}, its cause chain on demand. */
    private void fail(String prefix, Throwable e) {
        String message = Failures.explain(e);
        closeProgressLine();
        log.add(prefix + message);
        progressText.set("Failed: " + message);
        failure.set(prefix + message);
        failureDetails.set(Failures.details(e));
    }

    /**
     * Called on the training thread: queues the event and asks the UI thread for one drain, so a fast run
     * cannot flood the UI thread with one task (and one redraw) per batch.
     */
    private void post(TrainingEvent event) {
        pending.add(event);
        if (!(event instanceof TrainingEvent.BatchEnd)) {
            executor.ui(this::drain); // an epoch's end and the run's end show at once, before anything after them
        } else if (drainScheduled.compareAndSet(false, true)) {
            // at most a few redraws a second: on two cores every repaint of the window is time the training loses
            long wait = (lastDrain + MIN_DRAIN_INTERVAL_NANOS - System.nanoTime()) / 1_000_000;
            executor.uiAfter(wait, this::scheduledDrain);
        }
    }

    /**
     * The one scheduled drain. Only it clears {@code drainScheduled}: when an epoch's end drained at once and cleared
     * it too, the next batch scheduled a second drain while the first still waited, and from the second epoch on
     * two chains of drains redrew the loss chart twice a second.
     */
    private void scheduledDrain() {
        drainScheduled.set(false);
        drain();
    }

    private void drain() {
        lastDrain = System.nanoTime();
        List<BatchPoint> points = new ArrayList<>();
        batchBuffer = points;
        try {
            for (TrainingEvent e = pending.poll(); e != null; e = pending.poll()) {
                handle(e);
            }
        } finally {
            batchBuffer = null;
        }
        batchLosses.addAll(points);
    }

    /** Turns one core event into the window's state; runs on the UI thread (tests call it directly). */
    public void handle(TrainingEvent event) {
        KerasLog.write(event, logSink);
        if (event instanceof TrainingEvent.BatchEnd b) {
                BatchPoint point = new BatchPoint(b.epoch() - 1 + (double) b.batch() / b.batches(), b.batchLoss());
                if (batchBuffer != null) {
                    batchBuffer.add(point);
                } else {
                    batchLosses.add(point);
                }
                progress.set((b.epoch() - 1 + (double) b.batch() / b.batches()) / b.epochs());
                if (phase.get() != Phase.STOPPING) {
                    progressText.set(String.format(Locale.ROOT, "Epoch %d/%d · batch %d/%d · loss %.4f",
                            b.epoch(), b.epochs(), b.batch(), b.batches(), b.loss()));
                }
        } else if (event instanceof TrainingEvent.EpochEnd e) {
                epochs.add(e.metrics());
                bestEpoch.set(RunResult.bestValidationEpoch(epochs).orElse(0));
        } else if (event instanceof TrainingEvent.Finished f) {
                progress.set(1);
                progressText.set("Finished" + (Double.isNaN(f.result().testAccuracy()) ? ""
                        : String.format(Locale.ROOT, " · test accuracy %.4f", f.result().testAccuracy())));
        } else if (event instanceof TrainingEvent.Cancelled c) {
                progressText.set("Stopped after " + c.result().epochs().size() + " epochs");
        } else if (event instanceof TrainingEvent.Failed f) {
                progressText.set("Failed: " + f.message());
                failure.set("Training failed: " + f.message());
                failureDetails.set(f.cause() == null ? "" : Failures.details(f.cause()));
        }
    }

    /** The log list as the Keras log's sink: a progress line is redrawn in place until a whole line takes it over. */
    private final KerasLog.Sink logSink = new KerasLog.Sink() {
        @Override
        public void line(String text) {
            put(text);
            progressLineOpen = false;
        }

        @Override
        public void progress(String text) {
            put(text);
            progressLineOpen = true;
        }

        private void put(String text) {
            if (progressLineOpen && !log.isEmpty()) {
                log.set(log.size() - 1, text);
            } else {
                log.add(text);
            }
        }
    };

    private void closeProgressLine() {
        progressLineOpen = false;
    }

    public ObservableList<EpochMetrics> epochs() { return epochsView; }
    public ObservableList<BatchPoint> batchLosses() { return batchLossesView; }
    public ObservableList<String> log() { return logView; }
    public ReadOnlyObjectProperty<Phase> phaseProperty() { return phase.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty progressTextProperty() { return progressText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty runNameProperty() { return runName.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty bestEpochProperty() { return bestEpoch.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty queuedProperty() { return queued.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty totalEpochsProperty() { return totalEpochs.getReadOnlyProperty(); }
    /** The last failure in full ("Training failed: ..." naming what and what to do); empty when none. */
    public ReadOnlyStringProperty failureProperty() { return failure.getReadOnlyProperty(); }
    /** The technical cause chain behind {@link #failureProperty()}, for a Details view. */
    public ReadOnlyStringProperty failureDetailsProperty() { return failureDetails.getReadOnlyProperty(); }
    /** True while a run that trained but could not be saved is kept for {@link #saveAgain()}. */
    public ReadOnlyBooleanProperty canSaveAgainProperty() { return canSaveAgain.getReadOnlyProperty(); }
}
