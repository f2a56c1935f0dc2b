package org.flattenexplorer.model.cell;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.flattenexplorer.model.GlorotUniform;
import org.flattenexplorer.model.KerasOrthogonal;
import org.flattenexplorer.model.SequenceDropout;
import org.flattenexplorer.model.lstm.FastLstm;
import org.nd4j.linalg.activations.Activation;

/**
 * Builds Keras's recurrent layers as DL4J layers on the fast path: a cell ({@link #lstm}, {@link #gru},
 * {@link #simpleRnn}, each with Keras's initializers and Keras's input dropout), then {@link #recurrent} puts
 * return_sequences, go_backwards and Bidirectional around it:
 * <pre>{@code
 * Layer rnn = RecurrentLayers.recurrent(RecurrentLayers.gru(128, 128, 0.2), returnSequences, goBackwards, bidirectional);
 * long params = RecurrentLayers.kerasParameterCount(rnn);   // GRU(128) on 128 inputs: 99,072; bidirectional 198,144
 * long width = RecurrentLayers.outputWidth(rnn);            // 128, or 256 for Bidirectional
 * }</pre>
 *
 * <p>What comes out, [batch, width, T] with return_sequences (else [batch, width]), and what the hidden-state views
 * read ({@link RecurrentStates}):
 * <ul>
 * <li>a cell: h_t at step t; the last state is h_{T-1} (with a mask, the state after the last real step, which the
 *     masked steps after it repeat);</li>
 * <li>go_backwards: the steps in the order read, step t = the state after reading input steps T-1 ... T-1-t; the
 *     last state (step T-1 of that order) is the state after reading input step 0, and a Flatten's index
 *     t * U + u refers to that order, as in Keras;</li>
 * <li>Bidirectional: step t = [forward h_t, backward h_t] (2U wide, both in the input's order); the last state is
 *     [forward state after step T-1, backward state after step 0].</li>
 * </ul>
 */
public final class RecurrentLayers {

    private RecurrentLayers() {
    }

    /** Keras's LSTM (fast): tanh, sigmoid gates, glorot-uniform kernel, orthogonal recurrent kernel, forget bias 1. */
    public static FastLstm lstm(int nIn, int units, double dropout) {
        LSTM.Builder b = new LSTM.Builder().nIn(nIn).nOut(units).activation(Activation.TANH)
                .gateActivationFunction(Activation.SIGMOID).forgetGateBiasInit(1.0)
                .weightInit(new GlorotUniform()).weightInitRecurrent(new KerasOrthogonal());
        if (dropout > 0) {
            b.dropOut(SequenceDropout.ofRate(dropout));
        }
        return FastLstm.of(b.build());
    }

    /** Keras's GRU, reset_after=True: 3U (nIn + U + 2) parameters. */
    public static FastGru gru(int nIn, int units, double dropout) {
        FastGru.Builder b = new FastGru.Builder().nIn(nIn).nOut(units);
        if (dropout > 0) {
            b.dropOut(SequenceDropout.ofRate(dropout));
        }
        return b.build();
    }

    /** Keras's SimpleRNN (tanh): U (nIn + U + 1) parameters. */
    public static FastSimpleRnn simpleRnn(int nIn, int units, double dropout) {
        FastSimpleRnn.Builder b = new FastSimpleRnn.Builder().nIn(nIn).nOut(units);
        if (dropout > 0) {
            b.dropOut(SequenceDropout.ofRate(dropout));
        }
        return b.build();
    }

    /**
     * The cell with Keras's layer options: Bidirectional(merge_mode='concat'), else go_backwards, then, without
     * return_sequences, the last state ({@code LastTimeStep}; Bidirectional merges its last states itself).
     *
     * @throws IllegalArgumentException for go_backwards inside Bidirectional, which already reads the sequence
     *                                  both ways
     */
    public static Layer recurrent(BaseLayer cell, boolean returnSequences, boolean goBackwards, boolean bidirectional) {
        if (bidirectional) {
            if (goBackwards) {
                throw new IllegalArgumentException("go_backwards and Bidirectional together: Bidirectional already"
                        + " reads the review backwards; choose one");
            }
            return new KerasBidirectional(cell, returnSequences);
        }
        Layer layer = goBackwards ? new GoBackwards(cell) : cell;
        return returnSequences ? layer : new LastTimeStep(layer);
    }

    /** The layer's parameter count, which equals Keras's (LSTM 4U (nIn + U + 1), Bidirectional twice the cell's). */
    public static long kerasParameterCount(Layer layer) {
        return layer.initializer().numParams(layer);
    }

    /** Whether the layer returns the whole sequence (return_sequences=True) rather than the last state. */
    public static boolean returnsSequences(Layer layer) {
        if (layer instanceof KerasBidirectional b) {
            return b.isReturnSequences();
        }
        return !(layer instanceof LastTimeStep);
    }

    /** Features per step (or of the last state): the cell's units, twice that for Bidirectional. */
    public static long outputWidth(Layer layer) {
        if (layer instanceof KerasBidirectional b) {
            return 2 * b.units();
        }
        if (layer instanceof LastTimeStep l) {
            return outputWidth(l.getUnderlying());
        }
        if (layer instanceof GoBackwards g) {
            return outputWidth(g.getUnderlying());
        }
        return ((FeedForwardLayer) layer).getNOut();
    }

    /**
     * The layer as Keras would name it ("LSTM", "GRU, go_backwards", "Bidirectional(GRU)"), for saying what a saved
     * model holds; a layer that is not recurrent gets its class name.
     */
    public static String kerasDescription(Layer layer) {
        if (layer instanceof KerasBidirectional b) {
            return "Bidirectional(" + kerasDescription(b.getFwd()) + ")";
        }
        if (layer instanceof LastTimeStep l) {
            return kerasDescription(l.getUnderlying());
        }
        if (layer instanceof GoBackwards g) {
            return kerasDescription(g.getUnderlying()) + ", go_backwards";
        }
        if (layer instanceof LSTM || layer instanceof FastLstm) {
            return "LSTM";
        }
        if (layer instanceof FastGru) {
            return "GRU";
        }
        if (layer instanceof FastSimpleRnn) {
            return "SimpleRNN";
        }
        return layer.getClass().getSimpleName();
    }
}
