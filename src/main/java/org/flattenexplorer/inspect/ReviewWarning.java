package org.flattenexplorer.inspect;

import java.util.Optional;

/**
 * The review a model was shown has no word it knows (empty text, only unknown words, only control characters):
 * the LSTM then reads padding only and P(positive) is its answer for an empty review, which looks like a
 * verdict unless it is said.
 */
public final class ReviewWarning {
    private ReviewWarning() {}

    public static Optional<String> of(String text, EncodedReview review) {
        if (review.lastWordPosition() >= 0) {
            return Optional.empty();
        }
        long words = text == null ? 0 : text.codePoints().filter(Character::isLetterOrDigit).count() == 0 ? 0
                : text.strip().split("[^\\p{L}\\p{N}']+").length;
        String what = words == 0 ? "the review has no words"
                : "none of the review's " + words + " words is in the model's vocabulary";
        return Optional.of(what + ", so the model reads only padding and P(positive) is its answer for an empty "
                + "review: give a review with words it was trained on");
    }
}
