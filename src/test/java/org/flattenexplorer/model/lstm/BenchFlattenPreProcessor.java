package org.flattenexplorer.model.lstm;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Minimal Keras-order Flatten for the benchmark and the tests: [b, U, T] (NCW) to [b, T*U] with element
 * t*U + u (permute to [b, T, U], then c-order reshape), and back. It drops the mask and does not zero
 * masked steps; the product's own Flatten preprocessor lives in the model package.
 */
public class BenchFlattenPreProcessor implements InputPreProcessor {

    private int units;

    public BenchFlattenPreProcessor() {
    }

    /** @param units the recurrent layer's size U (needed to restore [b, U, T] in backprop) */
    public BenchFlattenPreProcessor(int units) {
        this.units = units;
    }

    public int getUnits() {
        return units;
    }

    public void setUnits(int units) {
        this.units = units;
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        long b = input.size(0);
        long u = input.size(1);
        long t = input.size(2);
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, input.permute(0, 2, 1), 'c').reshape('c', b, t * u);
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        long b = output.size(0);
        long t = output.size(1) / units;
        return workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, output.reshape('c', b, t, units).permute(0, 2, 1), 'f');
    }

    @Override
    public BenchFlattenPreProcessor clone() {
        return new BenchFlattenPreProcessor(units);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BenchFlattenPreProcessor && ((BenchFlattenPreProcessor) o).units == units;
    }

    @Override
    public int hashCode() {
        return 31 * units + 7;
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        InputType.InputTypeRecurrent r = (InputType.InputTypeRecurrent) inputType;
        if (r.getTimeSeriesLength() <= 0) {
            throw new IllegalStateException("Flatten needs a known time series length");
        }
        return InputType.feedForward(r.getSize() * r.getTimeSeriesLength());
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        return new Pair<>(null, currentMaskState);
    }
}
