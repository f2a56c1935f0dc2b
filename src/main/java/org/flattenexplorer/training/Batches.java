package org.flattenexplorer.training;

import org.flattenexplorer.data.EncodedSplit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns rows of an encoded split into the arrays DL4J takes: token ids [batch, T] as floats (what
 * EmbeddingSequenceLayer reads), labels [batch, 1], and with masking the features mask [batch, T].
 */
public final class Batches {
    private Batches() {}

    public static INDArray features(EncodedSplit split, int[] rows) {
        int maxlen = split.maxlen();
        float[][] x = new float[rows.length][maxlen];
        for (int i = 0; i < rows.length; i++) {
            int[] tokens = split.tokens()[rows[i]];
            for (int t = 0; t < maxlen; t++) {
                x[i][t] = tokens[t];
            }
        }
        return Nd4j.createFromArray(x);
    }

    /** 1 where the position holds a word, 0 on padding; null when the model does not mask. */
    public static INDArray mask(EncodedSplit split, int[] rows, boolean masking) {
        if (!masking) {
            return null;
        }
        int maxlen = split.maxlen();
        float[][] m = new float[rows.length][maxlen];
        for (int i = 0; i < rows.length; i++) {
            int[] tokens = split.tokens()[rows[i]];
            for (int t = 0; t < maxlen; t++) {
                m[i][t] = tokens[t] != 0 ? 1f : 0f;
            }
        }
        return Nd4j.createFromArray(m);
    }

    public static INDArray labels(EncodedSplit split, int[] rows) {
        float[][] y = new float[rows.length][1];
        for (int i = 0; i < rows.length; i++) {
            y[i][0] = split.labels()[rows[i]];
        }
        return Nd4j.createFromArray(y);
    }

    public static DataSet dataSet(EncodedSplit split, int[] rows, boolean masking) {
        return new DataSet(features(split, rows), labels(split, rows), mask(split, rows, masking), null);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) of an ordering. */
    public static int[] slice(int[] order, int from, int to) {
        int[] rows = new int[to - from];
        System.arraycopy(order, from, rows, 0, rows.length);
        return rows;
    }

    public static int[] identity(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }

    public static int count(int size, int batchSize) {
        return (size + batchSize - 1) / batchSize;
    }
}
