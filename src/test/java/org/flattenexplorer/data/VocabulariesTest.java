package org.flattenexplorer.data;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VocabulariesTest {

    @Test
    void unknownTypeIsReported() {
        assertThatThrownBy(() -> Vocabularies.fromJson("{\"type\":\"bpe\"}"))
                .isInstanceOf(DataException.class).hasMessageContaining("bpe");
    }

    @Test
    void malformedJsonIsReported() {
        assertThatThrownBy(() -> Vocabularies.fromJson("{oops"))
                .isInstanceOf(DataException.class).hasMessageContaining("Malformed");
    }
}
