package org.flattenexplorer.model;

import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's {@code glorot_uniform}: U(-s, s), s = sqrt(6 / (rows + cols)) of the kernel's own shape.
 * DL4J's XAVIER_UNIFORM takes fan-in/out from the layer (for an LSTM: nOut and nIn + nOut), a different scale.
 */
public class GlorotUniform implements IWeightInit {

    @Override
    public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        double s = Math.sqrt(6.0 / (shape[0] + shape[shape.length - 1]));
        Nd4j.rand(paramView, Nd4j.getDistributions().createUniform(-s, s));
        return paramView.reshape(order, shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GlorotUniform;
    }

    @Override
    public int hashCode() {
        return GlorotUniform.class.hashCode();
    }
}
