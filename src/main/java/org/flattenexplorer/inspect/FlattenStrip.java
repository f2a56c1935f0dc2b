package org.flattenexplorer.inspect;

/**
 * The flattened vector (T x U values, 64,000 by default) reduced to min/max columns for drawing: column c covers
 * the indices [c * n / columns, (c + 1) * n / columns). Plotting 64,000 raw points costs over a second a redraw;
 * a reduced strip draws in milliseconds and shows the same envelope. Index arithmetic is Keras's: index = t * U + u.
 */
public final class FlattenStrip {
    private final float[] values;
    private final int units;
    private final float[] min;
    private final float[] max;

    private FlattenStrip(float[] values, int units, int columns) {
        this.values = values;
        this.units = units;
        int n = values.length;
        int c = Math.max(1, Math.min(columns, Math.max(1, n)));
        min = new float[c];
        max = new float[c];
        for (int col = 0; col < c; col++) {
            int from = first(col, n, c);
            int to = Math.max(from + 1, first(col + 1, n, c));
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (int i = from; i < Math.min(to, n); i++) {
                lo = Math.min(lo, values[i]);
                hi = Math.max(hi, values[i]);
            }
            min[col] = n == 0 ? 0 : lo;
            max[col] = n == 0 ? 0 : hi;
        }
    }

    /** The strip of a review's hidden states, reduced to {@code columns} columns. */
    public static FlattenStrip of(HiddenStates states, int columns) {
        return new FlattenStrip(states.flattened(), states.units(), columns);
    }

    public static FlattenStrip of(float[] flattened, int units, int columns) {
        return new FlattenStrip(flattened, units, columns);
    }

    /** Keras's position of h_t[u] in the flattened vector. */
    public static int index(int t, int u, int units) {
        return t * units + u;
    }

    public static int timeStep(int index, int units) {
        return index / units;
    }

    public static int unit(int index, int units) {
        return index % units;
    }

    /** "index = t * 128 + u = 12 * 128 + 5 = 1541": the arithmetic the animation shows. */
    public static String arithmetic(int t, int u, int units) {
        return "index = t * " + units + " + u = " + t + " * " + units + " + " + u + " = " + index(t, u, units);
    }

    public int length() {
        return values.length;
    }

    public int units() {
        return units;
    }

    public int columns() {
        return min.length;
    }

    public float value(int index) {
        return values[index];
    }

    public float min(int column) {
        return min[column];
    }

    public float max(int column) {
        return max[column];
    }

    /** The column that draws {@code index}. */
    public int columnOf(int index) {
        return (int) ((long) index * columns() / Math.max(1, length()));
    }

    /** The first index column {@code col} covers. */
    public int firstIndex(int column) {
        return first(column, length(), columns());
    }

    /**
     * The strip as pixels, {@code columns()} wide and {@code height} tall: each column a vertical line from its
     * min to its max around a zero line, coloured by the extreme of larger magnitude; columns at or after
     * {@code revealed} (indices not yet unrolled) stay background.
     *
     * @param revealed how many indices are shown (length() for all)
     */
    public int[] pixels(int height, double maxAbs, int revealed, int background) {
        int w = columns();
        int[] out = new int[w * height];
        java.util.Arrays.fill(out, background);
        double scale = maxAbs > 0 ? maxAbs : 1;
        int mid = height / 2;
        int axis = 0xffb0b0b0;
        for (int x = 0; x < w; x++) {
            out[mid * w + x] = axis;
            if (firstIndex(x) >= revealed) {
                continue;
            }
            float extreme = Math.abs(max[x]) >= Math.abs(min[x]) ? max[x] : min[x];
            int colour = DivergingColorMap.argb(extreme, maxAbs);
            int yTop = toY(max[x], scale, height);
            int yBottom = toY(min[x], scale, height);
            yTop = Math.min(yTop, mid);
            yBottom = Math.max(yBottom, mid);
            for (int y = yTop; y <= yBottom; y++) {
                out[y * w + x] = colour;
            }
        }
        return out;
    }

    private static int toY(double v, double scale, int height) {
        double x = Math.max(-1, Math.min(1, v / scale));
        return (int) Math.round((1 - x) / 2 * (height - 1));
    }

    private static int first(int column, int n, int columns) {
        return (int) ((long) column * n / columns);
    }
}
