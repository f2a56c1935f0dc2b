package org.flattenexplorer.model;

import java.util.ArrayList;
import java.util.List;
import org.flattenexplorer.data.RangeCheck;

/**
 * How the model is fitted: Adam's learning rate, the mini-batch, the epochs and the seed of the initial weights, the
 * dropout masks and the shuffling (the data split has its own seed, in the preprocessing).
 */
public record TrainingSettings(double lr, int batch, int epochs, long seed) {

    /** Upper bounds that keep one run inside a desktop's memory and time; beyond them the numbers are a typo. */
    static final int MAX_BATCH = 4096;
    static final int MAX_EPOCHS = 500;

    /** The question's: Adam(1e-3), batch 32, 7 epochs, seed 42. */
    public static TrainingSettings question() {
        return new TrainingSettings(1e-3, 32, 7, 42);
    }

    /** Why these settings cannot be used, in the user's terms. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        RangeCheck.check(problems, "batch size", batch, 1, MAX_BATCH, "");
        RangeCheck.check(problems, "epochs", epochs, 1, MAX_EPOCHS, "");
        if (!(lr > 0 && lr <= 1)) {
            problems.add("learning rate must be above 0 and at most 1 (got " + lr + ")");
        }
        return problems;
    }
}
