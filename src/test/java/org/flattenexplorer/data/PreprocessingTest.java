package org.flattenexplorer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PreprocessingTest {

    @Test
    void defaultsAreTheTutorialSettings() {
        Preprocessing p = Preprocessing.defaults();
        assertThat(p.maxlen()).isEqualTo(500);
        assertThat(p.padding()).isEqualTo(Padding.POST);
        assertThat(p.trainSize()).isEqualTo(448);
        assertThat(p.valSize()).isEqualTo(200);
    }

    @Test
    void jsonRoundTripKeepsEverySetting() {
        Preprocessing p = new Preprocessing(100, Padding.PRE, Padding.POST, true, Path.of("/x/wi.json"),
                OptionalInt.of(5000), 10, 20, 30, -7L);
        assertThat(Preprocessing.fromJson(p.toJson())).isEqualTo(p);
    }

    @Test
    void jsonRoundTripKeepsAbsentNumWordsAndPath() {
        Preprocessing p = Preprocessing.defaults();
        assertThat(Preprocessing.fromJson(p.toJson())).isEqualTo(p);
    }

    @Test
    void describeChangesWithEverySettingButThePath() {
        Preprocessing p = Preprocessing.defaults();
        assertThat(p.withMaxlen(400).describe()).isNotEqualTo(p.describe());
        assertThat(p.withPadding(Padding.PRE, Padding.POST).describe()).isNotEqualTo(p.describe());
        assertThat(p.withSeed(1).describe()).isNotEqualTo(p.describe());
        assertThat(p.withNumWords(OptionalInt.of(100)).describe()).isNotEqualTo(p.describe());
        assertThat(p.withSizes(448, 200, 10).describe()).isNotEqualTo(p.describe());
        assertThat(p.withWordIndex(Path.of("/a/wi.json")).describe())
                .isEqualTo(p.withWordIndex(Path.of("/b/wi.json")).describe());
    }

    @Test
    void wordIndexWithoutPathIsRejected() {
        assertThatThrownBy(() -> new Preprocessing(500, Padding.POST, Padding.POST, true, null, OptionalInt.empty(),
                448, 200, 100, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wordIndexPath");
    }

    @Test
    void maxlenBelowOneIsNamedAndRefusedByThePreparer() {
        Preprocessing zero = Preprocessing.defaults().withMaxlen(0);
        assertThat(zero.problems()).containsExactly("maxlen must be between 1 and 2000 tokens (got 0)");
        assertThatThrownBy(() -> DatasetPreparer.synthetic(zero)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxlen must be between 1 and 2000 tokens");
    }

    @Test
    void malformedJsonIsADataException() {
        assertThatThrownBy(() -> Preprocessing.fromJson("{\"padding\":\"MIDDLE\"}")).isInstanceOf(DataException.class);
    }
}
