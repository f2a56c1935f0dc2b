// GENERATED from SimpleRnnKernelF.java by gen-double-cell-kernels.sh: do not edit; edit SimpleRnnKernelF and rerun.
package org.flattenexplorer.model.cell;

import org.flattenexplorer.model.lstm.LstmMath;

/**
 * Double-precision kernel of Keras's SimpleRNN (tanh): {@code h = tanh(x W + b + h_{t-1} U)}. Backprop needs h_t
 * only (kept in the projection row), and the recurrent projection's delta is the input projection's.
 */
class SimpleRnnKernelD extends RecurrentKernelD {

    @Override
    int gates() {
        return 1;
    }

    @Override
    int biasRows() {
        return 1;
    }

    @Override
    int auxWidth(int units) {
        return 0;
    }

    @Override
    boolean separateRecurrentDelta() {
        return false;
    }

    @Override
    void forwardRow(double[][] zx, double[][] zh, double[][] bs, double[][] bi, double[][] br, double[] hp, double[] hn,
                    double[] ax, int units) {
        final double[] a = zx[0];
        final double[] r = zh[0];
        final double[] b = bs[0];
        LstmMath.tanhSum(a, r, b, units);
        System.arraycopy(a, 0, hn, 0, units);
    }

    @Override
    void backwardRow(double[][] a, double[] ax, double[] hp, double[] g, double[][] dx, double[][] dh, double[] carry,
                     int units) {
        final double[] d = dx[0];
        final double[] h = a[0];
        for (int u = 0; u < units; u++) {
            d[u] = g[u] * (1 - h[u] * h[u]);
        }
        java.util.Arrays.fill(carry, 0);
    }
}
