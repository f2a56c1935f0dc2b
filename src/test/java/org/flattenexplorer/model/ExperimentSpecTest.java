package org.flattenexplorer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.flattenexplorer.training.SeedPlan;
import org.junit.jupiter.api.Test;

class ExperimentSpecTest {

    @Test
    void everyPresetIsValid() {
        for (Preset preset : Preset.values()) {
            assertThat(preset.spec().invalidReason()).as(preset.id()).isEmpty();
        }
    }

    @Test
    void sequencesWithoutHeadExplainTheShapeMismatch() {
        ExperimentSpec spec = ExperimentSpec.question().toBuilder().head(Head.NONE).build();

        assertThat(spec.invalidReason()).get().asString()
                .contains("Dense would be applied to each of the 500 time steps")
                .contains("(None, 500, 1)");
    }

    @Test
    void poolingTheLastStateIsRejected() {
        ExperimentSpec spec = ExperimentSpec.question().toBuilder()
                .returnSequences(false).head(Head.GLOBAL_MAX).build();

        assertThat(spec.invalidReason()).get().asString().contains("needs a sequence").contains("(None, 128)");
    }

    @Test
    void flattenAfterAMaskIsRefusedAsKerasRefusesIt() {
        ExperimentSpec flatten = ExperimentSpec.question().toBuilder().masking(true).build();

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
        ExperimentSpec stockMasked = Preset.LAST_MASKED.spec().toBuilder().implementation(Implementation.STOCK).build();

        assertThat(stockMasked.invalidReason()).isEmpty();
        assertThat(stockMasked.toBuilder().returnSequences(true).head(Head.GLOBAL_AVG).build().invalidReason()).isEmpty();
        for (ExperimentSpec refused : new ExperimentSpec[] {
                stockMasked.toBuilder().padding(org.flattenexplorer.data.Padding.PRE).build(),
                stockMasked.toBuilder().returnSequences(true).head(Head.GLOBAL_MAX).build()}) {
            assertThat(refused.invalidReason()).get().asString().contains("--lstm stock")
                    .contains("gradients as if there were no mask").contains("Use the fast LSTM");
            assertThat(refused.toBuilder().implementation(Implementation.FAST).build().invalidReason()).isEmpty();
        }
    }

    @Test
    void absurdHyperparametersNameTheSettingAndTheValue() {
        ExperimentSpec spec = ExperimentSpec.question().toBuilder()
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
    void savedAsItsThreePartsAndReadBackEqual() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ExperimentSpec spec = Preset.BIDIRECTIONAL_LAST.spec().toBuilder().wordIndex(Path.of("/data/wi.json"))
                .numWords(OptionalInt.of(5000)).build().withTrainingSeed(7);

        JsonNode saved = json.valueToTree(spec);

        assertThat(saved.fieldNames()).toIterable().containsExactly("model", "data", "training");
        assertThat(saved.get("model").get("bidirectional").asBoolean()).isTrue();
        assertThat(saved.get("data").get("seed").asLong()).isEqualTo(42);
        assertThat(saved.get("training").get("seed").asLong()).isEqualTo(7);
        assertThat(json.treeToValue(saved, ExperimentSpec.class)).isEqualTo(spec);
    }

    /** Saved runs and committed results before the split: one object, one seed, "lstm" for the implementation. */
    @Test
    void aFlatSpecFromBeforeTheSplitReadsAsAForwardLstmWithOneSeed() throws Exception {
        String flat = "{\"returnSequences\":false,\"head\":\"NONE\",\"padding\":\"PRE\",\"truncating\":\"PRE\","
                + "\"masking\":false,\"maxlen\":500,\"embedding\":128,\"units\":128,\"dropout\":0.2,"
                + "\"lr\":0.001,\"batch\":32,\"epochs\":7,\"seed\":43,\"trainSize\":448,\"valSize\":200,"
                + "\"testSize\":1000,\"numWords\":null,\"wordIndex\":null,\"lstm\":\"STOCK\"}";

        ExperimentSpec read = new ObjectMapper().readValue(flat, ExperimentSpec.class);

        assertThat(read).isEqualTo(Preset.LAST_PRE.spec().toBuilder().implementation(Implementation.STOCK)
                .seed(43).build());
        assertThat(read.model().cell()).isEqualTo(Cell.LSTM);
        assertThat(read.data().seed()).isEqualTo(43);
    }

    @Test
    void everySeedOfAPlanTrainsOnTheFirstSeedsSplit() {
        List<ExperimentSpec> plan = SeedPlan.seeds(Preset.QUESTION_FLATTEN.spec(), 3);

        assertThat(plan).extracting(s -> s.training().seed()).containsExactly(42L, 43L, 44L);
        assertThat(plan).extracting(ExperimentSpec::data).containsOnly(Preset.QUESTION_FLATTEN.spec().data());
        assertThat(plan).extracting(ExperimentSpec::model).containsOnly(Preset.QUESTION_FLATTEN.spec().model());
    }

    @Test
    void eachPartNamesItsOwnProblems() {
        ExperimentSpec spec = ExperimentSpec.question().toBuilder().units(0).trainSize(1).batch(0).build();

        assertThat(spec.model().problems(500)).containsExactly("LSTM units must be between 1 and 1024 (got 0)");
        assertThat(spec.data().problems()).containsExactly("the training split needs at least 2 reviews (got 1)");
        assertThat(spec.training().problems()).containsExactly("batch size must be between 1 and 4096 (got 0)");
        assertThat(spec.invalidReason()).hasValueSatisfying(r -> assertThat(r.lines()).hasSize(3));
    }

    @Test
    void presetsAreFoundByTheirCliId() {
        assertThat(Preset.fromId("last-pre")).isEqualTo(Preset.LAST_PRE);
        assertThatThrownBy(() -> Preset.fromId("nope")).hasMessageContaining("question-flatten");
    }
}
