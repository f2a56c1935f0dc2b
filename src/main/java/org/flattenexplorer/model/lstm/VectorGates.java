package org.flattenexplorer.model.lstm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float gate activations of the recurrent kernels on the JVM's vector unit: {@code out = shift + scale *
 * tanh(inScale * a)}, which is {@link LstmMath#tanh(float)} for (1, 1, -0) and {@link LstmMath#sigmoid(float)} for
 * (0.5, 0.5, 0.5), lane by lane with the same operations in the same order (separate multiplies and adds, no fused
 * multiply-add; multiplying by 1 and adding -0 change no bits), so each value is the same bits as the scalar
 * function's.
 *
 * <p>Why: the JIT did not vectorize the scalar loops (their clamps and division), which took ~1.7 ns a value, about
 * 8% of the question's epoch's CPU. Why one method with the polynomial written out twice: the JIT
 * stops inlining into a method once it has grown past a node budget, and each vector polynomial inlined into a
 * kernel's row loop costs about half of it; a non-inlined vector helper boxes every vector (much slower than the
 * scalar loop). This method's bytecode is larger than what the JIT inlines into a hot caller (325 bytes), so it is
 * always compiled on its own, where its two polynomials fit. Two vectors an iteration also give the out-of-order core
 * two independent chains. Used through {@link LstmMath}'s block functions where the JVM has
 * {@value FastLstmRuntime#VECTOR_MODULE}; nothing loads this class otherwise.
 */
final class VectorGates {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final float C = LstmMath.TANH_CLAMP;

    private VectorGates() {
    }

    /** out[u] = shift + scale * tanh(inScale * a[u]) for u < n; out may be a. */
    static void activate(float[] out, float[] a, int n, float inScale, float scale, float shift) {
        int u = 0;
        for (; u + 2 * L <= n; u += 2 * L) {
            FloatVector x = FloatVector.fromArray(S, a, u).mul(inScale)
                    .lanewise(VectorOperators.MIN, C).lanewise(VectorOperators.MAX, -C);
            FloatVector y = FloatVector.fromArray(S, a, u + L).mul(inScale)
                    .lanewise(VectorOperators.MIN, C).lanewise(VectorOperators.MAX, -C);
            FloatVector x2 = x.mul(x);
            FloatVector y2 = y.mul(y);
            FloatVector px = x2.mul(-2.76076847742355e-16f).add(2.00018790482477e-13f);
            FloatVector py = y2.mul(-2.76076847742355e-16f).add(2.00018790482477e-13f);
            px = px.mul(x2).add(-8.60467152213735e-11f);
            py = py.mul(y2).add(-8.60467152213735e-11f);
            px = px.mul(x2).add(5.12229709037114e-08f);
            py = py.mul(y2).add(5.12229709037114e-08f);
            px = px.mul(x2).add(1.48572235717979e-05f);
            py = py.mul(y2).add(1.48572235717979e-05f);
            px = px.mul(x2).add(6.37261928875436e-04f);
            py = py.mul(y2).add(6.37261928875436e-04f);
            px = px.mul(x2).add(4.89352455891786e-03f).mul(x);
            py = py.mul(y2).add(4.89352455891786e-03f).mul(y);
            FloatVector qx = x2.mul(1.19825839466702e-06f).add(1.18534705686654e-04f);
            FloatVector qy = y2.mul(1.19825839466702e-06f).add(1.18534705686654e-04f);
            qx = qx.mul(x2).add(2.26843463243900e-03f);
            qy = qy.mul(y2).add(2.26843463243900e-03f);
            qx = qx.mul(x2).add(4.89352518554385e-03f);
            qy = qy.mul(y2).add(4.89352518554385e-03f);
            px.div(qx).mul(scale).add(shift).intoArray(out, u);
            py.div(qy).mul(scale).add(shift).intoArray(out, u + L);
        }
        for (; u < n; u++) {
            out[u] = shift + scale * LstmMath.tanh(inScale * a[u]);
        }
    }
}
