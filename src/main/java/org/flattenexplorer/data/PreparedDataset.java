package org.flattenexplorer.data;

import java.util.Objects;

/**
 * The encoded train, validation and test splits with what produced them.
 *
 * @param identity short SHA-256 of the chosen reviews, the settings and the vocabulary: runs
 *                 with equal identities saw exactly the same data
 * @param source   where the reviews came from, for people (a folder, or "synthetic")
 */
public record PreparedDataset(EncodedSplit train, EncodedSplit validation, EncodedSplit test,
        Vocabulary vocabulary, Preprocessing preprocessing, String identity, String source) {

    public PreparedDataset {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(vocabulary, "vocabulary");
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(source, "source");
    }
}
