package org.flattenexplorer.model;

import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's {@code orthogonal} initializer for the LSTM's recurrent kernel [U, 4U]: a random Gaussian matrix
 * orthonormalised along its shorter side (Gram-Schmidt, which is QR with a positive diagonal, Keras's sign fix).
 * Written here because ND4J 1.0.0-M2.1's OrthogonalDistribution hangs in its native QR.
 */
public class KerasOrthogonal implements IWeightInit {

    @Override
    public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        boolean wide = rows <= cols;
        int vectors = wide ? rows : cols;
        int length = wide ? cols : rows;
        double[][] basis = orthonormalGaussian(vectors, length, Nd4j.getRandom());
        double[][] values = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                values[i][j] = wide ? basis[i][j] : basis[j][i];
            }
        }
        INDArray shaped = paramView.reshape(order, shape);
        shaped.assign(Nd4j.createFromArray(values).castTo(paramView.dataType()));
        return shaped;
    }

    /** {@code count} orthonormal vectors of {@code length} (count <= length), from Gaussian samples. */
    static double[][] orthonormalGaussian(int count, int length, Random random) {
        double[][] v = new double[count][length];
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < length; k++) {
                v[i][k] = random.nextGaussian();
            }
            for (int j = 0; j < i; j++) {
                double dot = 0;
                for (int k = 0; k < length; k++) {
                    dot += v[i][k] * v[j][k];
                }
                for (int k = 0; k < length; k++) {
                    v[i][k] -= dot * v[j][k];
                }
            }
            double norm = 0;
            for (int k = 0; k < length; k++) {
                norm += v[i][k] * v[i][k];
            }
            norm = Math.sqrt(norm);
            for (int k = 0; k < length; k++) {
                v[i][k] /= norm;
            }
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KerasOrthogonal;
    }

    @Override
    public int hashCode() {
        return KerasOrthogonal.class.hashCode();
    }
}
