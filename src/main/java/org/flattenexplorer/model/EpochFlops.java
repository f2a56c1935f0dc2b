package org.flattenexplorer.model;

import java.util.EnumMap;
import java.util.Map;

/**
 * The floating-point work of one epoch of a spec: the recurrent layer's matrix products (GEMMs), counted as the fast
 * kernels compute them, at 2 flops a multiply-add. They are all but a fraction of a percent of an epoch's arithmetic:
 * the gate math is a few tens of flops per unit and step against 2 x (inputs + units) x gates for the GEMMs, and the
 * Dense layer reads each state once. The bench divides each kind by the machine's SGEMM rate on its shape
 * ({@code model.lstm.GemmRates}) to get the floating-point bound of an epoch.
 *
 * <p>For {@code n} sequences of {@code T} steps, {@code E} inputs, {@code U} units and {@code G} gates (LSTM 4, GRU 3,
 * SimpleRNN 1), per direction: the input projection [nT, E] x [E, GU]; the recurrent product [n, U] x [U, GU] at
 * each step after the first (h before the first step is zero); in backprop the recurrent part of dL/dh
 * [n, GU] x [GU, U] at each step but the last, dL/dW = X^T dZ ([E, nT] x [nT, GU]), dL/dRW over the T - 1 step pairs
 * of each sequence ([U, n(T-1)] x [n(T-1), GU]) and dL/dX = dZ W^T ([nT, GU] x [GU, E], the embedding's gradient).
 * An epoch trains on the training split (forward and backward) and runs the validation split forward.
 */
public final class EpochFlops {

    /** One kind of GEMM of the recurrent layer, with its shape for a slice of {@code n} sequences. */
    public enum Gemm {
        INPUT_PROJECTION("input projection", true),
        RECURRENT("recurrent (per step)", true),
        RECURRENT_BACKWARD("recurrent dL/dh (per step)", false),
        INPUT_WEIGHT_GRADIENT("dL/dW", false),
        RECURRENT_WEIGHT_GRADIENT("dL/dRW", false),
        INPUT_GRADIENT("dL/dX", false);

        private final String label;
        private final boolean forward;

        Gemm(String label, boolean forward) {
            this.label = label;
            this.forward = forward;
        }

        public String label() {
            return label;
        }

        /** Part of the forward pass (so also of validation). */
        public boolean forward() {
            return forward;
        }

        /**
         * {m, n, k} of one call for a slice of {@code n} sequences: the per-step kinds are one step's product
         * (called once per step), the others the whole slice's.
         */
        public long[] shape(long n, Dims d) {
            long gu = (long) d.gates() * d.units();
            long nt = n * d.steps();
            return switch (this) {
                case INPUT_PROJECTION -> new long[] {nt, gu, d.inputs()};
                case RECURRENT -> new long[] {n, gu, d.units()};
                case RECURRENT_BACKWARD -> new long[] {n, d.units(), gu};
                case INPUT_WEIGHT_GRADIENT -> new long[] {d.inputs(), gu, nt};
                case RECURRENT_WEIGHT_GRADIENT -> new long[] {d.units(), gu, n * (d.steps() - 1)};
                case INPUT_GRADIENT -> new long[] {nt, d.inputs(), gu};
            };
        }

        /** Calls of {@link #shape} per pass: T - 1 for the per-step kinds, 1 for the others. */
        public long calls(Dims d) {
            return this == RECURRENT || this == RECURRENT_BACKWARD ? Math.max(0, d.steps() - 1) : 1;
        }

        /** Flops of this kind for {@code n} sequences, one direction. */
        public double flops(long n, Dims d) {
            long[] s = shape(n, d);
            return 2.0 * s[0] * s[1] * s[2] * calls(d);
        }
    }

    /** The shapes that set the work: steps, inputs (embedding width), units, gates, directions. */
    public record Dims(int steps, int inputs, int units, int gates, int directions) {
        public static Dims of(ExperimentSpec spec) {
            return new Dims(spec.data().maxlen(), spec.model().embedding(), spec.model().units(),
                    EpochFlops.gates(spec.model().cell()),
                    spec.model().bidirectional() ? 2 : 1);
        }
    }

    private final Dims dims;
    private final int train;
    private final int validation;

    public EpochFlops(Dims dims, int train, int validation) {
        this.dims = dims;
        this.train = train;
        this.validation = validation;
    }

    public static EpochFlops of(ExperimentSpec spec) {
        return new EpochFlops(Dims.of(spec), spec.data().trainSize(), spec.data().valSize());
    }

    /** Gate blocks of a cell: the width of its projections is gates x units. */
    public static int gates(Cell cell) {
        return switch (cell) {
            case LSTM -> 4;
            case GRU -> 3;
            case SIMPLE_RNN -> 1;
        };
    }

    public Dims dims() {
        return dims;
    }

    /** Flops of one kind over the epoch: the training split (forward and backward) plus validation (forward). */
    public double flops(Gemm g) {
        double perSequence = g.flops(1, dims) * dims.directions();
        return perSequence * (train + (g.forward() ? validation : 0));
    }

    /** Every kind's flops over the epoch. */
    public Map<Gemm, Double> byGemm() {
        Map<Gemm, Double> m = new EnumMap<>(Gemm.class);
        for (Gemm g : Gemm.values()) {
            m.put(g, flops(g));
        }
        return m;
    }

    /** Forward pass of the training split. */
    public double forward() {
        return sum(true, train);
    }

    /** Backward pass of the training split. */
    public double backward() {
        return sum(false, train);
    }

    /** Forward pass of the validation split. */
    public double validation() {
        return sum(true, validation);
    }

    public double total() {
        return forward() + backward() + validation();
    }

    private double sum(boolean forwardKinds, int sequences) {
        double s = 0;
        for (Gemm g : Gemm.values()) {
            if (g.forward() == forwardKinds) {
                s += g.flops(1, dims) * dims.directions() * sequences;
            }
        }
        return s;
    }
}
