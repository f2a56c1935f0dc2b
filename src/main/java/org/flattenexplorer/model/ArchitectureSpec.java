package org.flattenexplorer.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.flattenexplorer.data.Padding;
import org.flattenexplorer.data.Preprocessing;

/**
 * Every toggle of one experiment: the model family {@code Embedding -> recurrent cell -> head -> Dense(1, sigmoid)},
 * its preprocessing and its training settings. Immutable, so a run can be reproduced from it exactly.
 * Component names are the JSON keys of saved runs and of the CLI's JSON output; files written before the cell,
 * Bidirectional and go_backwards existed read as an LSTM read forwards, and their {@code "lstm"} key as the
 * implementation.
 *
 * @param wordIndex      path of Keras's {@code imdb_word_index.json}; null = vocabulary fitted on the training split
 * @param numWords       vocabulary cap ({@code num_words}); null = no cap
 * @param bidirectional  Keras's Bidirectional(cell, merge_mode='concat'): each step's state is 2 x units wide
 * @param goBackwards    Keras's go_backwards=True: the cell reads the review from its end
 */
public record ArchitectureSpec(
        boolean returnSequences,
        Head head,
        Padding padding,
        Padding truncating,
        boolean masking,
        int maxlen,
        int embedding,
        int units,
        double dropout,
        double lr,
        int batch,
        int epochs,
        long seed,
        int trainSize,
        int valSize,
        int testSize,
        Integer numWords,
        String wordIndex,
        @JsonAlias("lstm") Implementation implementation,
        Cell cell,
        boolean bidirectional,
        boolean goBackwards) {

    /** Upper bounds that keep one run inside a desktop's memory; beyond them the numbers are a typo. */
    static final int MAX_MAXLEN = 2000;
    static final int MAX_WIDTH = 1024;
    static final int MAX_BATCH = 4096;
    static final int MAX_EPOCHS = 500;

    public ArchitectureSpec {
        if (head == null || padding == null || truncating == null || implementation == null) {
            throw new IllegalArgumentException("head, padding, truncating and implementation must be set");
        }
        cell = cell == null ? Cell.LSTM : cell;
    }

    /** The question's Flatten model: return_sequences=True, Flatten, post padding, 448/200 reviews, 7 epochs. */
    public static ArchitectureSpec question() {
        return new ArchitectureSpec(true, Head.FLATTEN, Padding.POST, Padding.PRE, false, 500, 128, 128,
                0.2, 1e-3, 32, 7, 42, 448, 200, 1000, null, null, Implementation.FAST, Cell.LSTM, false, false);
    }

    /** The data settings of this spec: what turns reviews into padded token ids. */
    public Preprocessing preprocessing() {
        return new Preprocessing(maxlen, padding, truncating, wordIndex != null,
                wordIndex == null ? null : Path.of(wordIndex),
                numWords == null ? OptionalInt.empty() : OptionalInt.of(numWords),
                trainSize, valSize, testSize, seed);
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

    /** How many numbers reach the Dense layer for one review. */
    public long denseInputSize() {
        return returnSequences && head == Head.FLATTEN ? (long) maxlen * stateWidth() : stateWidth();
    }

    /** Why this combination cannot be trained, in the user's terms; empty when it can. */
    public Optional<String> invalidReason() {
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
        if (masking && implementation == Implementation.STOCK && (padding == Padding.PRE || returnSequences && head == Head.GLOBAL_MAX)) {
            problems.add("DL4J's own LSTM (--lstm stock) does not follow Keras's masking: it computes gradients as if "
                    + "there were no mask, and under a pooling head it runs over the padding too, which gives wrong "
                    + "results with pre padding and with global max pooling. Use the fast LSTM (the default).");
        }
        checkRange(problems, "maxlen", maxlen, 1, MAX_MAXLEN, "tokens");
        checkRange(problems, "embedding size", embedding, 1, MAX_WIDTH, "");
        checkRange(problems, cell.kerasType() + " units", units, 1, MAX_WIDTH, "");
        checkRange(problems, "batch size", batch, 1, MAX_BATCH, "");
        checkRange(problems, "epochs", epochs, 1, MAX_EPOCHS, "");
        if (!(dropout >= 0 && dropout < 1)) {
            problems.add("dropout must be at least 0 and below 1 (got " + dropout + ")");
        }
        if (!(lr > 0 && lr <= 1)) {
            problems.add("learning rate must be above 0 and at most 1 (got " + lr + ")");
        }
        if (trainSize < 2) {
            problems.add("the training split needs at least 2 reviews (got " + trainSize + ")");
        }
        if (valSize < 1) {
            problems.add("the validation split needs at least 1 review (got " + valSize + ")");
        }
        if (testSize < 0) {
            problems.add("the test size cannot be negative (got " + testSize + ")");
        }
        if (numWords != null && numWords < 4) {
            problems.add("num_words must be at least 4 when set (got " + numWords + ")");
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", problems));
    }

    @JsonIgnore
    public boolean isValid() {
        return invalidReason().isEmpty();
    }

    /** @throws InvalidSpecException naming every problem */
    public ArchitectureSpec requireValid() {
        invalidReason().ifPresent(reason -> {
            throw new InvalidSpecException(reason);
        });
        return this;
    }

    private static void checkRange(List<String> problems, String what, int value, int min, int max, String unit) {
        if (value < min || value > max) {
            problems.add(what + " must be between " + min + " and " + max + (unit.isEmpty() ? "" : " " + unit)
                    + " (got " + value + ")");
        }
    }

    /** The recurrent layer as Keras code names it: "LSTM", "GRU (go_backwards)", "Bidirectional(LSTM)". */
    public String recurrentLayerName() {
        String name = bidirectional ? "Bidirectional(" + cell.kerasType() + ")" : cell.kerasType();
        return goBackwards ? name + " (go_backwards)" : name;
    }

    /** The variant in words, e.g. "Flatten · post padding · 128 units", "GRU · Last state · post padding · ...". */
    public String describe() {
        String headWords;
        if (!returnSequences) {
            headWords = "Last state";
        } else {
            headWords = head.title();
        }
        // an LSTM read forwards is the question's, and keeps its short name
        String layer = (bidirectional ? "Bidirectional " : "") + (cell != Cell.LSTM || bidirectional
                ? cell.kerasType() + " · " : "");
        StringBuilder text = new StringBuilder(layer).append(headWords);
        if (goBackwards) {
            text.append(" · go_backwards");
        }
        text.append(" · ").append(padding.name().toLowerCase()).append(" padding");
        if (masking) {
            text.append(" · masked");
        }
        return text.append(" · ").append(units).append(" units").toString();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes a few settings of a spec; everything else is kept. */
    public static final class Builder {
        private boolean returnSequences;
        private Head head;
        private Padding padding;
        private Padding truncating;
        private boolean masking;
        private int maxlen;
        private int embedding;
        private int units;
        private double dropout;
        private double lr;
        private int batch;
        private int epochs;
        private long seed;
        private int trainSize;
        private int valSize;
        private int testSize;
        private Integer numWords;
        private String wordIndex;
        private Implementation implementation;
        private Cell cell;
        private boolean bidirectional;
        private boolean goBackwards;

        private Builder(ArchitectureSpec s) {
            returnSequences = s.returnSequences;
            head = s.head;
            padding = s.padding;
            truncating = s.truncating;
            masking = s.masking;
            maxlen = s.maxlen;
            embedding = s.embedding;
            units = s.units;
            dropout = s.dropout;
            lr = s.lr;
            batch = s.batch;
            epochs = s.epochs;
            seed = s.seed;
            trainSize = s.trainSize;
            valSize = s.valSize;
            testSize = s.testSize;
            numWords = s.numWords;
            wordIndex = s.wordIndex;
            implementation = s.implementation;
            cell = s.cell;
            bidirectional = s.bidirectional;
            goBackwards = s.goBackwards;
        }

        public Builder returnSequences(boolean v) { returnSequences = v; return this; }
        public Builder head(Head v) { head = v; return this; }
        public Builder padding(Padding v) { padding = v; return this; }
        public Builder truncating(Padding v) { truncating = v; return this; }
        public Builder masking(boolean v) { masking = v; return this; }
        public Builder maxlen(int v) { maxlen = v; return this; }
        public Builder embedding(int v) { embedding = v; return this; }
        public Builder units(int v) { units = v; return this; }
        public Builder dropout(double v) { dropout = v; return this; }
        public Builder lr(double v) { lr = v; return this; }
        public Builder batch(int v) { batch = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder trainSize(int v) { trainSize = v; return this; }
        public Builder valSize(int v) { valSize = v; return this; }
        public Builder testSize(int v) { testSize = v; return this; }
        public Builder numWords(Integer v) { numWords = v; return this; }
        public Builder wordIndex(String v) { wordIndex = v; return this; }
        public Builder implementation(Implementation v) { implementation = v; return this; }
        public Builder cell(Cell v) { cell = v; return this; }
        public Builder bidirectional(boolean v) { bidirectional = v; return this; }
        public Builder goBackwards(boolean v) { goBackwards = v; return this; }

        public ArchitectureSpec build() {
            return new ArchitectureSpec(returnSequences, head, padding, truncating, masking, maxlen, embedding, units,
                    dropout, lr, batch, epochs, seed, trainSize, valSize, testSize, numWords, wordIndex, implementation, cell,
                    bidirectional, goBackwards);
        }
    }
}
