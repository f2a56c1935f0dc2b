package org.flattenexplorer.cli;

import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.training.RunInfo;
import org.flattenexplorer.training.RunResult;
import org.flattenexplorer.training.RunStatus;
import org.flattenexplorer.training.TrainingEvent;
import org.flattenexplorer.training.TrainingListener;
import org.flattenexplorer.training.TrainingRun;

/** Trains one spec on prepared data for a command, turning a failed run into a one-line error. */
final class RunLauncher {
    private RunLauncher() {}

    /** A finished run with what is needed to save or report it. */
    record Outcome(TrainingRun run, RunResult result) {
        RunInfo info(String name) {
            return RunInfo.of(name, result, run.spec(), run.data());
        }
    }

    static Outcome train(ExperimentSpec spec, PreparedDataset data, TrainingListener listener) {
        TrainingRun run = new TrainingRun(spec, data);
        String[] failure = new String[1];
        RunResult result = run.run(event -> {
            if (event instanceof TrainingEvent.Failed f) {
                failure[0] = f.message();
            }
            listener.onEvent(event);
        });
        if (result == null) {
            throw new CliException("training failed: " + failure[0]);
        }
        if (result.status() != RunStatus.FINISHED) {
            throw new CliException("training was cancelled");
        }
        return new Outcome(run, result);
    }
}
