package org.flattenexplorer.model.cell;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Keras's {@code GRU} with {@code reset_after=True} (tf.keras 2's default) as a DL4J layer: kernel [nIn, 3U],
 * recurrent kernel [U, 3U], bias [2, 3U] (input bias, recurrent bias), gate blocks [z, r, h], so GRU(128) on 128
 * inputs has 99,072 parameters, as in Keras. The math is in {@link GruKernelF}; masking, dropout and threads as
 * the fast LSTM's (see {@link FastRecurrentLayer}). Build it with
 * <pre>{@code new FastGru.Builder().nIn(128).nOut(128).dropOut(SequenceDropout.ofRate(0.2)).build()}</pre>
 */
public class FastGru extends RecurrentCellConfig {

    /** For JSON. */
    public FastGru() {
    }

    private FastGru(Builder builder) {
        super(builder);
    }

    @Override
    public int gates() {
        return 3;
    }

    @Override
    public int biasRows() {
        return 2;
    }

    @Override
    public String kerasName() {
        return "GRU";
    }

    @Override
    RecurrentKernel newKernel(DataType dataType) {
        return dataType == DataType.DOUBLE ? new GruKernelD() : new GruKernelF();
    }

    @Override
    public FastGru clone() {
        return (FastGru) super.clone();
    }

    /** Keras's defaults (see {@link RecurrentCellConfig.Builder}); set nIn, nOut and the dropout. */
    public static class Builder extends RecurrentCellConfig.Builder<Builder> {

        @Override
        @SuppressWarnings("unchecked")
        public FastGru build() {
            return new FastGru(this);
        }
    }
}
