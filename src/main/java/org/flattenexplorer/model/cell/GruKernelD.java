// GENERATED from GruKernelF.java by gen-double-cell-kernels.sh: do not edit; edit GruKernelF and rerun.
package org.flattenexplorer.model.cell;

import org.flattenexplorer.model.lstm.LstmMath;

/**
 * Double-precision kernel of Keras's GRU with {@code reset_after=True} (tf.keras 2's default), gate blocks in
 * Keras's order [z, r, h]:
 * <pre>
 * z  = sigmoid(x W_z + b_z + h_{t-1} U_z + c_z)
 * r  = sigmoid(x W_r + b_r + h_{t-1} U_r + c_r)
 * hh = tanh(x W_h + b_h + r * (h_{t-1} U_h + c_h))
 * h  = z * h_{t-1} + (1 - z) * hh
 * </pre>
 * with the input bias b (bias row 0) and the recurrent bias c (bias row 1). Backprop keeps z, r, hh (in the
 * projection row) and h_{t-1} U_h + c_h (the extras).
 */
class GruKernelD extends RecurrentKernelD {

    @Override
    int gates() {
        return 3;
    }

    @Override
    int biasRows() {
        return 2;
    }

    @Override
    int auxWidth(int units) {
        return units;
    }

    @Override
    boolean separateRecurrentDelta() {
        return true;
    }

    // Short loops of two or three arrays at the same index: the JIT vectorizes them (see RecurrentKernelD).

    @Override
    void forwardRow(double[][] zx, double[][] zh, double[][] bs, double[][] bi, double[][] br, double[] hp, double[] hn,
                    double[] ax, int units) {
        final double[] z = zx[0];
        final double[] r = zx[1];
        final double[] hh = zx[2];
        final double[] rh = zh[2];
        sigmoid(z, zh[0], bs[0], units);
        sigmoid(r, zh[1], bs[1], units);
        add(rh, br[2], units);              // h_{t-1} U_h + c_h, kept for backprop
        System.arraycopy(rh, 0, ax, 0, units);
        add(hh, bi[2], units);              // x W_h + b_h
        candidate(hh, r, rh, units);        // hh = tanh(x W_h + b_h + r * (h_{t-1} U_h + c_h))
        mix(hn, z, hp, hh, units);          // h = z * h_{t-1} + (1 - z) * hh
    }

    @Override
    void backwardRow(double[][] a, double[] ax, double[] hp, double[] g, double[][] dx, double[][] dh, double[] carry,
                     int units) {
        final double[] z = a[0];
        final double[] r = a[1];
        final double[] hh = a[2];
        final double[] dz = dx[0];
        final double[] dr = dx[1];
        final double[] dCand = dx[2];
        candidateDelta(dCand, g, z, hh, units);   // dL/d(candidate's pre-activation)
        difference(dz, hp, hh, units);
        gateDelta(dz, g, z, units);               // dL/d(z's pre-activation) = g (h_{t-1} - hh) z (1 - z)
        resetDelta(dr, dCand, ax, r, units);      // dL/d(r's pre-activation) = dCand (h_{t-1} U_h + c_h) r (1 - r)
        System.arraycopy(dz, 0, dh[0], 0, units);
        System.arraycopy(dr, 0, dh[1], 0, units);
        product(dh[2], dCand, r, units);          // the recurrent candidate part enters multiplied by r
        product(carry, g, z, units);              // h_{t-1} enters h directly, weighted by z
    }

    /** a = sigmoid(a + b + c), in place. */
    private static void sigmoid(double[] a, double[] b, double[] c, int units) {
        LstmMath.sigmoidBias(a, b, c, units);
    }

    private static void add(double[] a, double[] b, int units) {
        for (int u = 0; u < units; u++) {
            a[u] += b[u];
        }
    }

    private static void candidate(double[] hh, double[] r, double[] rh, int units) {
        LstmMath.tanhGated(hh, r, rh, units);
    }

    private static void mix(double[] hn, double[] z, double[] hp, double[] hh, int units) {
        for (int u = 0; u < units; u++) {
            hn[u] = hh[u] + z[u] * (hp[u] - hh[u]);
        }
    }

    private static void candidateDelta(double[] out, double[] g, double[] z, double[] hh, int units) {
        for (int u = 0; u < units; u++) {
            out[u] = g[u] * (1 - z[u]) * (1 - hh[u] * hh[u]);
        }
    }

    private static void difference(double[] out, double[] a, double[] b, int units) {
        for (int u = 0; u < units; u++) {
            out[u] = a[u] - b[u];
        }
    }

    /** out *= g z (1 - z). */
    private static void gateDelta(double[] out, double[] g, double[] z, int units) {
        for (int u = 0; u < units; u++) {
            out[u] *= g[u] * (z[u] * (1 - z[u]));
        }
    }

    private static void resetDelta(double[] out, double[] dCand, double[] rh, double[] r, int units) {
        for (int u = 0; u < units; u++) {
            out[u] = dCand[u] * rh[u] * (r[u] * (1 - r[u]));
        }
    }

    private static void product(double[] out, double[] a, double[] b, int units) {
        for (int u = 0; u < units; u++) {
            out[u] = a[u] * b[u];
        }
    }
}
