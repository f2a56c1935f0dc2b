package org.flattenexplorer.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StratifiedSamplerTest {

    @Test
    void evenCountSplitsInHalves() {
        assertThat(StratifiedSampler.counts(448, 1000, 1000)).isEqualTo(new StratifiedSampler(224, 224));
    }

    @Test
    void oddCountGivesTheExtraOneToPositives() {
        assertThat(StratifiedSampler.counts(5, 10, 10)).isEqualTo(new StratifiedSampler(3, 2));
    }

    @Test
    void shortPositivePoolIsMadeUpWithNegatives() {
        assertThat(StratifiedSampler.counts(10, 2, 100)).isEqualTo(new StratifiedSampler(2, 8));
    }

    @Test
    void shortNegativePoolIsMadeUpWithPositives() {
        assertThat(StratifiedSampler.counts(10, 100, 1)).isEqualTo(new StratifiedSampler(9, 1));
    }
}
