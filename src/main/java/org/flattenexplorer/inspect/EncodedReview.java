package org.flattenexplorer.inspect;

import org.flattenexplorer.data.Sequences;
import org.flattenexplorer.data.Vocabulary;
import org.flattenexplorer.model.ExperimentSpec;

/**
 * One review as the model sees it: T token ids after tokenizing and padding, the word at each position,
 * and which positions are padding.
 */
public record EncodedReview(int[] tokens, String[] words, boolean[] padding) {

    public static EncodedReview of(String text, Vocabulary vocabulary, ExperimentSpec spec) {
        return ofTokens(Sequences.pad(vocabulary.encode(text), spec.data().maxlen(), spec.data().padding(),
                spec.data().truncating()),
                vocabulary);
    }

    /** From already padded token ids (a row of an encoded split). */
    public static EncodedReview ofTokens(int[] tokens, Vocabulary vocabulary) {
        String[] words = new String[tokens.length];
        boolean[] padding = new boolean[tokens.length];
        for (int t = 0; t < tokens.length; t++) {
            padding[t] = tokens[t] == 0;
            words[t] = padding[t] ? "<pad>" : vocabulary.word(tokens[t]);
        }
        return new EncodedReview(tokens.clone(), words, padding);
    }

    /** The review in the opposite order: what a go_backwards layer reads, last position first. */
    public EncodedReview reversed() {
        int n = tokens.length;
        int[] t = new int[n];
        String[] w = new String[n];
        boolean[] p = new boolean[n];
        for (int i = 0; i < n; i++) {
            t[i] = tokens[n - 1 - i];
            w[i] = words[n - 1 - i];
            p[i] = padding[n - 1 - i];
        }
        return new EncodedReview(t, w, p);
    }

    public int length() {
        return tokens.length;
    }

    /** Position of the last real word, -1 for an all-padding review. */
    public int lastWordPosition() {
        for (int t = tokens.length - 1; t >= 0; t--) {
            if (!padding[t]) {
                return t;
            }
        }
        return -1;
    }

    public int paddingCount() {
        int n = 0;
        for (boolean p : padding) {
            if (p) {
                n++;
            }
        }
        return n;
    }
}
