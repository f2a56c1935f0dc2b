package org.flattenexplorer.model.cell;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The numeric core of {@link FastRecurrentLayer}: one recurrent cell (GRU or SimpleRNN) over whole sequences, with
 * Keras's masking: a masked step (mask value 0) keeps the previous state and outputs it again (zeros before the
 * first real step), and the backward pass is the exact gradient of that, so dL/dh crosses masked steps unchanged and
 * masked steps add nothing to the weight gradients.
 *
 * <p>Parameters are Keras's, stacked by gate along the columns: kernel W [nIn, G], recurrent kernel RW [U, G] and
 * bias [rows, G], G = gates * U (see {@link RecurrentCellConfig}).
 *
 * <p>Implementations keep, per layer instance, the native and Java buffers of the last forward pass that
 * {@link #backward} needs; they are reused from batch to batch. Not thread-safe: one call at a time.
 */
interface RecurrentKernel {

    /**
     * Forward pass.
     *
     * @param input       [b, nIn, T] (dropout already applied), any ordering
     * @param w           kernel [nIn, G]
     * @param rw          recurrent kernel [U, G]
     * @param bias        [rows, G]
     * @param mask        [b, T] feature mask (0 = masked step, anything else = real step), or null for none
     * @param forBackprop keep what {@link #backward} needs
     * @param out         [b, T, U] c-order (batch-major) to receive the hidden states, or null when only the
     *                    cache is wanted
     */
    void forward(INDArray input, INDArray w, INDArray rw, INDArray bias, INDArray mask, boolean forBackprop,
                 INDArray out);

    /**
     * Backward pass over the last forward pass (which must have had {@code forBackprop}).
     *
     * @param eps    dL/dh, [b, U, T], any ordering
     * @param gW     receives dL/dW [nIn, G] (overwritten)
     * @param gRW    receives dL/dRW [U, G] (overwritten)
     * @param gB     receives dL/dbias [rows, G] (overwritten)
     * @param epsOut receives dL/dinput as [b, T, nIn] c-order (batch-major; overwritten)
     */
    void backward(INDArray eps, INDArray gW, INDArray gRW, INDArray gB, INDArray epsOut);

    /** Frees the cached buffers; the next call allocates them again. */
    void release();
}
