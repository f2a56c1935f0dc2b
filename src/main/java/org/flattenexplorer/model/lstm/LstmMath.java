package org.flattenexplorer.model.lstm;

/**
 * Gate activations of the LSTM kernels and of the other cells' ({@code model.cell}). The {@code float} overloads (used by {@link LstmKernelF}) are a
 * branch-free rational approximation that the JIT vectorizes (no {@code Math.exp}); the {@code double}
 * overloads (used by {@code LstmKernelD}, the gradient-check kernel) are exact to double precision. Overload
 * resolution picks the right one in each kernel, since {@code LstmKernelD} is {@code LstmKernelF} with
 * {@code float} replaced by {@code double}.
 */
public final class LstmMath {

    private LstmMath() {
    }

    /**
     * tanh in single precision: Eigen's rational approximation (odd degree-13 over even degree-6 polynomial)
     * on the input clamped to +-7.9053 (where tanh rounds to +-1 in float); max abs error ~1e-7 (a few ulp).
     */
    public static float tanh(float v) {
        final float x = Math.max(-7.90531110763549805f, Math.min(7.90531110763549805f, v));
        final float x2 = x * x;
        float p = -2.76076847742355e-16f;
        p = p * x2 + 2.00018790482477e-13f;
        p = p * x2 + -8.60467152213735e-11f;
        p = p * x2 + 5.12229709037114e-08f;
        p = p * x2 + 1.48572235717979e-05f;
        p = p * x2 + 6.37261928875436e-04f;
        p = p * x2 + 4.89352455891786e-03f;
        p = p * x;
        float q = 1.19825839466702e-06f;
        q = q * x2 + 1.18534705686654e-04f;
        q = q * x2 + 2.26843463243900e-03f;
        q = q * x2 + 4.89352518554385e-03f;
        return p / q;
    }

    /** Logistic sigmoid in single precision, 0.5 + 0.5 tanh(v / 2) with {@link #tanh(float)}. */
    public static float sigmoid(float v) {
        return 0.5f + 0.5f * tanh(0.5f * v);
    }

    /** tanh in double precision. */
    public static double tanh(double v) {
        return 1.0 - 2.0 / (1.0 + Math.exp(2.0 * v));
    }

    /** Logistic sigmoid in double precision. */
    public static double sigmoid(double v) {
        return 1.0 / (1.0 + Math.exp(-v));
    }
}
