package org.flattenexplorer.training;

import java.util.Locale;

/**
 * The Keras-style log of a run, defined once for the window, the CLI and the self-test: an epoch header, a
 * progress bar redrawn batch by batch, the epoch's closing line with val_loss and val_accuracy, and how the run
 * ended. Where the lines go is the {@link Sink}'s business (a list that replaces its last line, a terminal that
 * redraws with a carriage return, a plain stream that keeps only the closing lines).
 */
public final class KerasLog {

    /** Receives the log: whole lines, and a progress line the next call replaces. */
    public interface Sink {
        /** A line that stays (after the open progress line, if any, is replaced by it). */
        void line(String text);

        /** A progress line: the next {@link #progress} or {@link #line} call takes its place. */
        void progress(String text);
    }

    private KerasLog() {}

    public static void write(TrainingEvent event, Sink sink) {
        if (event instanceof TrainingEvent.BatchEnd b) {
            if (b.batch() == 1) {
                sink.line(KerasProgress.epochHeader(b.epoch(), b.epochs()));
            }
            if (b.batch() < b.batches()) {
                sink.progress(KerasProgress.batchLine(b.batch(), b.batches(), b.loss(), b.accuracy()));
            }
        } else if (event instanceof TrainingEvent.EpochEnd e) {
            sink.line(KerasProgress.epochLine(e.metrics(), e.batches()));
        } else if (event instanceof TrainingEvent.Finished f) {
            sink.line(finished(f.result()));
        } else if (event instanceof TrainingEvent.Cancelled c) {
            sink.line("Stopped after " + c.result().epochs().size() + " complete epochs; kept as a cancelled run.");
        } else if (event instanceof TrainingEvent.Failed f) {
            sink.line("Training failed: " + f.message());
        }
    }

    static String finished(RunResult r) {
        String test = Double.isNaN(r.testAccuracy()) ? ""
                : String.format(Locale.ROOT, " · test accuracy %.4f", r.testAccuracy());
        return String.format(Locale.ROOT, "Finished in %.0f s · best val_accuracy %.4f (epoch %d)%s", r.seconds(),
                r.bestValidationAccuracy(), r.bestValidationEpoch().orElse(0), test);
    }
}
