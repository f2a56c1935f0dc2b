package org.flattenexplorer.lesson;

import org.flattenexplorer.data.EncodedSplit;

/**
 * Which validation review a step shows: a fixed row, or the first review short enough that at least half of
 * its padded length is padding (so the padding's part in the picture is visible on any data).
 */
public record ReviewChoice(int index, boolean firstPadded) {
    public static final ReviewChoice FIRST = new ReviewChoice(0, false);
    public static final ReviewChoice FIRST_PADDED = new ReviewChoice(0, true);

    /** "first-padded", or a row number. */
    public static ReviewChoice parse(String text) {
        if (text == null || text.isBlank() || text.equals("first")) {
            return FIRST;
        }
        if (text.equals("first-padded")) {
            return FIRST_PADDED;
        }
        try {
            int row = Integer.parseInt(text.strip());
            if (row < 0) {
                throw new NumberFormatException();
            }
            return new ReviewChoice(row, false);
        } catch (NumberFormatException e) {
            throw new LessonFormatException("review must be \"first\", \"first-padded\" or a row number, not '" + text + "'");
        }
    }

    /** The row of the split, always a valid one for a non-empty split. */
    public int pick(EncodedSplit split) {
        if (!firstPadded) {
            return Math.min(index, split.size() - 1);
        }
        int[][] tokens = split.tokens();
        for (int row = 0; row < tokens.length; row++) {
            int padding = 0;
            for (int token : tokens[row]) {
                padding += token == 0 ? 1 : 0;
            }
            if (padding * 2 >= tokens[row].length) {
                return row;
            }
        }
        return 0;
    }
}
