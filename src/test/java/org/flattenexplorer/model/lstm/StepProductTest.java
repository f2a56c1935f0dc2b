package org.flattenexplorer.model.lstm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The per-step products on the vector unit equal a plain triple loop, for row counts around the eight- and four-row
 * blocks and widths around the vector blocks (the tails), read from strided buffers as the kernels lay them out; a
 * row's result does not depend on the block that computed it.
 */
class StepProductTest {

    private static final int[] ROWS = {1, 3, 4, 5, 7, 8, 12, 13, 16, 17};
    private static final int[] K = {1, 9, 128};
    private static final int[] N = {1, 7, 16, 33, 100, 512};

    @Test
    void floatProductsEqualThePlainLoopForEveryShape() {
        Random rnd = new Random(3);
        for (int n : ROWS) {
            for (int k : K) {
                for (int width : N) {
                    String what = n + " x " + k + " x " + width;
                    // inputs and outputs at a stride of their row plus a gap, weights inside a wider matrix
                    int ldIn = k + 3;
                    int ldOut = width + 5;
                    int ldW = width + 2;
                    float[] in = randoms(rnd, n * ldIn);
                    float[] w = randoms(rnd, k * ldW + 1);
                    float[] start = randoms(rnd, n * ldOut);

                    StepProductF p = new StepProductF();
                    p.loadWeights(FloatBuffer.wrap(w), 1, ldW, k, width);
                    p.loadOutput(FloatBuffer.wrap(start), 0, ldOut, n);
                    p.loadInput(FloatBuffer.wrap(in), 0, ldIn, n);
                    p.run();

                    for (int r = 0; r < n; r++) {
                        for (int j = 0; j < width; j++) {
                            double s = start[r * ldOut + j];
                            for (int i = 0; i < k; i++) {
                                s += (double) in[r * ldIn + i] * w[1 + i * ldW + j];
                            }
                            assertThat((double) p.out()[r * width + j]).as(what + " at " + r + ", " + j)
                                    .isCloseTo(s, org.assertj.core.data.Offset.offset(1e-5 * (1 + k)));
                        }
                    }
                }
            }
        }
    }

    @Test
    void transposedWeightsAndZeroStartGiveTheProductWithTheTranspose() {
        Random rnd = new Random(5);
        int n = 6;
        int k = 37;
        int width = 21;
        double[] wt = new double[width * k]; // [N, K]: the weights' transpose, as the backward pass holds RW
        for (int i = 0; i < wt.length; i++) {
            wt[i] = rnd.nextGaussian();
        }
        double[] in = new double[n * k];
        for (int i = 0; i < in.length; i++) {
            in[i] = rnd.nextGaussian();
        }
        StepProductD p = new StepProductD();
        p.loadWeightsTransposed(DoubleBuffer.wrap(wt), 0, k, k, width);
        p.zeroOutput(n);
        p.loadInput(DoubleBuffer.wrap(in), 0, k, n);
        p.run();
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < width; j++) {
                double s = 0;
                for (int i = 0; i < k; i++) {
                    s += in[r * k + i] * wt[j * k + i];
                }
                assertThat(p.out()[r * width + j]).isCloseTo(s, org.assertj.core.data.Offset.offset(1e-12));
            }
        }
    }

    @Test
    void aRowGetsTheSameBitsInAnEightRowBlockAsAlone() {
        // the kernels' results (and the committed experiments) must not change with the rows a slice holds
        Random rnd = new Random(11);
        int n = 13;
        int k = 128;
        int width = 512;
        float[] in = randoms(rnd, n * k);
        float[] w = randoms(rnd, k * width);
        float[] start = randoms(rnd, n * width);
        StepProductF together = new StepProductF();
        together.loadWeights(FloatBuffer.wrap(w), 0, width, k, width);
        together.loadOutput(FloatBuffer.wrap(start), 0, width, n);
        together.loadInput(FloatBuffer.wrap(in), 0, k, n);
        together.run();
        StepProductF alone = new StepProductF();
        alone.loadWeights(FloatBuffer.wrap(w), 0, width, k, width);
        for (int r = 0; r < n; r++) {
            alone.loadOutput(FloatBuffer.wrap(start), r * width, width, 1);
            alone.loadInput(FloatBuffer.wrap(in), r * k, k, 1);
            alone.run();
            for (int j = 0; j < width; j++) {
                assertThat(Float.floatToRawIntBits(together.out()[r * width + j])).as("row " + r + ", column " + j)
                        .isEqualTo(Float.floatToRawIntBits(alone.out()[j]));
            }
        }
    }

    @Test
    void aSecondStepWithFewerRowsStartsFromZeroAgain() {
        StepProductF p = new StepProductF();
        p.loadWeights(FloatBuffer.wrap(new float[] {1, 2, 3, 4}), 0, 2, 2, 2);
        p.zeroOutput(2);
        p.loadInput(FloatBuffer.wrap(new float[] {1, 1, 1, 1}), 0, 2, 2);
        p.run();
        p.zeroOutput(1);
        p.loadInput(FloatBuffer.wrap(new float[] {1, 0}), 0, 2, 1);
        p.run();
        assertThat(p.out()[0]).isEqualTo(1f);
        assertThat(p.out()[1]).isEqualTo(2f);
    }

    private static float[] randoms(Random rnd, int size) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = (float) rnd.nextGaussian();
        }
        return a;
    }
}
