package org.flattenexplorer.model.lstm;

/**
 * Gate activations of the LSTM kernels and of the other cells' ({@code model.cell}). The {@code float} overloads (used
 * by {@link LstmKernelF}) are a branch-free rational approximation (no {@code Math.exp}), and the kernels apply them a
 * gate block at a time ({@link #sigmoidBias(float[], float[], int)} and the like), on the vector unit where the JVM
 * has it ({@link VectorGates}: the JIT left the scalar loops unvectorized); the {@code double} overloads (used by
 * {@code LstmKernelD}, the gradient-check kernel) are exact to double precision. Overload resolution picks the right
 * one in each kernel, since {@code LstmKernelD} is {@code LstmKernelF} with {@code float} replaced by {@code double}.
 */
public final class LstmMath {

    /** Where tanh rounds to +-1 in float: {@link #tanh(float)} clamps its input here. */
    static final float TANH_CLAMP = 7.90531110763549805f;

    /**
     * Whether the float block functions run on the vector unit ({@link VectorGates}, the same bits): where the JVM has
     * the module, unless {@code -Dflatten.lstm.vectorGates=false}.
     */
    private static final boolean VECTOR_GATES = FastLstmRuntime.vectorStepsSupported()
            && !"false".equalsIgnoreCase(System.getProperty("flatten.lstm.vectorGates", "").trim());

    private LstmMath() {
    }

    /** Whether the float block functions run on the vector unit. */
    static boolean vectorGates() {
        return VECTOR_GATES;
    }

    /**
     * tanh in single precision: Eigen's rational approximation (odd degree-13 over even degree-6 polynomial)
     * on the input clamped to +-7.9053 (where tanh rounds to +-1 in float); max abs error ~1e-7 (a few ulp).
     */
    public static float tanh(float v) {
        final float x = Math.max(-TANH_CLAMP, Math.min(TANH_CLAMP, v));
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

    // The block functions add their inputs first (in float, in the scalar formulas' order: the same bits), then
    // apply the activation on the vector unit where the JVM has it, else in a plain loop.

    /** a = tanh(a + b) over a gate block, in place. */
    public static void tanhBias(float[] a, float[] b, int n) {
        add(a, b, n);
        tanh(a, a, n);
    }

    /** a = sigmoid(a + b) over a gate block, in place. */
    public static void sigmoidBias(float[] a, float[] b, int n) {
        add(a, b, n);
        sigmoid(a, n);
    }

    /** a = sigmoid(a + b + c) over a gate block, in place. */
    public static void sigmoidBias(float[] a, float[] b, float[] c, int n) {
        add(a, b, n);
        add(a, c, n);
        sigmoid(a, n);
    }

    /** a = tanh(a + b + c) over a block, in place. */
    public static void tanhSum(float[] a, float[] b, float[] c, int n) {
        add(a, b, n);
        add(a, c, n);
        tanh(a, a, n);
    }

    /** a = tanh(a + r * g) over a block, in place. */
    public static void tanhGated(float[] a, float[] r, float[] g, int n) {
        for (int u = 0; u < n; u++) {
            a[u] += r[u] * g[u];
        }
        tanh(a, a, n);
    }

    /** out = tanh(a) over a block (out may be a). */
    public static void tanh(float[] out, float[] a, int n) {
        if (VECTOR_GATES) {
            VectorGates.activate(out, a, n, 1f, 1f, -0f);
            return;
        }
        for (int u = 0; u < n; u++) {
            out[u] = tanh(a[u]);
        }
    }

    /** a = sigmoid(a) over a block, in place. */
    private static void sigmoid(float[] a, int n) {
        if (VECTOR_GATES) {
            VectorGates.activate(a, a, n, 0.5f, 0.5f, 0.5f);
            return;
        }
        for (int u = 0; u < n; u++) {
            a[u] = sigmoid(a[u]);
        }
    }

    private static void add(float[] a, float[] b, int n) {
        for (int u = 0; u < n; u++) {
            a[u] += b[u];
        }
    }

    /** tanh in double precision. */
    public static double tanh(double v) {
        return 1.0 - 2.0 / (1.0 + Math.exp(2.0 * v));
    }

    /** Logistic sigmoid in double precision. */
    public static double sigmoid(double v) {
        return 1.0 / (1.0 + Math.exp(-v));
    }

    /** The double kernels' block functions (exact, no vectors): as the float ones. */
    public static void tanhBias(double[] a, double[] b, int n) {
        add(a, b, n);
        tanh(a, a, n);
    }

    public static void sigmoidBias(double[] a, double[] b, int n) {
        add(a, b, n);
        sigmoid(a, n);
    }

    public static void sigmoidBias(double[] a, double[] b, double[] c, int n) {
        add(a, b, n);
        add(a, c, n);
        sigmoid(a, n);
    }

    public static void tanhSum(double[] a, double[] b, double[] c, int n) {
        add(a, b, n);
        add(a, c, n);
        tanh(a, a, n);
    }

    public static void tanhGated(double[] a, double[] r, double[] g, int n) {
        for (int u = 0; u < n; u++) {
            a[u] += r[u] * g[u];
        }
        tanh(a, a, n);
    }

    public static void tanh(double[] out, double[] a, int n) {
        for (int u = 0; u < n; u++) {
            out[u] = tanh(a[u]);
        }
    }

    private static void sigmoid(double[] a, int n) {
        for (int u = 0; u < n; u++) {
            a[u] = sigmoid(a[u]);
        }
    }

    private static void add(double[] a, double[] b, int n) {
        for (int u = 0; u < n; u++) {
            a[u] += b[u];
        }
    }
}
