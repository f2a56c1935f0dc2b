package org.flattenexplorer.model.lstm;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The numeric core of {@link FastLstmLayer}: a no-peephole LSTM with sigmoid gates and tanh, DL4J's gate
 * block order [g (tanh), f, o, i] and Keras's masking semantics: a masked step (mask value 0) keeps the
 * previous h and c and outputs that h again (zeros before the first real step), and the backward pass is the
 * exact gradient of that, so dL/dh and dL/dc cross masked steps unchanged and masked steps add nothing to the
 * weight gradients. (DL4J's stock layer zeroes h and c at masked steps and ignores the mask in backprop.)
 *
 * <p>Implementations keep, per layer instance, the native and Java buffers of the last forward pass that
 * {@link #backward} needs; they are reused from batch to batch. Not thread-safe: one call at a time.
 */
interface LstmKernel {

    /**
     * Forward pass.
     *
     * @param input       [b, nIn, T] (dropout already applied), any ordering
     * @param w           input weights [nIn, 4U]
     * @param rw          recurrent weights [U, 4U]
     * @param bias        [1, 4U]
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
     * @param gW     receives dL/dW [nIn, 4U] (overwritten)
     * @param gRW    receives dL/dRW [U, 4U] (overwritten)
     * @param gB     receives dL/db [1, 4U] (overwritten)
     * @param epsOut receives dL/dinput as [b, T, nIn] c-order (batch-major; overwritten)
     */
    void backward(INDArray eps, INDArray gW, INDArray gRW, INDArray gB, INDArray epsOut);

    /** Frees the cached buffers; the next call allocates them again. */
    void release();
}
