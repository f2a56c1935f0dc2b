package org.flattenexplorer.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Indices worked out by hand from Keras's Tokenizer.fit_on_texts / texts_to_sequences. */
class FittedVocabularyTest {
    // Counts: the 4, cat 2, then sat, on, mat, dog, ate once each in first-occurrence order.
    private static final List<String> TEXTS = List.of("The cat sat on the mat.", "The dog ate the cat!");

    @Test
    void indicesFollowCountThenFirstOccurrence() {
        FittedVocabulary v = FittedVocabulary.fit(TEXTS, OptionalInt.empty());
        assertThat(v.encode("the cat sat on mat dog ate")).containsExactly(1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void tiedCountsKeepFirstOccurrenceOrder() {
        FittedVocabulary v = FittedVocabulary.fit(List.of("b a", "a b c c"), OptionalInt.empty());
        assertThat(v.encode("a b c")).containsExactly(2, 1, 3);
    }

    @Test
    void unknownWordsAreDropped() {
        FittedVocabulary v = FittedVocabulary.fit(TEXTS, OptionalInt.empty());
        assertThat(v.encode("the zebra sat")).containsExactly(1, 3);
    }

    @Test
    void numWordsKeepsOnlyIndicesBelowIt() {
        FittedVocabulary v = FittedVocabulary.fit(TEXTS, OptionalInt.of(4));
        assertThat(v.encode("the dog sat on a mat")).containsExactly(1, 3);
    }

    @Test
    void inputDimIsVocabularySizePlusOneWithoutNumWords() {
        assertThat(FittedVocabulary.fit(TEXTS, OptionalInt.empty()).inputDim()).isEqualTo(8);
    }

    @Test
    void inputDimIsNumWordsWhenSet() {
        assertThat(FittedVocabulary.fit(TEXTS, OptionalInt.of(4)).inputDim()).isEqualTo(4);
    }

    @Test
    void wordMapsIndicesBackAndZeroToPad() {
        FittedVocabulary v = FittedVocabulary.fit(TEXTS, OptionalInt.empty());
        assertThat(v.word(0)).isEqualTo("<pad>");
        assertThat(v.word(1)).isEqualTo("the");
        assertThat(v.word(7)).isEqualTo("ate");
        assertThat(v.word(99)).isEqualTo("<oov>");
    }

    @Test
    void jsonRoundTripRebuildsTheSameEncoding() {
        FittedVocabulary v = FittedVocabulary.fit(TEXTS, OptionalInt.of(6));
        Vocabulary back = Vocabularies.fromJson(v.toJson());
        assertThat(back).isEqualTo(v);
        assertThat(back.encode("the dog sat on the mat")).containsExactly(v.encode("the dog sat on the mat"));
        assertThat(back.describe()).isEqualTo(v.describe());
        assertThat(back.inputDim()).isEqualTo(6);
    }

    @Test
    void describeNamesWordCountAndNumWords() {
        assertThat(FittedVocabulary.fit(TEXTS, OptionalInt.of(4)).describe())
                .contains("7 distinct words").contains("num_words=4").contains("input_dim=4");
    }

    @Test
    void brFromLineBreaksIsAnOrdinaryWord() {
        FittedVocabulary v = FittedVocabulary.fit(List.of("Good.<br /><br />Bad."), OptionalInt.empty());
        assertThat(v.word(1)).isEqualTo("br");
    }
}
