package org.flattenexplorer.model.cell;

/**
 * Keras's recurrent layers written out from their formulas in plain Java, in double, independent of the kernels:
 * the cells of tf.keras 2 (GRU with reset_after=True, SimpleRNN, LSTM in DL4J's gate-block layout [g, f, o, i],
 * which is Keras's LSTM with its columns permuted) and the loop of {@code keras.backend.rnn}: go_backwards reverses
 * the inputs and the mask and returns the outputs in the order processed; at a masked step the state is kept and
 * the output is the previous output (zeros with {@code zero_output_for_mask}, which Bidirectional forces when it
 * returns sequences); the last output is the last one processed.
 */
final class KerasReference {

    private KerasReference() {
    }

    /** One step of a cell: the new state from an input and the state; state[0] is the output h. */
    interface Cell {
        int units();

        double[][] initialState();

        double[][] step(double[] x, double[][] state);
    }

    /** Outputs [T][U] in the order processed, and the last output. */
    record Result(double[][] outputs, double[] last) {
    }

    /** keras.backend.rnn over one sequence x [T][nIn]; mask [T] (0 = masked) or null. */
    static Result rnn(Cell cell, double[][] x, double[] mask, boolean goBackwards, boolean zeroOutputForMask) {
        int steps = x.length;
        double[][] state = cell.initialState();
        double[] prevOutput = new double[cell.units()];
        double[][] outputs = new double[steps][];
        for (int i = 0; i < steps; i++) {
            int t = goBackwards ? steps - 1 - i : i;
            double[][] next = cell.step(x[t], state);
            boolean real = mask == null || mask[t] != 0;
            double[] out = real ? next[0] : zeroOutputForMask ? new double[cell.units()] : prevOutput;
            if (real) {
                state = next;
            }
            outputs[i] = out.clone();
            prevOutput = out;
        }
        return new Result(outputs, outputs[steps - 1]);
    }

    /**
     * Keras's Bidirectional(merge_mode='concat'): [T][2U] with return_sequences (the backward outputs flipped back
     * to the input's order, masked steps zero), else [1][2U], the forward and backward last outputs.
     */
    static double[][] bidirectional(Cell forward, Cell backward, double[][] x, double[] mask, boolean returnSequences) {
        Result y = rnn(forward, x, mask, false, returnSequences);
        Result yRev = rnn(backward, x, mask, true, returnSequences);
        if (!returnSequences) {
            return new double[][] {concat(y.last(), yRev.last())};
        }
        int steps = x.length;
        double[][] out = new double[steps][];
        for (int t = 0; t < steps; t++) {
            out[t] = concat(y.outputs()[t], yRev.outputs()[steps - 1 - t]);
        }
        return out;
    }

    static double[] concat(double[] a, double[] b) {
        double[] c = new double[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /** x W + b (+= into a copy of b). */
    static double[] affine(double[] x, double[][] w, double[] b) {
        double[] a = b.clone();
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < a.length; j++) {
                a[j] += x[i] * w[i][j];
            }
        }
        return a;
    }

    /** Keras GRU, reset_after=True: kernel [nIn][3U], recurrentKernel [U][3U], bias [2][3U]; blocks z, r, h. */
    static Cell gru(double[][] kernel, double[][] recurrentKernel, double[][] bias) {
        int units = recurrentKernel.length;
        return new Cell() {
            public int units() {
                return units;
            }

            public double[][] initialState() {
                return new double[][] {new double[units]};
            }

            public double[][] step(double[] x, double[][] state) {
                double[] hPrev = state[0];
                double[] mx = affine(x, kernel, bias[0]);
                double[] mi = affine(hPrev, recurrentKernel, bias[1]);
                double[] h = new double[units];
                for (int u = 0; u < units; u++) {
                    double z = sigmoid(mx[u] + mi[u]);
                    double r = sigmoid(mx[units + u] + mi[units + u]);
                    double hh = Math.tanh(mx[2 * units + u] + r * mi[2 * units + u]);
                    h[u] = z * hPrev[u] + (1 - z) * hh;
                }
                return new double[][] {h};
            }
        };
    }

    /** Keras SimpleRNN, tanh: kernel [nIn][U], recurrentKernel [U][U], bias [U]. */
    static Cell simpleRnn(double[][] kernel, double[][] recurrentKernel, double[] bias) {
        int units = recurrentKernel.length;
        return new Cell() {
            public int units() {
                return units;
            }

            public double[][] initialState() {
                return new double[][] {new double[units]};
            }

            public double[][] step(double[] x, double[][] state) {
                double[] a = affine(x, kernel, bias);
                double[] r = affine(state[0], recurrentKernel, new double[units]);
                double[] h = new double[units];
                for (int u = 0; u < units; u++) {
                    h[u] = Math.tanh(a[u] + r[u]);
                }
                return new double[][] {h};
            }
        };
    }

    /** LSTM without peepholes in DL4J's layout: W [nIn][4U], RW [U][4U], b [4U], blocks g, f, o, i. */
    static Cell lstm(double[][] kernel, double[][] recurrentKernel, double[] bias) {
        int units = recurrentKernel.length;
        return new Cell() {
            public int units() {
                return units;
            }

            public double[][] initialState() {
                return new double[][] {new double[units], new double[units]};
            }

            public double[][] step(double[] x, double[][] state) {
                double[] a = affine(x, kernel, bias);
                double[] r = affine(state[0], recurrentKernel, new double[4 * units]);
                double[] h = new double[units];
                double[] c = new double[units];
                for (int u = 0; u < units; u++) {
                    double g = Math.tanh(a[u] + r[u]);
                    double f = sigmoid(a[units + u] + r[units + u]);
                    double o = sigmoid(a[2 * units + u] + r[2 * units + u]);
                    double i = sigmoid(a[3 * units + u] + r[3 * units + u]);
                    c[u] = f * state[1][u] + i * g;
                    h[u] = o * Math.tanh(c[u]);
                }
                return new double[][] {h, c};
            }
        };
    }
}
