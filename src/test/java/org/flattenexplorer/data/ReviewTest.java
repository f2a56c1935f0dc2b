package org.flattenexplorer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReviewTest {

    @Test
    void positiveReviewHasLabelValueOne() {
        assertThat(new Review("train", "pos", 2, 9, "good").labelValue()).isEqualTo(1);
    }

    @Test
    void negativeReviewHasLabelValueZero() {
        assertThat(new Review("train", "neg", 8, 4, "bad").labelValue()).isZero();
    }

    @Test
    void fileNameIsIdUnderscoreRating() {
        assertThat(new Review("test", "pos", 12345, 10, "x").fileName()).isEqualTo("12345_10.txt");
    }

    @Test
    void relativePathFollowsAclImdbLayout() {
        assertThat(new Review("test", "neg", 7, 1, "x").relativePath()).isEqualTo("test/neg/7_1.txt");
    }

    @Test
    void unknownLabelIsRejected() {
        assertThatThrownBy(() -> new Review("train", "unsup", 1, 0, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsup");
    }
}
