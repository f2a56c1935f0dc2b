package org.flattenexplorer.training;

/** What a {@link TrainingRun} reports, in order, on its own thread. */
public sealed interface TrainingEvent {

    /** After every training batch; {@code loss}/{@code accuracy} are the epoch's running means so far. */
    record BatchEnd(int epoch, int epochs, int batch, int batches, double batchLoss, double loss,
                    double accuracy) implements TrainingEvent {}

    /** After the validation pass of an epoch. */
    record EpochEnd(EpochMetrics metrics, int epochs, int batches) implements TrainingEvent {}

    /** All epochs done; the result holds the held-out test accuracy. */
    record Finished(RunResult result) implements TrainingEvent {}

    /** Stopped by the user; the result keeps every completed epoch and the weights learnt so far. */
    record Cancelled(RunResult result) implements TrainingEvent {}

    /** Something broke; {@code message} names it for the user. */
    record Failed(String message, Throwable cause) implements TrainingEvent {}
}
