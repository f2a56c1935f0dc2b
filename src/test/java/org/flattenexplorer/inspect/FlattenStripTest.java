package org.flattenexplorer.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlattenStripTest {

    private static HiddenStates states(int steps, int units) {
        float[][] v = new float[steps][units];
        for (int t = 0; t < steps; t++) {
            for (int u = 0; u < units; u++) {
                v[t][u] = t * 1000 + u;
            }
        }
        int[] tokens = new int[steps];
        return new HiddenStates(v, new EncodedReview(tokens, new String[steps], new boolean[steps]));
    }

    @Test
    void theStripsIndexIsTTimesUnitsPlusU() {
        HiddenStates s = states(500, 128);
        FlattenStrip strip = FlattenStrip.of(s, 1000);

        assertThat(strip.length()).isEqualTo(64_000);
        for (int t : new int[] {0, 1, 12, 499}) {
            for (int u : new int[] {0, 5, 127}) {
                int index = FlattenStrip.index(t, u, 128);
                assertThat(index).isEqualTo(t * 128 + u);
                assertThat(strip.value(index)).isEqualTo(s.at(t, u));
                assertThat(FlattenStrip.timeStep(index, 128)).isEqualTo(t);
                assertThat(FlattenStrip.unit(index, 128)).isEqualTo(u);
            }
        }
        assertThat(FlattenStrip.arithmetic(12, 5, 128)).isEqualTo("index = t * 128 + u = 12 * 128 + 5 = 1541");
    }

    @Test
    void eachColumnHoldsTheMinAndMaxOfTheIndicesItCovers() {
        FlattenStrip strip = FlattenStrip.of(states(500, 128), 1000);

        assertThat(strip.columns()).isEqualTo(1000);
        // column 1 covers indices 64..127 of row 0: values 64..127
        assertThat(strip.min(1)).isEqualTo(64f);
        assertThat(strip.max(1)).isEqualTo(127f);
        assertThat(strip.columnOf(FlattenStrip.index(250, 0, 128))).isEqualTo(500);
    }

    @Test
    void columnsNotYetUnrolledStayBackground() {
        float[] flat = new float[100];
        java.util.Arrays.fill(flat, 0.9f);
        FlattenStrip strip = FlattenStrip.of(flat, 10, 100);
        int bg = 0xffffffff;

        int[] px = strip.pixels(20, 1, 30, bg);

        assertThat(px[5 * 100 + 10]).isEqualTo(DivergingColorMap.argb(0.9f, 1)); // revealed column, above the axis
        assertThat(px[5 * 100 + 50]).isEqualTo(bg);
    }
}
