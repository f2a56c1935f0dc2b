package org.flattenexplorer.ui.hidden;

import org.flattenexplorer.inspect.Inspection;
import org.flattenexplorer.lesson.Highlight;

/** The block of rows a highlight frames in one review: its padding, its words, or the row the Dense layer reads. */
final class FramedRows {
    private FramedRows() {}

    /** {first row, last row}, or {-1, -1} when there is nothing to frame. */
    static int[] of(Highlight highlight, Inspection in) {
        boolean[] padding = in.review().padding();
        return switch (highlight == null ? Highlight.NONE : highlight) {
            case NONE -> new int[] {-1, -1};
            case PADDING -> block(padding, true);
            case WORDS -> block(padding, false);
            case LAST_ROW -> in.lastStateRow() >= 0 ? new int[] {in.lastStateRow(), in.lastStateRow()}
                    : new int[] {padding.length - 1, padding.length - 1};
        };
    }

    /** The first to the last row whose padding flag is {@code wanted} (padding is one block, before or after). */
    private static int[] block(boolean[] padding, boolean wanted) {
        int first = -1;
        int last = -1;
        for (int t = 0; t < padding.length; t++) {
            if (padding[t] == wanted) {
                first = first < 0 ? t : first;
                last = t;
            }
        }
        return new int[] {first, last};
    }
}
