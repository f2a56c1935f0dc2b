package org.flattenexplorer.keras;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's forward pass computed by the project's own code straight from the weights in the file, in double
 * precision, not through DL4J: the independent check of the import where Keras recorded no outputs. It follows
 * Keras 2's definitions: LSTM gates in the order i, f, c, o with {@code kernel [input, 4 units]}, hard_sigmoid
 * {@code clip(0.2 x + 0.5, 0, 1)}, a masked step keeping the previous state and repeating the previous output,
 * Flatten in time-major order, the average over real steps only when a mask arrives.
 */
public final class ReferenceForward {
    private ReferenceForward() {}

    /**
     * Every computing layer's output by layer name, in order.
     *
     * @param input for a model starting with an Embedding, token ids in {@code values[b][t][0]}; otherwise the
     *              features {@code [batch][time][features]}
     */
    public static Map<String, Activations> run(KerasModelFile model, Activations input) {
        Map<String, Activations> out = new LinkedHashMap<>();
        Activations x = input;
        for (KerasLayer layer : model.computingLayers()) {
            x = layer(layer, x);
            out.put(layer.name(), x);
        }
        return out;
    }

    /**
     * The state sequence of one recurrent layer, {@code [batch][T][units]}, even when the layer returns only its
     * last state: the layers before it run as Keras runs them, the layer itself as with return_sequences=True (a
     * masked step repeats the previous state, zeros before the first real step).
     */
    public static Activations states(KerasModelFile model, Activations input, String recurrentLayer) {
        Activations x = input;
        for (KerasLayer layer : model.computingLayers()) {
            if (layer.name().equals(recurrentLayer)) {
                com.fasterxml.jackson.databind.node.ObjectNode config =
                        ((com.fasterxml.jackson.databind.node.ObjectNode) layer.config().deepCopy());
                config.put("return_sequences", true);
                return layer(new KerasLayer(layer.className(), layer.name(), config, layer.weights()), x);
            }
            x = layer(layer, x);
        }
        throw new KerasModelException(model.fileName() + " has no layer named " + recurrentLayer);
    }

    static Activations layer(KerasLayer l, Activations x) {
        return switch (l.className()) {
            case "Embedding" -> embedding(l, x);
            case "Masking" -> masking(l, x);
            case "LSTM" -> lstm(l, x);
            case "SimpleRNN" -> simpleRnn(l, x);
            case "Dropout" -> x;
            case "Flatten" -> flatten(x);
            case "GlobalMaxPooling1D" -> pool(x, true);
            case "GlobalAveragePooling1D" -> pool(x, false);
            case "Dense" -> dense(l, x);
            default -> throw new KerasModelException("the reference pass has no " + l.className() + " layer ("
                    + l.name() + ")");
        };
    }

    private static Activations embedding(KerasLayer l, Activations x) {
        Hdf5File.Tensor e = l.weight("embeddings");
        int dim = e.dim(1);
        boolean maskZero = l.flag("mask_zero", false);
        float[][][] out = new float[x.batch()][x.steps()][dim];
        boolean[][] mask = maskZero ? new boolean[x.batch()][x.steps()] : null;
        for (int b = 0; b < x.batch(); b++) {
            for (int t = 0; t < x.steps(); t++) {
                int id = Math.round(x.values()[b][t][0]);
                if (id < 0 || id >= e.dim(0)) {
                    throw new KerasModelException("token id " + id + " is outside the Embedding's " + e.dim(0)
                            + " rows (layer " + l.name() + ")");
                }
                System.arraycopy(e.data(), id * dim, out[b][t], 0, dim);
                if (mask != null) {
                    mask[b][t] = id != 0;
                }
            }
        }
        return new Activations(out, true, mask);
    }

    private static Activations masking(KerasLayer l, Activations x) {
        float value = (float) l.decimal("mask_value", 0);
        float[][][] out = new float[x.batch()][x.steps()][];
        boolean[][] mask = new boolean[x.batch()][x.steps()];
        for (int b = 0; b < x.batch(); b++) {
            for (int t = 0; t < x.steps(); t++) {
                float[] row = x.values()[b][t];
                boolean real = false;
                for (float v : row) {
                    real |= v != value;
                }
                mask[b][t] = real;
                out[b][t] = real ? row.clone() : new float[row.length];
            }
        }
        return new Activations(out, true, mask);
    }

    private static Activations lstm(KerasLayer l, Activations x) {
        Hdf5File.Tensor w = l.weight("kernel");
        Hdf5File.Tensor u = l.weight("recurrent_kernel");
        Hdf5File.Tensor bias = l.weight("bias");
        int units = l.integer("units", u.dim(0));
        String act = l.activation("activation", "tanh");
        String rec = l.activation("recurrent_activation", "hard_sigmoid");
        boolean sequences = l.flag("return_sequences", false);
        int in = w.dim(0);
        float[][][] out = new float[x.batch()][sequences ? x.steps() : 1][];
        for (int b = 0; b < x.batch(); b++) {
            double[] h = new double[units];
            double[] c = new double[units];
            for (int t = 0; t < x.steps(); t++) {
                boolean real = x.mask() == null || x.mask()[b][t];
                if (real) {
                    double[] z = new double[4 * units];
                    for (int k = 0; k < 4 * units; k++) {
                        double s = bias == null ? 0 : bias.data()[k];
                        for (int i = 0; i < in; i++) {
                            s += x.values()[b][t][i] * (double) w.data()[i * 4 * units + k];
                        }
                        for (int j = 0; j < units; j++) {
                            s += h[j] * u.data()[j * 4 * units + k];
                        }
                        z[k] = s;
                    }
                    for (int j = 0; j < units; j++) {
                        double gi = apply(rec, z[j]);
                        double gf = apply(rec, z[units + j]);
                        double gc = apply(act, z[2 * units + j]);
                        double go = apply(rec, z[3 * units + j]);
                        c[j] = gf * c[j] + gi * gc;
                        h[j] = go * apply(act, c[j]);
                    }
                }
                if (sequences) {
                    out[b][t] = toFloats(h); // a masked step repeats the previous output
                }
            }
            if (!sequences) {
                out[b][0] = toFloats(h);
            }
        }
        return new Activations(out, sequences, sequences ? x.mask() : null);
    }

