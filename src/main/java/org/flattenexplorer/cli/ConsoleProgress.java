package org.flattenexplorer.cli;

import java.io.PrintStream;
import org.flattenexplorer.training.KerasProgress;
import org.flattenexplorer.training.TrainingEvent;
import org.flattenexplorer.training.TrainingListener;

/** Prints a run's events as Keras does; redraws the batch bar in place only on a terminal. */
final class ConsoleProgress implements TrainingListener {
    private final PrintStream out;
    private final boolean terminal;

    ConsoleProgress(PrintStream out) {
        this.out = out;
        this.terminal = System.console() != null;
    }

    @Override
    public void onEvent(TrainingEvent event) {
        if (event instanceof TrainingEvent.BatchEnd b) {
            if (b.batch() == 1) {
                out.println(KerasProgress.epochHeader(b.epoch(), b.epochs()));
            }
            if (terminal) {
                out.print("\r" + KerasProgress.batchLine(b.batch(), b.batches(), b.loss(), b.accuracy()));
                out.flush();
            }
        } else if (event instanceof TrainingEvent.EpochEnd e) {
            out.println((terminal ? "\r" : "") + KerasProgress.epochLine(e.metrics(), e.batches()));
        } else if (event instanceof TrainingEvent.Cancelled) {
            out.println("cancelled");
        }
    }
}
