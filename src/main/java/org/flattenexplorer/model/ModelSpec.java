package org.flattenexplorer.model;

import java.util.ArrayList;
import java.util.List;
import org.flattenexplorer.data.RangeCheck;

/**
 * The model of the family {@code Embedding -> recurrent layer -> head -> Dense(1, sigmoid)}: what a Keras model's
 * code says, apart from the input length (the preprocessing's maxlen). Component names are JSON keys of saved runs.
 *
 * @param returnSequences Keras's return_sequences: every step's state (True) or only the last (False)
 * @param head            what turns the sequence into one vector for the Dense layer
 * @param masking         Embedding(mask_zero=True): padding steps are skipped
 * @param cell            the recurrent layer's cell
 * @param bidirectional   Keras's Bidirectional(cell, merge_mode='concat'): each step's state is 2 x units wide
 * @param goBackwards     Keras's go_backwards=True: the cell reads the review from its end
 * @param embedding       the Embedding's output width
 * @param units           the recurrent layer's units
 * @param dropout         the recurrent layer's input dropout
 * @param implementation  DL4J's own layers or the project's fast kernels
 */
public record ModelSpec(
        boolean returnSequences,
        Head head,
        boolean masking,
        Cell cell,
        boolean bidirectional,
        boolean goBackwards,
        int embedding,
        int units,
        double dropout,
        Implementation implementation) {

    /** Upper bound that keeps one run inside a desktop's memory; beyond it the number is a typo. */
    static final int MAX_WIDTH = 1024;

    public ModelSpec {
        if (head == null || implementation == null) {
            throw new IllegalArgumentException("head and implementation must be set");
        }
        cell = cell == null ? Cell.LSTM : cell;
    }

    /** The question's model: LSTM(128, return_sequences=True, dropout=0.2) -> Flatten, on the fast kernels. */
    public static ModelSpec question() {
        return new ModelSpec(true, Head.FLATTEN, false, Cell.LSTM, false, false, 128, 128, 0.2,
                Implementation.FAST);
    }

    /** True when the Dense layer reads only the last hidden state h_T. */
    public boolean lastStateOnly() {
        return !returnSequences;
    }

    /** Keras accepts Flatten on a (None, 128) tensor and changes nothing: worth telling the user. */
    public boolean flattenIsNoOp() {
        return !returnSequences && head == Head.FLATTEN;
    }

    /** Numbers per step out of the recurrent layer: the units, twice them for Bidirectional ([forward, backward]). */
    public int stateWidth() {
        return bidirectional ? 2 * units : units;
    }

    /** How many numbers reach the Dense layer for one review of {@code maxlen} steps. */
    public long denseInputSize(int maxlen) {
        return returnSequences && head == Head.FLATTEN ? (long) maxlen * stateWidth() : stateWidth();
    }

    /** The recurrent layer as Keras code names it: "LSTM", "GRU (go_backwards)", "Bidirectional(LSTM)". */
    public String recurrentLayerName() {
        String name = bidirectional ? "Bidirectional(" + cell.kerasType() + ")" : cell.kerasType();
        return goBackwards ? name + " (go_backwards)" : name;
    }

    /** Why this model cannot be built for reviews of {@code maxlen} steps, in the user's terms. */
    public List<String> problems(int maxlen) {
        List<String> problems = new ArrayList<>();
        if (returnSequences && head == Head.NONE) {
            problems.add("return_sequences=True with no Flatten and no pooling: Dense would be applied to each of the "
                    + maxlen + " time steps and output (None, " + maxlen + ", 1), which does not match one label "
                    + "per review. Add Flatten or a pooling head, or set return_sequences=False.");
        }
        if (!returnSequences && head.isPooling()) {
            problems.add(head.title() + " needs a sequence (None, " + maxlen + ", " + stateWidth() + "), but with "
                    + "return_sequences=False the " + cell.kerasType() + " outputs one vector per review (None, "
                    + stateWidth() + "). "
                    + "Set return_sequences=True or choose another head.");
        }
        if (masking && returnSequences && head == Head.FLATTEN) {
            problems.add("Flatten does not support masking: Keras 2.0-2.3 stop with \"Layer flatten does not support "
                    + "masking\", and tf.keras 2 and Keras 3 drop the mask there, so the Dense layer would still read all "
                    + maxlen + " steps, padding included. Turn masking off, or read the last state "
                    + "(return_sequences=False) or use global average pooling: both skip the padding.");
        }
        cell.problemWith(implementation).ifPresent(problems::add);
        if (bidirectional && goBackwards) {
            problems.add("go_backwards and Bidirectional together: Bidirectional already reads the review both ways "
                    + "(its backward half is a go_backwards copy of the cell); choose one.");
        }
        if (implementation == Implementation.STOCK && (bidirectional || goBackwards)) {
            problems.add("Bidirectional and go_backwards are built on the fast implementation: use --lstm fast "
                    + "(the default).");
        }
        RangeCheck.check(problems, "embedding size", embedding, 1, MAX_WIDTH, "");
        RangeCheck.check(problems, cell.kerasType() + " units", units, 1, MAX_WIDTH, "");
        if (!(dropout >= 0 && dropout < 1)) {
            problems.add("dropout must be at least 0 and below 1 (got " + dropout + ")");
        }
        return problems;
    }

    /** The layers in words, e.g. "Flatten", "GRU · Last state · go_backwards", "Bidirectional LSTM · Last state". */
    public String describe() {
        // an LSTM read forwards is the question's, and keeps its short name
        String layer = (bidirectional ? "Bidirectional " : "") + (cell != Cell.LSTM || bidirectional
                ? cell.kerasType() + " · " : "");
        String text = layer + (returnSequences ? head.title() : "Last state");
        return goBackwards ? text + " · go_backwards" : text;
    }
}
