package org.flattenexplorer.model.cell;

import org.flattenexplorer.model.lstm.LstmMath;

/**
 * Single-precision kernel of Keras's SimpleRNN (tanh): {@code h = tanh(x W + b + h_{t-1} U)}. Backprop needs h_t
 * only (kept in the projection row), and the recurrent projection's delta is the input projection's.
 */
class SimpleRnnKernelF extends RecurrentKernelF {

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
    void forwardRow(float[][] zx, float[][] zh, float[][] bs, float[][] bi, float[][] br, float[] hp, float[] hn,
                    float[] ax, int units) {
        final float[] a = zx[0];
        final float[] r = zh[0];
        final float[] b = bs[0];
        LstmMath.tanhSum(a, r, b, units);
        System.arraycopy(a, 0, hn, 0, units);
    }

    @Override
    void backwardRow(float[][] a, float[] ax, float[] hp, float[] g, float[][] dx, float[][] dh, float[] carry,
                     int units) {
        final float[] d = dx[0];
        final float[] h = a[0];
        for (int u = 0; u < units; u++) {
            d[u] = g[u] * (1 - h[u] * h[u]);
        }
        java.util.Arrays.fill(carry, 0);
    }
}
