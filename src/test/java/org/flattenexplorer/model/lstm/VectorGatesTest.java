package org.flattenexplorer.model.lstm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The gate activations on the vector unit give every value the same bits as the scalar functions (so the kernels,
 * and the committed experiments, do not change with them): over block lengths around the vector's and inputs from
 * the linear part to far past the clamp, with signed zeros, subnormals, infinities and NaN (any NaN for a NaN).
 */
class VectorGatesTest {

    private static final int[] LENGTHS = {1, 7, 16, 17, 33, 128, 131};

    @Test
    void sigmoidAndTanhOfABlockAreTheScalarFunctionsBitForBit() {
        assertThat(LstmMath.vectorGates()).as("the tests run with the vector module, so the vector path is tested")
                .isTrue();
        Random rnd = new Random(7);
        for (int n : LENGTHS) {
            for (int round = 0; round < 200; round++) {
                float[] a = inputs(rnd, n);
                float[] b = inputs(rnd, n);
                float[] c = inputs(rnd, n);

                float[] v = a.clone();
                LstmMath.tanhBias(v, b, n);
                same("tanh(a + b)", v, i -> LstmMath.tanh(a[i] + b[i]));

                v = a.clone();
                LstmMath.sigmoidBias(v, b, n);
                same("sigmoid(a + b)", v, i -> LstmMath.sigmoid(a[i] + b[i]));

                v = a.clone();
                LstmMath.sigmoidBias(v, b, c, n);
                same("sigmoid(a + b + c)", v, i -> LstmMath.sigmoid(a[i] + b[i] + c[i]));

                v = new float[n];
                LstmMath.tanh(v, a, n);
                same("tanh(a)", v, i -> LstmMath.tanh(a[i]));

                v = a.clone();
                LstmMath.tanhSum(v, b, c, n);
                same("tanh(a + b + c)", v, i -> LstmMath.tanh(a[i] + b[i] + c[i]));

                v = a.clone();
                LstmMath.tanhGated(v, b, c, n);
                same("tanh(a + b * c)", v, i -> LstmMath.tanh(a[i] + b[i] * c[i]));
            }
        }
    }

    @Test
    void theVectorLanesAndTheScalarTailAgree() {
        // 40 values: one iteration of two 512-bit vectors (or more of narrower ones), the rest in the scalar tail
        float[] a = new float[40];
        for (int i = 0; i < a.length; i++) {
            a[i] = -10f + i * 0.5f;
        }
        float[] v = new float[a.length];
        VectorGates.activate(v, a, a.length, 0.5f, 0.5f, 0.5f);
        same("sigmoid", v, i -> LstmMath.sigmoid(a[i]));
        assertThat(v[0]).isBetween(0f, 1e-4f);
        assertThat(v[20]).isEqualTo(0.5f);
        assertThat(v[39]).isGreaterThan(0.9999f);
    }

    private static float[] inputs(Random rnd, int n) {
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-40f, 7.90531110763549805f, -7.9053111f,
                8f, -8f, 1e30f, -1e30f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = switch (rnd.nextInt(4)) {
                case 0 -> special[rnd.nextInt(special.length)];
                case 1 -> (float) (rnd.nextGaussian() * 20);
                default -> (float) rnd.nextGaussian();
            };
        }
        return a;
    }

    private static void same(String what, float[] got, IntFunction<Float> scalar) {
        for (int i = 0; i < got.length; i++) {
            // floatToIntBits: a NaN is a NaN (its sign and payload follow the instructions, not the formula)
            assertThat(Float.floatToIntBits(got[i])).as(what + " at " + i + ": " + got[i] + " vs " + scalar.apply(i))
                    .isEqualTo(Float.floatToIntBits(scalar.apply(i)));
        }
    }
}
