package org.flattenexplorer.data;

import java.util.Objects;

/** Keras's {@code pad_sequences} for one sequence, with padding value 0. */
public final class Sequences {
    private Sequences() {}

    /**
     * A sequence of exactly {@code maxlen} indices: too long ones lose their first
     * ({@code truncating=PRE}) or last ({@code POST}) tokens, short ones get zeros before
     * ({@code padding=PRE}) or after ({@code POST}) them.
     */
    public static int[] pad(int[] seq, int maxlen, Padding padding, Padding truncating) {
        Objects.requireNonNull(seq, "seq");
        Objects.requireNonNull(padding, "padding");
        Objects.requireNonNull(truncating, "truncating");
        if (maxlen < 1) {
            throw new IllegalArgumentException("maxlen must be at least 1: " + maxlen);
        }
        int kept = Math.min(seq.length, maxlen);
        int from = truncating == Padding.PRE ? seq.length - kept : 0;
        int to = padding == Padding.PRE ? maxlen - kept : 0;
        int[] out = new int[maxlen];
        System.arraycopy(seq, from, out, to, kept);
        return out;
    }
}
