package org.flattenexplorer.lesson;

/** The region of the hidden-state matrix a step points at (a frame drawn over the heatmap's rows). */
public enum Highlight {
    NONE,
    /** The rows of the review's words. */
    WORDS,
    /** The rows of the padding. */
    PADDING,
    /** The one row the Dense layer reads in a last-state model. */
    LAST_ROW
}
