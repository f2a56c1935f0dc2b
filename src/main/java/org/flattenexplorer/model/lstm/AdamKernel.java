package org.flattenexplorer.model.lstm;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam's element-wise step as ND4J's native op computes it (m and v updated in place, the gradient replaced by the
 * update m * alpha_t / (sqrt(v) + eps), alpha_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t)), over contiguous float
 * arrays, in cache-sized chunks, one range per fast-LSTM thread.
 */
final class AdamKernel {
    private static final int CHUNK = 16_384;

    private AdamKernel() {}

    static boolean supports(INDArray g, INDArray m, INDArray v) {
        return m != null && v != null && dense(g) && dense(m) && dense(v) && g.length() == m.length()
                && g.length() == v.length() && g.length() <= Integer.MAX_VALUE;
    }

    /** A float vector whose elements lie next to each other (DL4J's flattened parameter and state views). */
    private static boolean dense(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.isVectorOrScalar() && a.elementWiseStride() == 1;
    }

    static void apply(INDArray g, INDArray m, INDArray v, double lr, double beta1, double beta2, double epsilon,
                      int iteration) {
        double beta1t = Math.pow(beta1, iteration + 1);
        double beta2t = Math.pow(beta2, iteration + 1);
        double alpha = lr * Math.sqrt(1 - beta2t) / (1 - beta1t);
        if (Double.isNaN(alpha) || Double.isInfinite(alpha) || alpha == 0) {
            alpha = epsilon;
        }
        long n = g.length();
        FloatPointer pg = new FloatPointer(g.data().addressPointer());
        FloatPointer pm = new FloatPointer(m.data().addressPointer());
        FloatPointer pv = new FloatPointer(v.data().addressPointer());
        float a = (float) alpha;
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float eps = (float) epsilon;
        // parts the threads take one after another: a thread held up leaves its last part to the other
        BatchRows.forEach((int) n, (lo, len) -> range(new FloatPointer(pg), new FloatPointer(pm), new FloatPointer(pv),
                lo, lo + len, a, b1, b2, eps));
    }

    private static void range(FloatPointer pg, FloatPointer pm, FloatPointer pv, long from, long to, float alpha,
                              float beta1, float beta2, float eps) {
        float[] g = new float[CHUNK];
        float[] m = new float[CHUNK];
        float[] v = new float[CHUNK];
        for (long start = from; start < to; start += CHUNK) {
            int len = (int) Math.min(CHUNK, to - start);
            pg.position(start).get(g, 0, len);
            pm.position(start).get(m, 0, len);
            pv.position(start).get(v, 0, len);
            step(g, m, v, len, alpha, beta1, beta2, eps);
            pg.position(start).put(g, 0, len);
            pm.position(start).put(m, 0, len);
            pv.position(start).put(v, 0, len);
        }
    }

    /** One chunk; a separate small loop so the JIT vectorizes it. */
    static void step(float[] g, float[] m, float[] v, int len, float alpha, float beta1, float beta2, float eps) {
        float c1 = 1 - beta1;
        float c2 = 1 - beta2;
        for (int i = 0; i < len; i++) {
            float gi = g[i];
            float mi = beta1 * m[i] + gi * c1;
            float vi = beta2 * v[i] + gi * gi * c2;
            m[i] = mi;
            v[i] = vi;
            g[i] = mi * alpha / ((float) Math.sqrt(vi) + eps);
        }
    }
}
