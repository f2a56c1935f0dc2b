package org.flattenexplorer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Keras pad_sequences(value=0) for every padding/truncating pair, worked out by hand. */
class SequencesTest {
    private static final int[] SHORT = {1, 2, 3};
    private static final int[] LONG = {1, 2, 3, 4, 5, 6, 7};

    @ParameterizedTest(name = "padding={0} truncating={1}")
    @CsvSource({"PRE,PRE", "PRE,POST", "POST,PRE", "POST,POST"})
    void shortSequenceIsPaddedOnThePaddingSide(Padding padding, Padding truncating) {
        int[] expected = padding == Padding.PRE ? new int[] {0, 0, 1, 2, 3} : new int[] {1, 2, 3, 0, 0};
        assertThat(Sequences.pad(SHORT, 5, padding, truncating)).containsExactly(expected);
    }

    @ParameterizedTest(name = "padding={0} truncating={1}")
    @CsvSource({"PRE,PRE", "PRE,POST", "POST,PRE", "POST,POST"})
    void longSequenceIsCutOnTheTruncatingSide(Padding padding, Padding truncating) {
        int[] expected = truncating == Padding.PRE ? new int[] {4, 5, 6, 7} : new int[] {1, 2, 3, 4};
        assertThat(Sequences.pad(LONG, 4, padding, truncating)).containsExactly(expected);
    }

    @Test
    void sequenceOfExactlyMaxlenIsUnchanged() {
        assertThat(Sequences.pad(SHORT, 3, Padding.PRE, Padding.PRE)).containsExactly(1, 2, 3);
    }

    @Test
    void emptySequenceBecomesAllPadding() {
        assertThat(Sequences.pad(new int[0], 3, Padding.POST, Padding.POST)).containsExactly(0, 0, 0);
    }

    @Test
    void inputIsNotModified() {
        int[] seq = {5, 6, 7};
        Sequences.pad(seq, 2, Padding.PRE, Padding.PRE);
        assertThat(seq).containsExactly(5, 6, 7);
    }

    @Test
    void maxlenBelowOneIsRejected() {
        assertThatThrownBy(() -> Sequences.pad(SHORT, 0, Padding.PRE, Padding.PRE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
