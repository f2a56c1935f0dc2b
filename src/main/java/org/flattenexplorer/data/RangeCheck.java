package org.flattenexplorer.data;

import java.util.List;

/** The one wording of "must be between" for the problems of every part of an experiment's spec. */
public final class RangeCheck {
    private RangeCheck() {}

    public static void check(List<String> problems, String what, int value, int min, int max, String unit) {
        if (value < min || value > max) {
            problems.add(what + " must be between " + min + " and " + max + (unit.isEmpty() ? "" : " " + unit)
                    + " (got " + value + ")");
        }
    }
}
