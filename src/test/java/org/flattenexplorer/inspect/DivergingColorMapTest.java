package org.flattenexplorer.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DivergingColorMapTest {
    private static int red(int argb) { return (argb >> 16) & 0xff; }
    private static int blue(int argb) { return argb & 0xff; }

    @Test
    void zeroIsNearWhiteNegativeIsBluePositiveIsRed() {
        int zero = DivergingColorMap.argb(0, 1);
        assertThat(red(zero)).isGreaterThan(240);
        assertThat(blue(zero)).isGreaterThan(240);
        assertThat(blue(DivergingColorMap.argb(-0.7, 1))).isGreaterThan(red(DivergingColorMap.argb(-0.7, 1)));
        assertThat(red(DivergingColorMap.argb(0.7, 1))).isGreaterThan(blue(DivergingColorMap.argb(0.7, 1)));
    }

    @Test
    void valuesBeyondTheScaleAreClippedAndEveryColourIsOpaque() {
        assertThat(DivergingColorMap.argb(5, 1)).isEqualTo(DivergingColorMap.argb(1, 1));
        assertThat(DivergingColorMap.argb(-5, 2)).isEqualTo(DivergingColorMap.argb(-2, 2));
        assertThat(DivergingColorMap.argb(0.3, 0.5) >>> 24).isEqualTo(0xff);
        assertThat(DivergingColorMap.argb(Double.NaN, 1)).isEqualTo(DivergingColorMap.MISSING);
    }

    @Test
    void matrixPixelAtRowTColumnUHasTheColourOfThatCell() {
        float[][] m = new float[7][5];
        for (int t = 0; t < 7; t++) {
            for (int u = 0; u < 5; u++) {
                m[t][u] = (float) Math.sin(t * 5 + u);
            }
        }

        int[] pixels = DivergingColorMap.pixels(m, 0.8);

        for (int t = 0; t < 7; t++) {
            for (int u = 0; u < 5; u++) {
                assertThat(pixels[t * 5 + u]).as("t=%d u=%d", t, u).isEqualTo(DivergingColorMap.argb(m[t][u], 0.8));
            }
        }
    }
}
