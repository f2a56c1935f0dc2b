package org.flattenexplorer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

class KerasSummaryTest {

    private static final int QUESTION_VOCAB = 37_252;

    @Test
    void questionFlattenSummaryMatchesKeras() {
        KerasSummary summary = KerasSummary.of(Preset.QUESTION_FLATTEN.spec(), QUESTION_VOCAB);

        assertThat(summary.rows()).containsExactly(
                new KerasSummary.Row("embedding", "Embedding", "(None, 500, 128)", 4_768_256),
                new KerasSummary.Row("lstm", "LSTM", "(None, 500, 128)", 131_584),
                new KerasSummary.Row("flatten", "Flatten", "(None, 64000)", 0),
                new KerasSummary.Row("dense", "Dense", "(None, 1)", 64_001));
        assertThat(summary.totalParams()).isEqualTo(4_963_841);
        assertThat(summary.toText()).contains("Total params: 4,963,841").contains("4,768,256");
    }

    @Test
    void questionLastStateSummaryMatchesKeras() {
        KerasSummary summary = KerasSummary.of(Preset.QUESTION_LAST.spec(), QUESTION_VOCAB);

        assertThat(summary.rows()).extracting(KerasSummary.Row::outputShape)
                .containsExactly("(None, 500, 128)", "(None, 128)", "(None, 1)");
        assertThat(summary.totalParams()).isEqualTo(4_899_969);
        assertThat(summary.toText()).contains("Total params: 4,899,969");
    }

    @Test
    void everyRowEqualsTheBuiltNetworksOwnParameterCount() {
        for (Preset preset : Preset.values()) {
            ExperimentSpec spec = preset.spec().toBuilder().maxlen(50).build();
            MultiLayerNetwork net = NetworkFactory.build(spec, 1000);
            List<Long> layerParams = java.util.Arrays.stream(net.getLayers()).map(l -> l.numParams()).toList();
            List<Long> summaryParams = KerasSummary.of(spec, 1000).rows().stream()
                    .map(KerasSummary.Row::params).filter(p -> p > 0).toList();

            assertThat(summaryParams).as(preset.id())
                    .isEqualTo(layerParams.stream().filter(p -> p > 0).toList());
            assertThat(KerasSummary.of(spec, 1000).totalParams()).as(preset.id()).isEqualTo(net.numParams());
        }
    }

    @Test
    void poolingHeadFeedsTheDense128Numbers() {
        KerasSummary summary = KerasSummary.of(Preset.GLOBAL_MAX.spec(), QUESTION_VOCAB);

        assertThat(summary.rows()).element(2).isEqualTo(
                new KerasSummary.Row("global_max_pooling1d", "GlobalMaxPooling1D", "(None, 128)", 0));
        assertThat(summary.rows()).element(3).extracting(KerasSummary.Row::params).isEqualTo(129L);
    }

    @Test
    void flattenOfTheLastStateIsShownAsANoOp() {
        ExperimentSpec spec = Preset.QUESTION_LAST.spec().toBuilder().head(Head.FLATTEN).build();

        KerasSummary summary = KerasSummary.of(spec, QUESTION_VOCAB);

        assertThat(spec.model().flattenIsNoOp()).isTrue();
        assertThat(summary.valid()).isTrue();
        assertThat(summary.rows()).element(2).isEqualTo(new KerasSummary.Row("flatten", "Flatten", "(None, 128)", 0));
        assertThat(summary.totalParams()).isEqualTo(4_899_969);
    }

    @Test
    void denseOnEveryTimeStepIsShownWithItsShapeAndMarkedInvalid() {
        ExperimentSpec spec = Preset.QUESTION_FLATTEN.spec().toBuilder().head(Head.NONE).build();

        KerasSummary summary = KerasSummary.of(spec, QUESTION_VOCAB);

        assertThat(summary.valid()).isFalse();
        assertThat(summary.rows()).last().isEqualTo(new KerasSummary.Row("dense", "Dense", "(None, 500, 1)", 129));
        assertThat(summary.problem()).contains("(None, 500, 1)").contains("one label per review");
    }

    @Test
    void otherCellsHaveKerassNamesAndParameterCounts() {
        ExperimentSpec question = Preset.QUESTION_FLATTEN.spec();

        assertThat(KerasSummary.of(question.toBuilder().cell(Cell.GRU).build(), QUESTION_VOCAB).rows()).element(1)
                .isEqualTo(new KerasSummary.Row("gru", "GRU", "(None, 500, 128)", 99_072));
        assertThat(KerasSummary.of(question.toBuilder().cell(Cell.SIMPLE_RNN).build(), QUESTION_VOCAB).rows())
                .element(1).isEqualTo(new KerasSummary.Row("simple_rnn", "SimpleRNN", "(None, 500, 128)", 32_896));
        assertThat(KerasSummary.of(question.toBuilder().goBackwards(true).build(), QUESTION_VOCAB).rows()).element(1)
                .isEqualTo(new KerasSummary.Row("lstm", "LSTM", "(None, 500, 128)", 131_584));
    }

    @Test
    void bidirectionalDoublesTheCellAndTheStateTheDenseReads() {
        KerasSummary flatten = KerasSummary.of(Preset.QUESTION_FLATTEN.spec().toBuilder().bidirectional(true).build(),
                QUESTION_VOCAB);
        KerasSummary last = KerasSummary.of(Preset.BIDIRECTIONAL_LAST.spec(), QUESTION_VOCAB);
        KerasSummary gru = KerasSummary.of(Preset.GRU_LAST.spec().toBuilder().bidirectional(true).build(),
                QUESTION_VOCAB);

        assertThat(flatten.rows()).containsExactly(
                new KerasSummary.Row("embedding", "Embedding", "(None, 500, 128)", 4_768_256),
                new KerasSummary.Row("bidirectional", "Bidirectional", "(None, 500, 256)", 263_168),
                new KerasSummary.Row("flatten", "Flatten", "(None, 128000)", 0),
                new KerasSummary.Row("dense", "Dense", "(None, 1)", 128_001));
        assertThat(last.rows()).extracting(KerasSummary.Row::outputShape)
                .containsExactly("(None, 500, 128)", "(None, 256)", "(None, 1)");
        assertThat(last.rows()).element(2).extracting(KerasSummary.Row::params).isEqualTo(257L);
        assertThat(gru.rows()).element(1).extracting(KerasSummary.Row::params).isEqualTo(198_144L);
    }
}