    private static Activations simpleRnn(KerasLayer l, Activations x) {
        Hdf5File.Tensor w = l.weight("kernel");
        Hdf5File.Tensor u = l.weight("recurrent_kernel");
        Hdf5File.Tensor bias = l.weight("bias");
        int units = l.integer("units", u.dim(0));
        String act = l.activation("activation", "tanh");
        boolean sequences = l.flag("return_sequences", false);
        int in = w.dim(0);
        float[][][] out = new float[x.batch()][sequences ? x.steps() : 1][];
        for (int b = 0; b < x.batch(); b++) {
            double[] h = new double[units];
            for (int t = 0; t < x.steps(); t++) {
                if (x.mask() == null || x.mask()[b][t]) {
                    double[] next = new double[units];
                    for (int k = 0; k < units; k++) {
                        double s = bias == null ? 0 : bias.data()[k];
                        for (int i = 0; i < in; i++) {
                            s += x.values()[b][t][i] * (double) w.data()[i * units + k];
                        }
                        for (int j = 0; j < units; j++) {
                            s += h[j] * u.data()[j * units + k];
                        }
                        next[k] = apply(act, s);
                    }
                    h = next;
                }
                if (sequences) {
                    out[b][t] = toFloats(h);
                }
            }
            if (!sequences) {
                out[b][0] = toFloats(h);
            }
        }
        return new Activations(out, sequences, sequences ? x.mask() : null);
    }

    private static Activations flatten(Activations x) {
        float[][] rows = new float[x.batch()][];
        for (int b = 0; b < x.batch(); b++) {
            rows[b] = x.flat(b);
        }
        return Activations.vectors(rows);
    }

    private static Activations pool(Activations x, boolean max) {
        float[][] rows = new float[x.batch()][x.width()];
        for (int b = 0; b < x.batch(); b++) {
            for (int u = 0; u < x.width(); u++) {
                double acc = max ? Double.NEGATIVE_INFINITY : 0;
                int n = 0;
                for (int t = 0; t < x.steps(); t++) {
                    boolean real = x.mask() == null || x.mask()[b][t];
                    if (max) {
                        acc = Math.max(acc, x.values()[b][t][u]);
                    } else if (real) {
                        acc += x.values()[b][t][u];
                        n++;
                    }
                }
                rows[b][u] = (float) (max ? acc : n == 0 ? 0 : acc / n);
            }
        }
        return Activations.vectors(rows);
    }

    private static Activations dense(KerasLayer l, Activations x) {
        if (x.sequence()) {
            throw new KerasModelException("Dense layer " + l.name() + " is applied to each time step: the reference "
                    + "pass reads a Dense layer after Flatten, pooling or the last state");
        }
        Hdf5File.Tensor w = l.weight("kernel");
        Hdf5File.Tensor bias = l.weight("bias");
        int in = w.dim(0);
        int units = w.dim(1);
        String act = l.activation("activation", "linear");
        float[][] rows = new float[x.batch()][units];
        for (int b = 0; b < x.batch(); b++) {
            float[] v = x.values()[b][0];
            double[] z = new double[units];
            for (int k = 0; k < units; k++) {
                double s = bias == null ? 0 : bias.data()[k];
                for (int i = 0; i < in; i++) {
                    s += v[i] * (double) w.data()[i * units + k];
                }
                z[k] = s;
            }
            if (act.equals("softmax")) {
                double m = java.util.Arrays.stream(z).max().orElse(0);
                double sum = 0;
                for (int k = 0; k < units; k++) {
                    z[k] = Math.exp(z[k] - m);
                    sum += z[k];
                }
                for (int k = 0; k < units; k++) {
                    rows[b][k] = (float) (z[k] / sum);
                }
            } else {
                for (int k = 0; k < units; k++) {
                    rows[b][k] = (float) apply(act, z[k]);
                }
            }
        }
        return Activations.vectors(rows);
    }

    /** The element-wise activations the supported layers use. */
    static double apply(String activation, double v) {
        return switch (activation) {
            case "linear", "None" -> v;
            case "tanh" -> Math.tanh(v);
            case "sigmoid" -> 1 / (1 + Math.exp(-v));
            case "hard_sigmoid" -> Math.max(0, Math.min(1, 0.2 * v + 0.5));
            case "relu" -> Math.max(0, v);
            default -> throw new KerasModelException("the activation '" + activation + "' is not supported");
        };
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
