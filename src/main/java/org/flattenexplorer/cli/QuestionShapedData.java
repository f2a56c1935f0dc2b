package org.flattenexplorer.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.flattenexplorer.data.EncodedSplit;
import org.flattenexplorer.data.Padding;
import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.data.Preprocessing;
import org.flattenexplorer.data.Review;
import org.flattenexplorer.data.Sequences;
import org.flattenexplorer.data.Vocabulary;
import org.flattenexplorer.model.ExperimentSpec;

/**
 * Synthetic token ids with the question's shape for the benchmark: the question's vocabulary size (37,252, so the
 * embedding and its Adam update cost what they cost there), IMDB-like review lengths, post padding to maxlen.
 * The LSTM's cost does not depend on the words, only on these shapes.
 */
final class QuestionShapedData {
    static final int VOCAB = 37_252;

    private QuestionShapedData() {}

    static PreparedDataset create(ExperimentSpec spec) {
        Preprocessing p = spec.data();
        Random random = new Random(p.seed());
        return new PreparedDataset(split("train", spec.data().trainSize(), spec, random),
                split("train", spec.data().valSize(), spec, random), split("test", 0, spec, random),
                new IdVocabulary(), p, "synthetic-ids-" + p.seed(), "synthetic token ids (question's shape)");
    }

    private static EncodedSplit split(String name, int n, ExperimentSpec spec, Random random) {
        List<Review> reviews = new ArrayList<>();
        int[][] tokens = new int[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int length = 50 + random.nextInt(600); // IMDB reviews: tens to many hundreds of words
            int[] ids = new int[length];
            for (int t = 0; t < length; t++) {
                ids[t] = 1 + random.nextInt(VOCAB - 1);
            }
            labels[i] = i % 2;
            tokens[i] = Sequences.pad(ids, spec.data().maxlen(), spec.data().padding(), Padding.PRE);
            reviews.add(new Review(name, labels[i] == 1 ? Review.POS : Review.NEG, i, labels[i] == 1 ? 8 : 2, ""));
        }
        return new EncodedSplit(reviews, tokens, labels);
    }

    /** Ids are words: nothing to encode, 37,252 rows in the embedding. */
    private static final class IdVocabulary implements Vocabulary {
        @Override
        public int[] encode(String text) {
            return new int[0];
        }

        @Override
        public String word(int index) {
            return index == 0 ? PAD : "w" + index;
        }

        @Override
        public int inputDim() {
            return VOCAB;
        }

        @Override
        public String describe() {
            return "synthetic ids, " + VOCAB;
        }

        @Override
        public String toJson() {
            return "{}";
        }
    }
}
