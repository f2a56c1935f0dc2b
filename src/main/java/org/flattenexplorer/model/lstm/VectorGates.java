package org.flattenexplorer.model.lstm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float gate activations of the recurrent kernels on the JVM's vector unit: {@link LstmMath#tanh(float)} and
 * {@link LstmMath#sigmoid(float)} over a gate block, lane by lane with the same operations in the same order
 * (separate multiplies and adds, no fused multiply-add), so each value is the same bits as the scalar function's.
 *
 * <p>Why: the JIT did not vectorize the scalar loops (their clamps and division), which took ~1.7 ns a value, about
 * a seventh of the question's epoch on two threads. Used through {@link LstmMath}'s block functions where the JVM
 * has {@value FastLstmRuntime#VECTOR_MODULE}; nothing loads this class otherwise.
 */
final class VectorGates {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorGates() {
    }

    /** a = tanh(a + b), in place. */
    static void tanhBias(float[] a, float[] b, int n) {
        int u = 0;
        for (; u + L <= n; u += L) {
            tanh(FloatVector.fromArray(S, a, u).add(FloatVector.fromArray(S, b, u))).intoArray(a, u);
        }
        for (; u < n; u++) {
            a[u] = LstmMath.tanh(a[u] + b[u]);
        }
    }

    /** a = sigmoid(a + b), in place. */
    static void sigmoidBias(float[] a, float[] b, int n) {
        int u = 0;
        for (; u + L <= n; u += L) {
            sigmoid(FloatVector.fromArray(S, a, u).add(FloatVector.fromArray(S, b, u))).intoArray(a, u);
        }
        for (; u < n; u++) {
            a[u] = LstmMath.sigmoid(a[u] + b[u]);
        }
    }

    /** a = sigmoid(a + b + c), in place (GRU's gates: input projection, input bias, recurrent part). */
    static void sigmoidBias(float[] a, float[] b, float[] c, int n) {
        int u = 0;
        for (; u + L <= n; u += L) {
            sigmoid(FloatVector.fromArray(S, a, u).add(FloatVector.fromArray(S, b, u))
                    .add(FloatVector.fromArray(S, c, u))).intoArray(a, u);
        }
        for (; u < n; u++) {
            a[u] = LstmMath.sigmoid(a[u] + b[u] + c[u]);
        }
    }

    /** out = tanh(a). */
    static void tanh(float[] out, float[] a, int n) {
        int u = 0;
        for (; u + L <= n; u += L) {
            tanh(FloatVector.fromArray(S, a, u)).intoArray(out, u);
        }
        for (; u < n; u++) {
            out[u] = LstmMath.tanh(a[u]);
        }
    }

    /** a = tanh(a + b + c), in place (SimpleRNN: input projection, recurrent product, bias). */
    static void tanhSum(float[] a, float[] b, float[] c, int n) {
        int u = 0;
        for (; u + L <= n; u += L) {
            tanh(FloatVector.fromArray(S, a, u).add(FloatVector.fromArray(S, b, u))
                    .add(FloatVector.fromArray(S, c, u))).intoArray(a, u);
        }
        for (; u < n; u++) {
            a[u] = LstmMath.tanh(a[u] + b[u] + c[u]);
        }
    }

    /** a = tanh(a + r * g), in place (GRU's candidate: its input part plus the reset gate times its recurrent part). */
    static void tanhGated(float[] a, float[] r, float[] g, int n) {
        int u = 0;
        for (; u + L <= n; u += L) {
            FloatVector v = FloatVector.fromArray(S, a, u)
                    .add(FloatVector.fromArray(S, r, u).mul(FloatVector.fromArray(S, g, u)));
            tanh(v).intoArray(a, u);
        }
        for (; u < n; u++) {
            a[u] = LstmMath.tanh(a[u] + r[u] * g[u]);
        }
    }

    /** {@link LstmMath#tanh(float)} lane by lane. */
    private static FloatVector tanh(FloatVector v) {
        final FloatVector x = v.lanewise(VectorOperators.MIN, LstmMath.TANH_CLAMP)
                .lanewise(VectorOperators.MAX, -LstmMath.TANH_CLAMP);
        final FloatVector x2 = x.mul(x);
        FloatVector p = FloatVector.broadcast(S, -2.76076847742355e-16f);
        p = p.mul(x2).add(2.00018790482477e-13f);
        p = p.mul(x2).add(-8.60467152213735e-11f);
        p = p.mul(x2).add(5.12229709037114e-08f);
        p = p.mul(x2).add(1.48572235717979e-05f);
        p = p.mul(x2).add(6.37261928875436e-04f);
        p = p.mul(x2).add(4.89352455891786e-03f);
        p = p.mul(x);
        FloatVector q = FloatVector.broadcast(S, 1.19825839466702e-06f);
        q = q.mul(x2).add(1.18534705686654e-04f);
        q = q.mul(x2).add(2.26843463243900e-03f);
        q = q.mul(x2).add(4.89352518554385e-03f);
        return p.div(q);
    }

    /** {@link LstmMath#sigmoid(float)} lane by lane: 0.5 + 0.5 tanh(v / 2). */
    private static FloatVector sigmoid(FloatVector v) {
        return tanh(v.mul(0.5f)).mul(0.5f).add(0.5f);
    }
}
