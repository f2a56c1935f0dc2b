package org.flattenexplorer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EncodedSplitTest {
    private static final List<Review> TWO = List.of(new Review("train", "pos", 1, 9, "a b"),
            new Review("train", "neg", 2, 1, "c"));

    private static EncodedSplit split(int[][] tokens) {
        return new EncodedSplit(TWO, tokens, new int[] {1, 0});
    }

    @Test
    void maskIsOneOnTokensAndZeroOnPadding() {
        EncodedSplit s = split(new int[][] {{5, 6, 0, 0}, {0, 0, 0, 7}});
        assertThat(s.mask()[0]).containsExactly(1f, 1f, 0f, 0f);
        assertThat(s.mask()[1]).containsExactly(0f, 0f, 0f, 1f);
    }

    @Test
    void realLengthCountsNonPaddingPositions() {
        EncodedSplit s = split(new int[][] {{5, 6, 0, 0}, {0, 0, 0, 7}});
        assertThat(s.realLength(0)).isEqualTo(2);
        assertThat(s.realLength(1)).isEqualTo(1);
    }

    @Test
    void sizeAndMaxlenDescribeTheMatrix() {
        EncodedSplit s = split(new int[][] {{5, 6, 0}, {7, 0, 0}});
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.maxlen()).isEqualTo(3);
        assertThat(s.positives()).isEqualTo(1);
    }

    @Test
    void mismatchedLengthsAreRejected() {
        assertThatThrownBy(() -> new EncodedSplit(TWO, new int[1][3], new int[2]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
