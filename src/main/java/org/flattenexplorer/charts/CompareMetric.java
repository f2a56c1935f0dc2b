package org.flattenexplorer.charts;

import java.util.function.ToDoubleFunction;
import org.flattenexplorer.training.EpochMetrics;

/** What the comparison chart plots per epoch. */
public enum CompareMetric {
    VAL_ACCURACY("val_accuracy", EpochMetrics::valAccuracy, true),
    ACCURACY("accuracy", EpochMetrics::accuracy, true),
    VAL_LOSS("val_loss", EpochMetrics::valLoss, false),
    LOSS("loss", EpochMetrics::loss, false);

    private final String title;
    private final ToDoubleFunction<EpochMetrics> value;
    private final boolean accuracy;

    CompareMetric(String title, ToDoubleFunction<EpochMetrics> value, boolean accuracy) {
        this.title = title;
        this.value = value;
        this.accuracy = accuracy;
    }

    public ToDoubleFunction<EpochMetrics> value() {
        return value;
    }

    public boolean isAccuracy() {
        return accuracy;
    }

    @Override
    public String toString() {
        return title;
    }
}
