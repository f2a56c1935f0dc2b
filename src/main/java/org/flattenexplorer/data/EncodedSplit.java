package org.flattenexplorer.data;

import java.util.List;
import java.util.Objects;

/**
 * One split ready for a network: row i of {@code tokens} is review i padded to maxlen, and
 * {@code labels[i]} its target. Arrays are shared, not copied: treat them as read-only.
 */
public record EncodedSplit(List<Review> reviews, int[][] tokens, int[] labels) {

    public EncodedSplit {
        reviews = List.copyOf(reviews);
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(labels, "labels");
        if (tokens.length != reviews.size() || labels.length != reviews.size()) {
            throw new IllegalArgumentException("reviews, tokens and labels differ in length: "
                    + reviews.size() + "/" + tokens.length + "/" + labels.length);
        }
    }

    /** Encodes and pads reviews with a vocabulary. */
    static EncodedSplit encode(List<Review> reviews, Vocabulary vocabulary, Preprocessing p) {
        int[][] tokens = new int[reviews.size()][];
        int[] labels = new int[reviews.size()];
        for (int i = 0; i < reviews.size(); i++) {
            Review r = reviews.get(i);
            tokens[i] = Sequences.pad(vocabulary.encode(r.text()), p.maxlen(), p.padding(), p.truncating());
            labels[i] = r.labelValue();
        }
        return new EncodedSplit(reviews, tokens, labels);
    }

    public int size() {
        return reviews.size();
    }

    /** The padded length T (0 for an empty split). */
    public int maxlen() {
        return tokens.length == 0 ? 0 : tokens[0].length;
    }

    /** The features mask, [n][maxlen]: 1 where a real token sits, 0 on padding (index 0). */
    public float[][] mask() {
        float[][] mask = new float[tokens.length][];
        for (int i = 0; i < tokens.length; i++) {
            mask[i] = new float[tokens[i].length];
            for (int t = 0; t < tokens[i].length; t++) {
                mask[i][t] = tokens[i][t] != 0 ? 1f : 0f;
            }
        }
        return mask;
    }

    /** Real tokens of review i after truncation: no vocabulary encodes a token as 0. */
    public int realLength(int i) {
        int n = 0;
        for (int token : tokens[i]) {
            if (token != 0) {
                n++;
            }
        }
        return n;
    }

    /** Positive reviews in this split. */
    public int positives() {
        int n = 0;
        for (int label : labels) {
            n += label;
        }
        return n;
    }
}
