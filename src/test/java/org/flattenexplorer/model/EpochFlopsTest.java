package org.flattenexplorer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.flattenexplorer.model.EpochFlops.Dims;
import org.flattenexplorer.model.EpochFlops.Gemm;
import org.junit.jupiter.api.Test;

/** The epoch's GEMM work, against counts worked out by hand. */
class EpochFlopsTest {

    /**
     * T = 3 steps, E = 2 inputs, U = 2 units, LSTM (4 gates: GU = 8), 5 training and 2 validation sequences. Per
     * sequence: input projection 2*3*8*2 = 96; recurrent 2 steps of 2*1*8*2 = 32: 64; backward recurrent 2 steps of
     * 2*1*2*8: 64; dW 2*2*8*3 = 96; dRW 2*2*8*2 = 64; dX 2*3*2*8 = 96. Forward 160, backward 320 a sequence.
     */
    @Test
    void aSmallLstmEpochCountedByHand() {
        EpochFlops f = new EpochFlops(new Dims(3, 2, 2, 4, 1), 5, 2);

        assertThat(Gemm.INPUT_PROJECTION.flops(1, f.dims())).isEqualTo(96);
        assertThat(Gemm.RECURRENT.flops(1, f.dims())).isEqualTo(64);
        assertThat(Gemm.RECURRENT_BACKWARD.flops(1, f.dims())).isEqualTo(64);
        assertThat(Gemm.INPUT_WEIGHT_GRADIENT.flops(1, f.dims())).isEqualTo(96);
        assertThat(Gemm.RECURRENT_WEIGHT_GRADIENT.flops(1, f.dims())).isEqualTo(64);
        assertThat(Gemm.INPUT_GRADIENT.flops(1, f.dims())).isEqualTo(96);
        assertThat(f.forward()).isEqualTo(5 * 160);
        assertThat(f.backward()).isEqualTo(5 * 320);
        assertThat(f.validation()).isEqualTo(2 * 160);
        assertThat(f.total()).isEqualTo(2720);
        assertThat(f.byGemm().values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(2720);
        assertThat(f.flops(Gemm.INPUT_PROJECTION)).isEqualTo(7 * 96);
        assertThat(f.flops(Gemm.INPUT_GRADIENT)).isEqualTo(5 * 96);
    }

    /** The same shapes as a bidirectional GRU (3 gates: GU = 6), both directions counted. */
    @Test
    void aBidirectionalGruCountsThreeGatesTwice() {
        ExperimentSpec spec = ExperimentSpec.question().toBuilder().cell(Cell.GRU).bidirectional(true)
                .maxlen(3).embedding(2).units(2).trainSize(5).valSize(2).build();
        EpochFlops f = EpochFlops.of(spec);

        // per sequence and direction: forward 2*3*6*2 + 2*(2*6*2) = 72 + 48; backward 48 + 72 + 48 + 72
        assertThat(f.dims()).isEqualTo(new Dims(3, 2, 2, 3, 2));
        assertThat(f.forward()).isEqualTo(5 * 2 * 120);
        assertThat(f.backward()).isEqualTo(5 * 2 * 240);
        assertThat(f.validation()).isEqualTo(2 * 2 * 120);
    }

    /** The question's workload: ~58.7 GFLOP forward, ~117 backward, ~26 validation (issue 10's figures). */
    @Test
    void theQuestionsEpochIsAbout200Gflop() {
        EpochFlops f = EpochFlops.of(ExperimentSpec.question());

        assertThat(f.forward() / 1e9).isCloseTo(58.66, within(0.01));
        assertThat(f.backward() / 1e9).isCloseTo(117.3, within(0.1));
        assertThat(f.validation() / 1e9).isCloseTo(26.19, within(0.01));
        assertThat(EpochFlops.gates(Cell.SIMPLE_RNN)).isEqualTo(1);
    }

    @Test
    void shapesOfASliceAreTheKernelsCalls() {
        Dims d = new Dims(500, 128, 128, 4, 1);

        assertThat(Gemm.INPUT_PROJECTION.shape(16, d)).containsExactly(8000, 512, 128);
        assertThat(Gemm.RECURRENT.shape(16, d)).containsExactly(16, 512, 128);
        assertThat(Gemm.RECURRENT_BACKWARD.shape(16, d)).containsExactly(16, 128, 512);
        assertThat(Gemm.RECURRENT_WEIGHT_GRADIENT.shape(16, d)).containsExactly(128, 512, 16 * 499);
        assertThat(Gemm.RECURRENT.calls(d)).isEqualTo(499);
        assertThat(Gemm.INPUT_GRADIENT.calls(d)).isEqualTo(1);
    }
}
