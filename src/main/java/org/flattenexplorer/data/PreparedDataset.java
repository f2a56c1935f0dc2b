package org.flattenexplorer.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The encoded train, validation and test splits with what produced them.
 *
 * @param identity short SHA-256 of the chosen reviews, the settings and the vocabulary: runs
 *                 with equal identities saw exactly the same data
 * @param source   where the reviews came from, for people (a folder, or "synthetic")
 * @param testPool what the test reviews were sampled from, in words ("the test folder", "test.csv")
 * @param notes    what the user should know about the reading (bad rows skipped, with their lines)
 */
public record PreparedDataset(EncodedSplit train, EncodedSplit validation, EncodedSplit test,
        Vocabulary vocabulary, Preprocessing preprocessing, String identity, String source, String testPool,
        List<String> notes) {

    public PreparedDataset {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(vocabulary, "vocabulary");
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(testPool, "testPool");
        notes = List.copyOf(notes);
    }

    /** An aclImdb folder's (or a generated set's) reviews: the test reviews come from its test folder. */
    public PreparedDataset(EncodedSplit train, EncodedSplit validation, EncodedSplit test, Vocabulary vocabulary,
            Preprocessing preprocessing, String identity, String source) {
        this(train, validation, test, vocabulary, preprocessing, identity, source, "the test folder", List.of());
    }

    /** Every note for a run asking {@code askedTest} test reviews: the reading's, then {@link #testNote}'s. */
    public List<String> notes(int askedTest) {
        List<String> all = new ArrayList<>(notes);
        testNote(askedTest).ifPresent(all::add);
        return all;
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
            return Optional.of(testPool + " holds no reviews: the test accuracy is not measured (" + source + ")");
        }
        if (test.size() < asked) {
            return Optional.of(testPool + " holds only " + test.size() + " reviews: testing on all " + test.size()
                    + " instead of the " + asked + " asked (" + source + ")");
        }
        return Optional.empty();
    }

    /**
     * The same reviews encoded by another model's vocabulary and padding (an imported Keras model's tokenizer), so
     * its views read the reviews in its own token ids; the identity says so.
     */
    public PreparedDataset encodedWith(Vocabulary other, Preprocessing p) {
        return new PreparedDataset(EncodedSplit.encode(train.reviews(), other, p),
                EncodedSplit.encode(validation.reviews(), other, p), EncodedSplit.encode(test.reviews(), other, p),
                other, p, identity + "+" + Integer.toHexString(other.describe().hashCode()), source, testPool, notes);
    }
}
