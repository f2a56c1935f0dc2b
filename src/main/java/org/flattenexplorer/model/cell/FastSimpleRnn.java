package org.flattenexplorer.model.cell;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Keras's {@code SimpleRNN} (tanh) as a DL4J layer: kernel [nIn, U], recurrent kernel [U, U], bias [1, U], so
 * SimpleRNN(128) on 128 inputs has 32,896 parameters, as in Keras (and as DL4J's own {@code SimpleRnn}, whose
 * layout it shares). It is not DL4J's {@code SimpleRnn} because that one zeroes its output and state at a masked
 * step, where Keras keeps the state; and it runs the fast kernel ({@link SimpleRnnKernelF}). Build it with
 * <pre>{@code new FastSimpleRnn.Builder().nIn(128).nOut(128).dropOut(SequenceDropout.ofRate(0.2)).build()}</pre>
 */
public class FastSimpleRnn extends RecurrentCellConfig {

    /** For JSON. */
    public FastSimpleRnn() {
    }

    private FastSimpleRnn(Builder builder) {
        super(builder);
    }

    @Override
    public int gates() {
        return 1;
    }

    @Override
    public int biasRows() {
        return 1;
    }

    @Override
    public String kerasName() {
        return "SimpleRNN";
    }

    @Override
    RecurrentKernel newKernel(DataType dataType) {
        return dataType == DataType.DOUBLE ? new SimpleRnnKernelD() : new SimpleRnnKernelF();
    }

    @Override
    public FastSimpleRnn clone() {
        return (FastSimpleRnn) super.clone();
    }

    /** Keras's defaults (see {@link RecurrentCellConfig.Builder}); set nIn, nOut and the dropout. */
    public static class Builder extends RecurrentCellConfig.Builder<Builder> {

        @Override
        @SuppressWarnings("unchecked")
        public FastSimpleRnn build() {
            return new FastSimpleRnn(this);
        }
    }
}
