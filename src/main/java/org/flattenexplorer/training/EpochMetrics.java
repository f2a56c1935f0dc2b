package org.flattenexplorer.training;

/**
 * One epoch as Keras reports it: {@code loss} and {@code accuracy} are running means over the epoch's
 * training batches (computed in training mode, dropout on); the {@code val_} pair is measured after the epoch.
 *
 * @param epoch   1-based
 * @param seconds training + validation wall time
 */
public record EpochMetrics(int epoch, double loss, double accuracy, double valLoss, double valAccuracy,
                           double seconds) {}
