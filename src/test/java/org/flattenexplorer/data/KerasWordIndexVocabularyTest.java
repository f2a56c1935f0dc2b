package org.flattenexplorer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-checked against the shared imdb_word_index.json: the 1, and 2, a 3, br 7, don't 89. */
class KerasWordIndexVocabularyTest {
    private static KerasWordIndexVocabulary full;

    @TempDir
    Path tmp;

    @BeforeAll
    static void loadOnce() {
        full = KerasWordIndexVocabulary.load(TestData.wordIndex(), OptionalInt.empty());
    }

    @Test
    void indexIsRankPlusThreeAfterStartChar() {
        assertThat(full.encode("The, and A!")).containsExactly(1, 4, 5, 6);
    }

    @Test
    void lineBreakTokenAndApostropheWordsAreLookedUp() {
        assertThat(full.encode("<br />don't")).containsExactly(1, 10, 92);
    }

    @Test
    void unknownWordBecomesOovChar() {
        assertThat(full.encode("the qwxzzyq")).containsExactly(1, 4, 2);
    }

    @Test
    void indicesAtOrAboveNumWordsBecomeOovChar() {
        KerasWordIndexVocabulary v = KerasWordIndexVocabulary.load(TestData.wordIndex(), OptionalInt.of(10));
        assertThat(v.encode("the br don't")).containsExactly(1, 4, 2, 2);
    }

    @Test
    void inputDimIsMaxRankPlusFourWithoutNumWords() {
        assertThat(full.maxRank()).isEqualTo(88584);
        assertThat(full.inputDim()).isEqualTo(88588);
    }

    @Test
    void inputDimIsNumWordsWhenSet() {
        assertThat(KerasWordIndexVocabulary.load(TestData.wordIndex(), OptionalInt.of(10000)).inputDim()).isEqualTo(10000);
    }

    @Test
    void wordNamesReservedIndicesAndRanks() {
        assertThat(full.word(0)).isEqualTo("<pad>");
        assertThat(full.word(1)).isEqualTo("<start>");
        assertThat(full.word(2)).isEqualTo("<oov>");
        assertThat(full.word(4)).isEqualTo("the");
        assertThat(full.word(92)).isEqualTo("don't");
    }

    @Test
    void describeCarriesTheFileChecksum() {
        assertThat(full.sha256()).isEqualTo("027313fe9a320280f3bf0fac5baf58c4a683cf39a7ed9c3d3d3912bde4284cf6");
        assertThat(full.describe()).contains("027313fe9a320280").contains("num_words=none");
    }

    @Test
    void jsonRoundTripReloadsTheSameVocabulary() {
        KerasWordIndexVocabulary v = KerasWordIndexVocabulary.load(TestData.wordIndex(), OptionalInt.of(5000));
        Vocabulary back = Vocabularies.fromJson(v.toJson());
        assertThat(back).isEqualTo(v);
        assertThat(back.describe()).isEqualTo(v.describe());
    }

    @Test
    void changedWordIndexFileIsRefusedOnReload() throws IOException {
        Path file = Files.writeString(tmp.resolve("wi.json"), "{\"the\": 1, \"movie\": 2}");
        String saved = KerasWordIndexVocabulary.load(file, OptionalInt.empty()).toJson();
        Files.writeString(file, "{\"the\": 2, \"movie\": 1}");
        assertThatThrownBy(() -> KerasWordIndexVocabulary.fromJson(saved))
                .isInstanceOf(DataException.class).hasMessageContaining("checksum mismatch").hasMessageContaining("wi.json");
    }

    @Test
    void malformedJsonIsReportedWithThePath() throws IOException {
        Path file = Files.writeString(tmp.resolve("broken.json"), "{\"the\": 1, \"movie\"");
        assertThatThrownBy(() -> KerasWordIndexVocabulary.load(file, OptionalInt.empty()))
                .isInstanceOf(DataException.class).hasMessageContaining("Malformed word index JSON")
                .hasMessageContaining("broken.json");
    }

    @Test
    void jsonArrayIsNotAWordIndex() throws IOException {
        Path file = Files.writeString(tmp.resolve("array.json"), "[1, 2, 3]");
        assertThatThrownBy(() -> KerasWordIndexVocabulary.load(file, OptionalInt.empty()))
                .isInstanceOf(DataException.class).hasMessageContaining("word -> rank").hasMessageContaining("array.json");
    }

    @Test
    void nonIntegerRankIsReported() throws IOException {
        Path file = Files.writeString(tmp.resolve("text.json"), "{\"the\": \"first\"}");
        assertThatThrownBy(() -> KerasWordIndexVocabulary.load(file, OptionalInt.empty()))
                .isInstanceOf(DataException.class).hasMessageContaining("\"the\"").hasMessageContaining("text.json");
    }

    @Test
    void missingFileIsReported() {
        assertThatThrownBy(() -> KerasWordIndexVocabulary.load(tmp.resolve("none.json"), OptionalInt.empty()))
                .isInstanceOf(DataException.class).hasMessageContaining("does not exist").hasMessageContaining("none.json");
    }
}
