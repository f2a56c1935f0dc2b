package org.flattenexplorer.model;

import java.util.Optional;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.flattenexplorer.model.cell.RecurrentLayers;
import org.nd4j.linalg.activations.Activation;

/**
 * A recurrent layer of the model family, with everything the app needs to know about it: its Keras name and
 * parameter count (the summary), its DL4J layer on each implementation, and when it cannot be built. Adding a
 * cell is one constant here: every switch over cells is exhaustive, so the compiler lists what else it needs.
 */
public enum Cell {
    LSTM("lstm", "LSTM", "lstm"),
    GRU("gru", "GRU", "gru"),
    SIMPLE_RNN("simple-rnn", "SimpleRNN", "simple_rnn");

    private final String cliName;
    private final String kerasType;
    private final String kerasName;

    Cell(String cliName, String kerasType, String kerasName) {
        this.cliName = cliName;
        this.kerasType = kerasType;
        this.kerasName = kerasName;
    }

    public String cliName() {
        return cliName;
    }

    /** Keras's class name, the summary's "(type)". */
    public String kerasType() {
        return kerasType;
    }

    /** Keras's default layer name, the summary's first column. */
    public String kerasName() {
        return kerasName;
    }

    /**
     * Keras's parameter count for one direction: LSTM 4U(I+U+1), GRU with reset_after=True 3U(I+U+2) (two bias
     * vectors), SimpleRNN U(I+U+1). The summary reads DL4J's own count, which a test pins to these.
     */
    public long kerasParameters(long inputs, long units) {
        return switch (this) {
            case LSTM -> 4 * units * (inputs + units + 1);
            case GRU -> 3 * units * (inputs + units + 2);
            case SIMPLE_RNN -> units * (inputs + units + 1);
        };
    }

    /** Why this cell cannot be built on an implementation, in the user's terms; empty when it can. */
    public Optional<String> problemWith(Implementation implementation) {
        return switch (this) {
            case LSTM -> Optional.empty();
            case GRU, SIMPLE_RNN -> implementation == Implementation.STOCK
                    ? Optional.of(kerasType + " has no stock DL4J layer that follows Keras (DL4J has no GRU for this "
                    + "network type, and its SimpleRnn restarts from zero after padding): use the fast "
                    + "implementation (--lstm fast, the default)")
                    : Optional.empty();
        };
    }

    /** The cell's DL4J layer, with Keras's initialisers and input dropout (one mask per sequence). */
    BaseLayer layer(int inputs, int units, double dropout, Implementation implementation) {
        return switch (this) {
            case LSTM -> implementation == Implementation.STOCK ? stockLstm(inputs, units, dropout)
                    : RecurrentLayers.lstm(inputs, units, dropout);
            case GRU -> RecurrentLayers.gru(inputs, units, dropout);
            case SIMPLE_RNN -> RecurrentLayers.simpleRnn(inputs, units, dropout);
        };
    }

    private static BaseLayer stockLstm(int inputs, int units, double dropout) {
        org.deeplearning4j.nn.conf.layers.LSTM.Builder builder = new org.deeplearning4j.nn.conf.layers.LSTM.Builder()
                .nIn(inputs).nOut(units).activation(Activation.TANH).gateActivationFunction(Activation.SIGMOID)
                .forgetGateBiasInit(1.0).weightInit(new GlorotUniform()).weightInitRecurrent(new KerasOrthogonal());
        if (dropout > 0) {
            builder.dropOut(SequenceDropout.ofRate(dropout));
        }
        return builder.build();
    }

    public static Cell fromCliName(String name) {
        for (Cell cell : values()) {
            if (cell.cliName.equalsIgnoreCase(name) || cell.name().equalsIgnoreCase(name)
                    || cell.kerasType.equalsIgnoreCase(name)) {
                return cell;
            }
        }
        throw new IllegalArgumentException("unknown cell '" + name + "' (use lstm, gru or simple-rnn)");
    }
}
