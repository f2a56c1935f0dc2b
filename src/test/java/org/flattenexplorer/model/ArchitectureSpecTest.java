package org.flattenexplorer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArchitectureSpecTest {

    @Test
    void everyPresetIsValid() {
        for (Preset preset : Preset.values()) {
            assertThat(preset.spec().invalidReason()).as(preset.id()).isEmpty();
        }
    }

    @Test
    void sequencesWithoutHeadExplainTheShapeMismatch() {
        ArchitectureSpec spec = ArchitectureSpec.question().toBuilder().head(Head.NONE).build();

        assertThat(spec.invalidReason()).get().asString()
                .contains("Dense would be applied to each of the 500 time steps")
                .contains("(None, 500, 1)");
    }

    @Test
    void poolingTheLastStateIsRejected() {
        ArchitectureSpec spec = ArchitectureSpec.question().toBuilder()
                .returnSequences(false).head(Head.GLOBAL_MAX).build();

        assertThat(spec.invalidReason()).get().asString().contains("needs a sequence").contains("(None, 128)");
    }

    @Test
    void flattenAfterAMaskIsRefusedAsKerasRefusesIt() {
        ArchitectureSpec flatten = ArchitectureSpec.question().toBuilder().masking(true).build();

        assertThat(flatten.invalidReason()).get().asString().contains("Flatten does not support masking")
                .contains("Layer flatten does not support masking").contains("Turn masking off");
        // the last state and the pooling heads take a mask; Flatten on the last state is a no-op and takes it too
        for (Head head : new Head[] {Head.GLOBAL_MAX, Head.GLOBAL_AVG}) {
            assertThat(flatten.toBuilder().head(head).build().invalidReason()).as(head.name()).isEmpty();
        }
        assertThat(flatten.toBuilder().returnSequences(false).build().invalidReason()).isEmpty();
    }

    @Test
    void theStockLstmTakesAMaskOnlyWhereItsMaskingIsKerassOwn() {
        ArchitectureSpec stockMasked = Preset.LAST_MASKED.spec().toBuilder().implementation(Implementation.STOCK).build();

        assertThat(stockMasked.invalidReason()).isEmpty();
        assertThat(stockMasked.toBuilder().returnSequences(true).head(Head.GLOBAL_AVG).build().invalidReason()).isEmpty();
        for (ArchitectureSpec refused : new ArchitectureSpec[] {
                stockMasked.toBuilder().padding(org.flattenexplorer.data.Padding.PRE).build(),
                stockMasked.toBuilder().returnSequences(true).head(Head.GLOBAL_MAX).build()}) {
            assertThat(refused.invalidReason()).get().asString().contains("--lstm stock")
                    .contains("gradients as if there were no mask").contains("Use the fast LSTM");
            assertThat(refused.toBuilder().implementation(Implementation.FAST).build().invalidReason()).isEmpty();
        }
    }

    @Test
    void absurdHyperparametersNameTheSettingAndTheValue() {
        ArchitectureSpec spec = ArchitectureSpec.question().toBuilder()
                .maxlen(0).units(100_000).dropout(1.5).lr(-1).epochs(0).build();

        assertThat(spec.invalidReason()).get().asString()
                .contains("maxlen must be between 1 and 2000 tokens (got 0)")
                .contains("LSTM units must be between 1 and 1024 (got 100000)")
                .contains("dropout must be at least 0 and below 1 (got 1.5)")
                .contains("learning rate must be above 0")
                .contains("epochs must be between 1 and 500 (got 0)");
        assertThatThrownBy(spec::requireValid).isInstanceOf(InvalidSpecException.class);
    }

    @Test
    void describesTheVariantInWords() {
        assertThat(Preset.QUESTION_FLATTEN.spec().describe()).isEqualTo("Flatten · post padding · 128 units");
        assertThat(Preset.LAST_MASKED.spec().describe()).isEqualTo("Last state · post padding · masked · 128 units");
    }

    @Test
    void flattenHandsTheDense64000NumbersAndTheLastStateOnly128() {
        assertThat(Preset.QUESTION_FLATTEN.spec().denseInputSize()).isEqualTo(64_000);
        assertThat(Preset.QUESTION_LAST.spec().denseInputSize()).isEqualTo(128);
    }

    @Test
    void presetsAreFoundByTheirCliId() {
        assertThat(Preset.fromId("last-pre")).isEqualTo(Preset.LAST_PRE);
        assertThatThrownBy(() -> Preset.fromId("nope")).hasMessageContaining("question-flatten");
    }
}
