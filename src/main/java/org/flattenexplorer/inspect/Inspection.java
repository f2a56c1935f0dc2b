package org.flattenexplorer.inspect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Head;

/**
 * Everything the "Hidden states" views show for one review under one model: the tokens, the T x U states and
 * what the Dense layer reads from them. Immutable; computed off the UI thread by {@link #of}.
 *
 * @param modelName  a label for people (the run's name)
 * @param probeNanos how long the probe and the readout took
 */
public record Inspection(String modelName, ExperimentSpec spec, EncodedReview review, HiddenStates states,
                         DenseReadout readout, long probeNanos) {

    /** A word and its share of the logit. */
    public record WordContribution(int t, String word, double contribution) {}

    /**
     * Probes the network. A network is not thread-safe: the probe holds the network's lock, so callers on
     * other threads (a training loop that locks it too, a second view) wait their turn.
     */
    public static Inspection of(String modelName, MultiLayerNetwork net, ExperimentSpec spec, EncodedReview review) {
        long start = System.nanoTime();
        synchronized (net) {
            HiddenStates states = HiddenStateProbe.probe(net, spec, review);
            DenseReadout readout = DenseReadout.of(net, spec, states);
            // states.review(): for go_backwards, the review in the order the layer read it
            return new Inspection(modelName, spec, states.review(), states, readout, System.nanoTime() - start);
        }
    }

    public int timeSteps() {
        return states.timeSteps();
    }

    public int units() {
        return states.units();
    }

    /** True when the Dense weights fold back to T x U (return_sequences=True + Flatten). */
    public boolean foldsWeights() {
        return spec.model().returnSequences() && spec.model().head() == Head.FLATTEN;
    }

    /**
     * The time step whose state the Dense layer reads for a last-state model (for Bidirectional, the forward half's;
     * the backward half is read at step 0), -1 otherwise.
     */
    public int lastStateRow() {
        return spec.model().lastStateOnly() ? DenseReadout.lastStateRows(spec, review, units())[0] : -1;
    }

    /**
     * {first, last} column of the state the Dense layer reads at {@link #lastStateRow()}: every column, except for
     * Bidirectional, whose backward half is read at step 0. The window and the PNG outline just these.
     */
    public int[] lastStateColumns() {
        int last = spec.model().bidirectional() ? units() / 2 - 1 : units() - 1;
        return new int[] {0, last};
    }

    /** Weights x states, [T][U]; only for a Flatten model ({@link #foldsWeights()}), null otherwise. */
    public float[][] product() {
        if (!foldsWeights()) {
            return null;
        }
        float[][] w = readout.weights();
        float[][] p = new float[timeSteps()][units()];
        for (int t = 0; t < p.length; t++) {
            for (int u = 0; u < p[t].length; u++) {
                p[t][u] = w[t][u] * states.at(t, u);
            }
        }
        return p;
    }

    /** The largest |weight|, for the folded weights' colour scale. */
    public float weightsMaxAbs() {
        return maxAbs(readout.weights());
    }

    /** The {@code n} words (padding excluded) with the largest positive (or negative) contributions, strongest first. */
    public List<WordContribution> topWords(int n, boolean positive) {
        List<WordContribution> all = new ArrayList<>();
        double[] c = readout.contributions();
        for (int t = 0; t < c.length; t++) {
            if (!review.padding()[t] && (positive ? c[t] > 0 : c[t] < 0)) {
                all.add(new WordContribution(t, review.words()[t], c[t]));
            }
        }
        Comparator<WordContribution> strength = Comparator.comparingDouble(w -> Math.abs(w.contribution()));
        all.sort(strength.reversed());
        return all.subList(0, Math.min(n, all.size()));
    }

    /** {sum of the words' contributions, sum of the padding steps' contributions}. */
    public double[] wordAndPaddingShares() {
        double words = 0;
        double pad = 0;
        double[] c = readout.contributions();
        for (int t = 0; t < c.length; t++) {
            if (review.padding()[t]) {
                pad += c[t];
            } else {
                words += c[t];
            }
        }
        return new double[] {words, pad};
    }

    /** "t = 12, u = 5, h = 0.1234, token = great" for a cell of the state matrix. */
    public String describeCell(int t, int u) {
        return describeCell("h", states.values(), review, t, u);
    }

    /** The hover text of cell (t, u) of any T x U matrix over this review. */
    public static String describeCell(String quantity, float[][] values, EncodedReview review, int t, int u) {
        return String.format(java.util.Locale.ROOT, "t = %d, u = %d, %s = %.4f, token = %s", t, u, quantity,
                values[t][u], review.words()[t]);
    }

    /**
     * The numbers the Dense layer actually receives: the flattened T x U vector for Flatten, the last state's
     * U values for return_sequences=False, the pooled U values for the pooling heads.
     */
    public float[] denseInput() {
        if (foldsWeights()) {
            return states.flattened();
        }
        if (spec.model().lastStateOnly()) {
            int[] rows = DenseReadout.lastStateRows(spec, review, units());
            float[] read = new float[units()];
            for (int u = 0; u < read.length; u++) {
                read[u] = states.at(rows[u], u);
            }
            return read;
        }
        return switch (spec.model().head()) { // exhaustive: a new head says here what the Dense layer receives
            case GLOBAL_MAX -> maxPooled();
            case GLOBAL_AVG -> averaged();
            case FLATTEN, NONE -> throw new IllegalStateException(spec.model().head() + " was read above");
        };
    }

    private float[] maxPooled() {
        int[] source = readout.sourceStep();
        float[] pooled = new float[units()];
        for (int u = 0; u < pooled.length; u++) {
            pooled[u] = source != null && source[u] >= 0 ? states.at(source[u], u) : 0;
        }
        return pooled;
    }

    private float[] averaged() {
        boolean[] steps = DenseReadout.pooledSteps(spec, review);
        int counted = 0;
        for (boolean s : steps) {
            counted += s ? 1 : 0;
        }
        float[] pooled = new float[units()];
        for (int u = 0; u < pooled.length; u++) {
            double sum = 0;
            for (int t = 0; t < timeSteps(); t++) {
                if (steps[t]) {
                    sum += states.at(t, u);
                }
            }
            pooled[u] = counted == 0 ? 0 : (float) (sum / counted);
        }
        return pooled;
    }

    /**
     * What the Dense layer reads when it is not all of the states (last state, pooling), in sentences: the one
     * wording of the window's note and the PNG's. Empty for Flatten, whose folded weights say it.
     */
    public List<String> readoutNote() {
        List<String> note = new ArrayList<>();
        if (spec.model().goBackwards()) {
            note.add("go_backwards: the rows are in the order the layer reads the review, last position first, "
                    + "as Keras returns them.");
        }
        if (foldsWeights()) {
            return List.copyOf(note);
        }
        if (spec.model().lastStateOnly()) {
            int last = lastStateRow();
            int word = review.lastWordPosition();
            int gap = word < 0 ? timeSteps() : last - word;
            note.add(spec.model().bidirectional()
                    ? "Bidirectional, return_sequences=False: the Dense layer reads the forward half of h_" + last
                    + " (outlined in green) and the backward half of h_0 (black dots): " + units() + " numbers through "
                    + (units() + 1) + " weights."
                    : "return_sequences=False: the Dense layer reads only h_" + last + " (outlined in green): "
                    + units() + " numbers through " + (units() + 1) + " weights.");
            note.add(word < 0 ? "This review has no known word." : gap <= 0
                    ? "It is read right at the last word (t=" + word + ")."
                    : "It is read " + gap + " padding steps after the last word (t=" + word + ").");
            note.add("No other row of the heatmap reaches the Dense layer.");
            return List.copyOf(note);
        }
        note.add(spec.model().head().title() + ": the Dense layer reads " + units() + " pooled numbers, one per unit, "
                + "through " + (units() + 1) + " weights.");
        note.add(readout.sourceStep() != null ? "Black dots: the time step each unit's maximum came from."
                : "Every counted step shares each unit's term equally.");
        return List.copyOf(note);
    }

    /** What {@link #denseInput()} is, in words. */
    public String denseInputName() {
        if (foldsWeights()) {
            return "Flatten: h_0..h_" + (timeSteps() - 1) + " end to end, " + String.format("%,d", timeSteps() * units())
                    + " numbers (index = t * " + units() + " + u)";
        }
        if (spec.model().lastStateOnly()) {
            return spec.model().bidirectional()
                    ? "return_sequences=False: forward h_" + lastStateRow() + " and backward h_0, " + units() + " numbers"
                    : "return_sequences=False: only h_" + lastStateRow() + ", " + units() + " numbers";
        }
        return spec.model().head().title() + " over time: " + units() + " numbers";
    }

    /** The largest |value| of a matrix: the end of its colour scale (one definition for every view and the PNG). */
    public static float maxAbs(float[][] m) {
        float max = 0;
        for (float[] row : m) {
            for (float v : row) {
                max = Math.max(max, Math.abs(v));
            }
        }
        return max;
    }
}
