package org.flattenexplorer.cli;

import java.io.PrintStream;
import org.flattenexplorer.training.KerasLog;
import org.flattenexplorer.training.TrainingEvent;
import org.flattenexplorer.training.TrainingListener;

/**
 * Prints a run's Keras log ({@link KerasLog}); redraws the batch bar in place only on a terminal (a redirected
 * output keeps the whole lines, as Keras's own log does).
 */
final class ConsoleProgress implements TrainingListener, KerasLog.Sink {
    private final PrintStream out;
    private final boolean terminal;
    private boolean progressShown;

    ConsoleProgress(PrintStream out) {
        this.out = out;
        this.terminal = System.console() != null;
    }

    @Override
    public void onEvent(TrainingEvent event) {
        KerasLog.write(event, this);
    }

    @Override
    public void line(String text) {
        out.println((progressShown ? "\r" : "") + text);
        progressShown = false;
    }

    @Override
    public void progress(String text) {
        if (terminal) {
            out.print("\r" + text);
            out.flush();
            progressShown = true;
        }
    }
}
