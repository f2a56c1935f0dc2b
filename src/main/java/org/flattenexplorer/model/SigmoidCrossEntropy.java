package org.flattenexplorer.model;

import java.util.Arrays;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Binary cross-entropy of a sigmoid output, computed from its logit z as tf.keras does when the output comes
 * straight from a sigmoid: loss = max(z, 0) - z * y + log(1 + exp(-|z|)), dLoss/dz = sigmoid(z) - y.
 *
 * <p>DL4J's {@code LossBinaryXENT} clips the probability at 1e-5 and then multiplies by the sigmoid's derivative
 * at the unclipped output, so a confidently wrong review (|z| above ~11.5) got a fading gradient and none at all
 * from |z| = 17, where Keras's is the full p - y = +-1. Computed in double, whatever the network's precision.
 * Only defined after a sigmoid: any other activation is refused.
 */
public class SigmoidCrossEntropy implements ILossFunction {

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double sum = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? sum / preOutput.size(0) : sum;
    }

    /** One score a row (the sum over its outputs), masked rows and outputs 0. */
    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        Rows r = rows(labels, preOutput, activationFn, mask);
        double[] score = new double[r.n];
        for (int i = 0; i < r.n; i++) {
            for (int j = 0; j < r.k; j++) {
                int at = i * r.k + j;
                double zv = r.z[at];
                double loss = Math.max(zv, 0) - zv * r.y[at] + Math.log1p(Math.exp(-Math.abs(zv)));
                score[i] += loss * r.maskAt(i, j);
            }
        }
        return Nd4j.createFromArray(score).reshape(r.n, 1).castTo(preOutput.dataType());
    }

    /** dLoss/dz = sigmoid(z) - y for each row and output (masked ones 0), not yet divided by the batch. */
    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        Rows r = rows(labels, preOutput, activationFn, mask);
        double[] grad = new double[r.n * r.k];
        for (int i = 0; i < r.n; i++) {
            for (int j = 0; j < r.k; j++) {
                int at = i * r.k + j;
                grad[at] = (sigmoid(r.z[at]) - r.y[at]) * r.maskAt(i, j);
            }
        }
        return Nd4j.createFromArray(grad).reshape(r.n, r.k).castTo(preOutput.dataType());
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                          IActivation activationFn, INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    /** The logistic function without overflow for large |z|. */
    static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }

    @Override
    public String name() {
        return "SigmoidCrossEntropy";
    }

    @Override
    public String toString() {
        return name() + "()";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigmoidCrossEntropy;
    }

    @Override
    public int hashCode() {
        return SigmoidCrossEntropy.class.hashCode();
    }

    private static Rows rows(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        if (!(activationFn instanceof ActivationSigmoid)) {
            throw new IllegalArgumentException("SigmoidCrossEntropy needs a sigmoid output, got " + activationFn);
        }
        if (preOutput.rank() != 2 || !Arrays.equals(labels.shape(), preOutput.shape())) {
            throw new IllegalArgumentException("labels " + Arrays.toString(labels.shape())
                    + " and outputs " + Arrays.toString(preOutput.shape()) + " must be the same [rows, outputs]");
        }
        int n = (int) preOutput.size(0);
        int k = (int) preOutput.size(1);
        double[] m = null;
        boolean perRow = false;
        if (mask != null) {
            perRow = mask.size(1) == 1 && k != 1;
            if (mask.size(0) != n || (mask.size(1) != k && !perRow)) {
                throw new IllegalArgumentException("mask " + Arrays.toString(mask.shape())
                        + " does not fit outputs " + Arrays.toString(preOutput.shape()));
            }
            m = mask.dup('c').castTo(DataType.DOUBLE).data().asDouble();
        }
        return new Rows(n, k, flat(preOutput), flat(labels), m, perRow);
    }

    private static double[] flat(INDArray a) {
        return a.dup('c').castTo(DataType.DOUBLE).data().asDouble();
    }

    /** Logits, labels and mask as row-major doubles. */
    private record Rows(int n, int k, double[] z, double[] y, double[] mask, boolean maskPerRow) {
        double maskAt(int i, int j) {
            if (mask == null) {
                return 1;
            }
            return maskPerRow ? mask[i] : mask[i * k + j];
        }
    }
}
