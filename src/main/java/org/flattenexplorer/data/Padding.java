package org.flattenexplorer.data;

/** Where {@code pad_sequences} adds zeros (or cuts tokens): before the review or after it. */
public enum Padding {
    PRE,
    POST
}
