package org.flattenexplorer.data;

/** Where {@code pad_sequences} adds zeros or cuts tokens: before (Keras's default) or after. */
public enum Padding {
    PRE,
    POST;

    /** Keras's spelling: "pre" or "post". */
    public String kerasName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
