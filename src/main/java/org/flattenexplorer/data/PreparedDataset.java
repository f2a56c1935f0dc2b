package org.flattenexplorer.data;

import java.util.Objects;
import java.util.Optional;

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

    /**
     * What the user should know about the test split before reading a test accuracy: none asked, none found, or
     * fewer found than asked (then all are used, and the real number is what runs record); empty when as asked.
     */
    public Optional<String> testNote(int asked) {
        if (asked == 0) {
            return Optional.of("no test reviews asked (test size 0): the test accuracy is not measured");
        }
        if (test.size() == 0) {
            return Optional.of("the test folder holds no reviews: the test accuracy is not measured (" + source + ")");
        }
        if (test.size() < asked) {
            return Optional.of("the test folder holds only " + test.size() + " reviews: testing on all " + test.size()
                    + " instead of the " + asked + " asked (" + source + ")");
        }
        return Optional.empty();
    }
}
