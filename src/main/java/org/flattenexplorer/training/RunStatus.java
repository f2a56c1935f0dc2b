package org.flattenexplorer.training;

/** How a run ended. */
public enum RunStatus {
    FINISHED,
    CANCELLED
}
