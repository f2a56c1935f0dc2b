package org.flattenexplorer.inspect;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Head;

/**
 * What the Dense layer reads from the hidden states of one review, split by time step.
 *
 * <p>For Flatten the Dense weights fold back to T x U ({@code weights[t][u]} multiplies h_t[u], Keras order), and
 * the contribution of step t is the row sum of weights x states. For the last state only step T-1 (or the last
 * word, with masking) contributes, and for a Bidirectional last state also step 0 (the backward half). For max pooling each unit's term goes to the (first) step its maximum came
 * from; for average pooling every pooled step shares it. In every case the contributions plus the bias are the
 * logit.
 *
 * @param weights       [T][U] for Flatten, [1][U] otherwise
 * @param contributions [T] each step's share of the logit
 * @param sourceStep    [U] for max pooling the step each unit's maximum came from, for a Bidirectional last state
 *                      the step each number is read at; null otherwise
 */
public record DenseReadout(float[][] weights, double bias, double[] contributions, int[] sourceStep) {

    public double logit() {
        double sum = bias;
        for (double c : contributions) {
            sum += c;
        }
        return sum;
    }

    public double probability() {
        return 1 / (1 + Math.exp(-logit()));
    }

    /** Time steps with a non-zero contribution. */
    public int contributingSteps() {
        int n = 0;
        for (double c : contributions) {
            if (c != 0) {
                n++;
            }
        }
        return n;
    }

    /**
     * The steps a pooling head pools over: every step, except that with masking average pooling skips the padding
     * (Keras's GlobalAveragePooling1D supports masking; GlobalMaxPooling1D does not and pools over every step).
     */
    static boolean[] pooledSteps(ExperimentSpec spec, EncodedReview review) {
        boolean[] pooled = new boolean[review.length()];
        boolean skipPadding = spec.model().masking() && spec.model().head().supportsMasking();
        for (int t = 0; t < pooled.length; t++) {
            pooled[t] = !(skipPadding && review.padding()[t]);
        }
        return pooled;
    }

    /**
     * For a last-state model, the row each of the {@code width} numbers the Dense layer reads comes from: the last
     * step (with masking, the last word's, which the masked steps after it repeat); for Bidirectional, the backward
     * half from step 0, where the backward pass ends.
     */
    static int[] lastStateRows(ExperimentSpec spec, EncodedReview review, int width) {
        int last = spec.model().masking() ? Math.max(0, review.lastWordPosition()) : review.length() - 1;
        int[] rows = new int[width];
        for (int u = 0; u < width; u++) {
            rows[u] = spec.model().bidirectional() && u >= width / 2 ? 0 : last;
        }
        return rows;
    }

    public static DenseReadout of(MultiLayerNetwork net, ExperimentSpec spec, HiddenStates states) {
        Layer dense = net.getOutputLayer();
        float[] w = dense.getParam("W").dup().data().asFloat();
        double bias = dense.getParam("b").getDouble(0);
        int steps = states.timeSteps();
        int units = states.units();
        double[] contributions = new double[steps];
        if (spec.model().returnSequences() && spec.model().head() == Head.FLATTEN) {
            float[][] folded = new float[steps][units];
            for (int t = 0; t < steps; t++) {
                for (int u = 0; u < units; u++) {
                    folded[t][u] = w[t * units + u];
                    contributions[t] += (double) folded[t][u] * states.at(t, u);
                }
            }
            return new DenseReadout(folded, bias, contributions, null);
        }
        float[][] row = {w};
        if (spec.model().lastStateOnly()) {
            int[] read = lastStateRows(spec, states.review(), units);
            for (int u = 0; u < units; u++) {
                contributions[read[u]] += (double) w[u] * states.at(read[u], u);
            }
            return new DenseReadout(row, bias, contributions, spec.model().bidirectional() ? read : null);
        }
        boolean[] counted = pooledSteps(spec, states.review());
        return switch (spec.model().head()) { // exhaustive: a new head says here what the Dense layer reads
            case GLOBAL_MAX -> maxPooled(row, bias, states, counted);
            case GLOBAL_AVG -> averaged(row, bias, states, counted);
            case FLATTEN, NONE -> throw new IllegalStateException(spec.model().head() + " was read above");
        };
    }

    /** Each unit's term goes to the (first) counted step its maximum came from. */
    private static DenseReadout maxPooled(float[][] row, double bias, HiddenStates states, boolean[] counted) {
        float[] w = row[0];
        double[] contributions = new double[states.timeSteps()];
        int[] source = new int[states.units()];
        for (int u = 0; u < source.length; u++) {
            int best = -1;
            for (int t = 0; t < contributions.length; t++) {
                if (counted[t] && (best < 0 || states.at(t, u) > states.at(best, u))) {
                    best = t;
                }
            }
            source[u] = best;
            if (best >= 0) {
                contributions[best] += (double) w[u] * states.at(best, u);
            }
        }
        return new DenseReadout(row, bias, contributions, source);
    }

    /** Every counted step shares each unit's term equally. */
    private static DenseReadout averaged(float[][] row, double bias, HiddenStates states, boolean[] counted) {
        float[] w = row[0];
        double[] contributions = new double[states.timeSteps()];
        int real = 0;
        for (boolean c : counted) {
            real += c ? 1 : 0;
        }
        for (int t = 0; t < contributions.length; t++) {
            if (counted[t]) {
                for (int u = 0; u < w.length; u++) {
                    contributions[t] += (double) w[u] * states.at(t, u) / real;
                }
            }
        }
        return new DenseReadout(row, bias, contributions, null);
    }
}
