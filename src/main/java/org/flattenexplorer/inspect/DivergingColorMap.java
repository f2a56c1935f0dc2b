package org.flattenexplorer.inspect;

/**
 * The one colour map of every hidden-state picture, in the window and in exported PNGs: ColorBrewer's RdBu
 * (colour-blind safe), centred on 0. Negative values are blue, 0 is near-white, positive values are red;
 * {@code maxAbs} maps to the darkest ends and larger magnitudes are clipped. Colours are packed ARGB ints, the
 * format of both {@code BufferedImage.TYPE_INT_ARGB} and JavaFX's {@code PixelFormat.getIntArgbPreInstance()}
 * (all colours are opaque, so premultiplied and straight alpha agree).
 */
public final class DivergingColorMap {
    /** ColorBrewer RdBu, 11 classes, from -1 (dark blue) to +1 (dark red). */
    private static final int[] STOPS = {
        0x053061, 0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7, 0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b, 0x67001f
    };
    private static final int LEVELS = 511; // odd: level 255 is exactly 0
    private static final int[] TABLE = new int[LEVELS];
    /** The colour of a missing value (NaN). */
    public static final int MISSING = 0xff808080;
    /** The gutter beside a heatmap's rows: a word's row dark, a padding row light (window and PNG alike). */
    public static final int WORD_ROW = 0xff303030;
    public static final int PADDING_ROW = 0xffcfcfcf;

    static {
        for (int i = 0; i < LEVELS; i++) {
            double x = (double) i / (LEVELS - 1) * (STOPS.length - 1);
            int k = Math.min(STOPS.length - 2, (int) Math.floor(x));
            double f = x - k;
            TABLE[i] = 0xff000000 | mix(STOPS[k], STOPS[k + 1], f);
        }
    }

    private DivergingColorMap() {}

    /** Opaque ARGB colour of {@code value} on the scale [-maxAbs, +maxAbs]. */
    public static int argb(double value, double maxAbs) {
        if (Double.isNaN(value)) {
            return MISSING;
        }
        double scale = maxAbs > 0 && Double.isFinite(maxAbs) ? maxAbs : 1;
        double x = Math.max(-1, Math.min(1, value / scale));
        return TABLE[(int) Math.round((x + 1) / 2 * (LEVELS - 1))];
    }

    /**
     * Pixels of a matrix, one per cell: width = columns, height = rows, {@code pixels[row * columns + column]}.
     * A 500 x 128 matrix takes well under a millisecond.
     */
    public static int[] pixels(float[][] values, double maxAbs) {
        int rows = values.length;
        int columns = rows == 0 ? 0 : values[0].length;
        int[] out = new int[rows * columns];
        double scale = maxAbs > 0 && Double.isFinite(maxAbs) ? maxAbs : 1;
        double k = (LEVELS - 1) / 2.0 / scale;
        for (int r = 0; r < rows; r++) {
            float[] row = values[r];
            int base = r * columns;
            for (int c = 0; c < columns; c++) {
                float v = row[c];
                if (Float.isNaN(v)) {
                    out[base + c] = MISSING;
                } else {
                    long level = Math.round(v * k + (LEVELS - 1) / 2.0);
                    out[base + c] = TABLE[(int) Math.max(0, Math.min(LEVELS - 1, level))];
                }
            }
        }
        return out;
    }

    /** A horizontal legend bar, {@code width} x {@code height} pixels, from -maxAbs (left) to +maxAbs (right). */
    public static int[] legendPixels(int width, int height) {
        int[] out = new int[width * height];
        for (int x = 0; x < width; x++) {
            int colour = argb(width == 1 ? 0 : -1 + 2.0 * x / (width - 1), 1);
            for (int y = 0; y < height; y++) {
                out[y * width + x] = colour;
            }
        }
        return out;
    }

    private static int mix(int a, int b, double f) {
        int r = (int) Math.round(((a >> 16) & 0xff) * (1 - f) + ((b >> 16) & 0xff) * f);
        int g = (int) Math.round(((a >> 8) & 0xff) * (1 - f) + ((b >> 8) & 0xff) * f);
        int bl = (int) Math.round((a & 0xff) * (1 - f) + (b & 0xff) * f);
        return (r << 16) | (g << 8) | bl;
    }
}
