package org.flattenexplorer.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.flattenexplorer.data.EncodedSplit;
import org.flattenexplorer.data.PreparedDataset;

/**
 * The token ids and labels the bench's workers train and validate on, written for the PyTorch peer as the files
 * {@code seed_model.py --data DIR} reads ({@code x_train.npy}, {@code y_train.npy}, {@code x_val.npy},
 * {@code y_val.npy}; int32), so both sides train on the same rows, padding included: the app's kernels skip work on
 * padding, and the peer's own random ids have none.
 *
 * @param train      training rows written
 * @param validation validation rows written
 * @param vocabulary the peer's {@code --vocab}: the app's embedding rows, and always more than the largest id
 * @param source     where the rows came from, in words (the dataset's source)
 */
record PeerData(int train, int validation, int vocabulary, String source) {
    static final String X_TRAIN = "x_train.npy";
    static final String Y_TRAIN = "y_train.npy";
    static final String X_VAL = "x_val.npy";
    static final String Y_VAL = "y_val.npy";

    /** Writes the dataset's train and validation splits into {@code dir} (an existing folder). */
    static PeerData write(PreparedDataset dataset, Path dir) throws IOException {
        int maxlen = dataset.preprocessing().maxlen();
        write(dataset.train(), maxlen, dir.resolve(X_TRAIN), dir.resolve(Y_TRAIN));
        // seed_model.py takes the largest id of x_val too, which fails on an empty array: no files, no validation
        if (dataset.validation().size() > 0) {
            write(dataset.validation(), maxlen, dir.resolve(X_VAL), dir.resolve(Y_VAL));
        }
        int largest = Math.max(largestId(dataset.train()), largestId(dataset.validation()));
        return new PeerData(dataset.train().size(), dataset.validation().size(),
                Math.max(dataset.vocabulary().inputDim(), largest + 1), dataset.source());
    }

    /** What the peer trained on, for the bench's report. */
    String describe() {
        return "the bench's own token ids (" + train + " train, " + validation + " validation; " + source + ")";
    }

    private static void write(EncodedSplit split, int maxlen, Path ids, Path labels) throws IOException {
        NpyInt32Writer.matrix(ids, split.tokens(), maxlen);
        NpyInt32Writer.vector(labels, split.labels()); // 0/1; the peer makes float targets of them
    }

    private static int largestId(EncodedSplit split) {
        int largest = 0;
        for (int[] row : split.tokens()) {
            for (int id : row) {
                largest = Math.max(largest, id);
            }
        }
        return largest;
    }
}
