package org.flattenexplorer.inspect;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.flattenexplorer.training.OutputException;

/**
 * One review under one model as a single picture, without a display and without JavaFX: the T x U hidden
 * states as a heatmap (padding rows marked in a gutter), for Flatten the Dense weights folded to T x U and their
 * product with the states, the vector the Dense layer receives as a min/max strip, and each word's contribution
 * to the logit as bars. Colours come from {@link DivergingColorMap}, the window's colour map.
 */
public final class InspectionImageRenderer {
    public static final int WIDTH = 1500;
    public static final int HEIGHT = 1240;
    /** The size of a numeric sequence's picture ({@link #render(SequencePicture)}). */
    public static final int SEQUENCE_WIDTH = 1200;
    public static final int SEQUENCE_HEIGHT = 700;

    private static final int MATRIX_TOP = 120;
    private static final int MATRIX_HEIGHT = 500;
    private static final int MATRIX_WIDTH = 256;
    private static final int PANEL_STEP = 320;
    private static final int GUTTER = 12;
    private static final int STRIP_TOP = 730;
    private static final int STRIP_HEIGHT = 90;
    private static final int CHART_TOP = 880;
    private static final Color INK = new Color(0x202020);
    private static final Color MUTED = new Color(0x707070);

    private InspectionImageRenderer() {}

    /** Renders in memory, then writes the file: a write error is the file system's own, worded by Failures. */
    public static void writePng(Inspection inspection, Path file) {
        write(render(inspection), file);
    }

    private static void write(BufferedImage image, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(png)) {
                if (!ImageIO.write(image, "png", out)) {
                    throw new IOException("no PNG writer");
                }
            }
            Files.write(file, png.toByteArray());
        } catch (IOException e) {
            throw new OutputException("cannot write the PNG " + file, e);
        }
    }

    public static BufferedImage render(Inspection in) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            drawTitle(g, in);
            int x = 70;
            drawPaddingGutter(g, in, x - GUTTER - 4);
            drawMatrix(g, "hidden states h_t[u]", in.states().values(), in.states().maxAbs(), x);
            markReadRows(g, in, x);
            if (in.foldsWeights()) {
                drawMatrix(g, "Dense weights folded to T x U", in.readout().weights(), in.weightsMaxAbs(),
                        x + PANEL_STEP);
                float[][] product = in.product();
                drawMatrix(g, "weights x states (row sum = bar)", product, Inspection.maxAbs(product),
                        x + 2 * PANEL_STEP);
                drawTopWords(g, in, x + 3 * PANEL_STEP);
            } else {
                drawReadoutNote(g, in, x + PANEL_STEP);
                drawTopWords(g, in, x + 3 * PANEL_STEP);
            }
            drawStrip(g, in);
            ContributionChart.create(in).draw(g, new Rectangle2D.Double(30, CHART_TOP, WIDTH - 60, HEIGHT - CHART_TOP - 10));
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawTitle(Graphics2D g, Inspection in) {
        g.setColor(INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
        String describe = in.spec().describe();
        g.drawString("Hidden states of one review: " + in.modelName()
                + (in.modelName().equals(describe) ? "" : "  (" + describe + ")"), 30, 32);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.setColor(MUTED);
        g.drawString(excerpt(in.review(), 190), 30, 56);
        g.setColor(INK);
        DenseReadout r = in.readout();
        g.drawString(String.format(Locale.ROOT, "T = %d time steps x U = %d units; %d words, %d <pad>.  "
                        + "logit = %+.4f (contributions %+.4f + bias %+.4f), P(positive) = %.3f", in.timeSteps(),
                in.units(), in.timeSteps() - in.review().paddingCount(), in.review().paddingCount(), r.logit(),
                r.logit() - r.bias(), r.bias(), r.probability()), 30, 78);
    }

    static String excerpt(EncodedReview review, int chars) {
        StringBuilder text = new StringBuilder("\u201c");
        for (int t = 0; t < review.length() && text.length() < chars; t++) {
            if (!review.padding()[t]) {
                text.append(review.words()[t]).append(' ');
            }
        }
        String s = text.toString().strip();
        return (text.length() >= chars ? s + " \u2026" : s) + "\u201d";
    }

    private static void drawMatrix(Graphics2D g, String label, float[][] values, double maxAbs, int x) {
        drawMatrix(g, label, "units", values, maxAbs, x);
    }

    private static void drawMatrix(Graphics2D g, String label, String columnsName, float[][] values, double maxAbs,
            int x) {
        int rows = values.length;
        int columns = rows == 0 ? 0 : values[0].length;
        BufferedImage cells = new BufferedImage(Math.max(1, columns), Math.max(1, rows), BufferedImage.TYPE_INT_ARGB);
        cells.setRGB(0, 0, columns, rows, DivergingColorMap.pixels(values, maxAbs), 0, columns);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(cells, x, MATRIX_TOP, MATRIX_WIDTH, MATRIX_HEIGHT, null);
        g.setColor(MUTED);
        g.drawRect(x - 1, MATRIX_TOP - 1, MATRIX_WIDTH + 1, MATRIX_HEIGHT + 1);
        g.setColor(INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(label, x, MATRIX_TOP - 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(MUTED);
        g.drawString((columnsName.equals("units") ? "u" : "f") + " = 0 \u2192 " + (columns - 1) + "  (columns: "
                + columnsName + ")", x, MATRIX_TOP - 6);
        for (int t : timeTicks(rows)) {
            int y = MATRIX_TOP + (int) Math.round((t + 0.5) * MATRIX_HEIGHT / rows);
            g.drawLine(x + MATRIX_WIDTH, y, x + MATRIX_WIDTH + 4, y);
            g.drawString("t=" + t, x + MATRIX_WIDTH + 6, y + 4);
        }
        drawLegend(g, x, MATRIX_TOP + MATRIX_HEIGHT + 10, maxAbs);
    }

    private static void drawLegend(Graphics2D g, int x, int y, double maxAbs) {
        BufferedImage bar = new BufferedImage(MATRIX_WIDTH, 10, BufferedImage.TYPE_INT_ARGB);
        bar.setRGB(0, 0, MATRIX_WIDTH, 10, DivergingColorMap.legendPixels(MATRIX_WIDTH, 10), 0, MATRIX_WIDTH);
        g.drawImage(bar, x, y, null);
        g.setColor(MUTED);
        g.drawRect(x - 1, y - 1, MATRIX_WIDTH + 1, 11);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(String.format(Locale.ROOT, "%+.3f", -maxAbs), x, y + 24);
        g.drawString("0", x + MATRIX_WIDTH / 2 - 3, y + 24);
        String right = String.format(Locale.ROOT, "%+.3f", maxAbs);
        g.drawString(right, x + MATRIX_WIDTH - g.getFontMetrics().stringWidth(right), y + 24);
    }

    /** A dark gutter beside the words' rows and a light one beside the padding rows. */
    private static void drawPaddingGutter(Graphics2D g, Inspection in, int x) {
        drawRowGutter(g, in.review().padding(), x, "words (dark) / <pad> (light)");
    }

    /** A gutter beside a matrix: dark rows, and light ones where {@code light[t]}, explained by a vertical label. */
    private static void drawRowGutter(Graphics2D g, boolean[] pad, int x, String label) {
        int[] pixels = new int[pad.length];
        for (int t = 0; t < pad.length; t++) {
            pixels[t] = pad[t] ? DivergingColorMap.PADDING_ROW : DivergingColorMap.WORD_ROW;
        }
        BufferedImage column = new BufferedImage(1, Math.max(1, pad.length), BufferedImage.TYPE_INT_ARGB);
        column.setRGB(0, 0, 1, pad.length, pixels, 0, 1);
        g.drawImage(column, x, MATRIX_TOP, GUTTER, MATRIX_HEIGHT, null);
        g.setColor(MUTED);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2, x - 6, MATRIX_TOP + MATRIX_HEIGHT / 2.0);
        rotated.drawString(label, x - 6 - g.getFontMetrics().stringWidth(label) / 2, MATRIX_TOP + MATRIX_HEIGHT / 2);
        rotated.dispose();
    }

    /** Outlines the row a last-state model reads; dots each unit's source step for max pooling. */
    private static void markReadRows(Graphics2D g, Inspection in, int x) {
        int rows = in.timeSteps();
        double rowHeight = (double) MATRIX_HEIGHT / rows;
        int last = in.lastStateRow();
        if (last >= 0) {
            int y = MATRIX_TOP + (int) Math.floor(last * rowHeight);
            int[] columns = in.lastStateColumns();
            double cellWidth = (double) MATRIX_WIDTH / in.units();
            int left = x + (int) Math.floor(columns[0] * cellWidth);
            int right = x + (int) Math.ceil((columns[1] + 1) * cellWidth);
            g.setColor(new Color(0x00a000));
            g.setStroke(new BasicStroke(2f));
            g.drawRect(left - 3, y - 3, right - left + 5, (int) Math.ceil(rowHeight) + 5);
            g.setStroke(new BasicStroke(1f));
        }
        int[] source = in.readout().sourceStep();
        if (source != null) {
            g.setColor(Color.BLACK);
            double cell = (double) MATRIX_WIDTH / in.units();
            for (int u = 0; u < source.length; u++) {
                if (source[u] >= 0) {
                    int cx = x + (int) ((u + 0.5) * cell);
                    int cy = MATRIX_TOP + (int) ((source[u] + 0.5) * rowHeight);
                    g.fillOval(cx - 2, cy - 2, 4, 4);
                }
            }
        }
    }

    /** Outlines the row a last-state layer passes on (none when {@code row < 0}), as {@link #markReadRows} does. */
    private static void outlineRow(Graphics2D g, int row, int rows, int x) {
        if (row >= 0) {
            double rowHeight = (double) MATRIX_HEIGHT / rows;
            int y = MATRIX_TOP + (int) Math.floor(row * rowHeight);
            g.setColor(new Color(0x00a000));
            g.setStroke(new BasicStroke(2f));
            g.drawRect(x - 3, y - 3, MATRIX_WIDTH + 5, (int) Math.ceil(rowHeight) + 5);
            g.setStroke(new BasicStroke(1f));
        }
    }

    /**
     * One numeric sequence under a model that reads numbers, as one picture of {@link #SEQUENCE_WIDTH} x
     * {@link #SEQUENCE_HEIGHT}: the input x_t (T x F) and the hidden states h_t[u] (T x U) as heatmaps in the same
     * style as a review's (masked steps light in the gutter, the row a last-state layer passes on outlined), and the
     * model's output with the notes beside them.
     */
    public static BufferedImage render(SequencePicture p) {
        BufferedImage image = new BufferedImage(SEQUENCE_WIDTH, SEQUENCE_HEIGHT, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, SEQUENCE_WIDTH, SEQUENCE_HEIGHT);
            g.setColor(INK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
            g.drawString(p.title(), 30, 32);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            int y = 56;
            for (String line : p.lines()) {
                g.drawString(line, 30, y);
                y += 22;
            }
            int x = 70;
            drawRowGutter(g, p.masked(), x - GUTTER - 4, "steps (dark) / masked (light)");
            drawMatrix(g, "input x_t[f]", "features", p.input(), Inspection.maxAbs(p.input()), x);
            drawRowGutter(g, p.masked(), x + PANEL_STEP - GUTTER - 4, "steps (dark) / masked (light)");
            drawMatrix(g, "hidden states h_t[u] of " + p.layer(), p.states(), Inspection.maxAbs(p.states()),
                    x + PANEL_STEP);
            outlineRow(g, p.readRow(), p.states().length, x + PANEL_STEP);
            int tx = x + 2 * PANEL_STEP + 30;
            g.setColor(INK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(p.outputTitle(), tx, MATRIX_TOP - 22);
            g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 12));
            int ty = MATRIX_TOP;
            int width = SEQUENCE_WIDTH - tx - 20;
            for (String line : p.outputLines()) {
                if (ty > MATRIX_TOP + MATRIX_HEIGHT - 120) {
                    g.drawString("\u2026", tx, ty);
                    ty += 17;
                    break;
                }
                g.drawString(line, tx, ty);
                ty += 17;
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.setColor(MUTED);
            ty += 12;
            for (String note : p.notes()) {
                for (String line : wrap(g, note, width)) {
                    g.drawString(line, tx, ty);
                    ty += 18;
                }
                ty += 6;
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Renders the sequence's picture in memory, then writes the file. */
    public static void writePng(SequencePicture picture, Path file) {
        write(render(picture), file);
    }

    private static void drawReadoutNote(Graphics2D g, Inspection in, int x) {
        g.setColor(INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString("What reaches the Dense layer", x, MATRIX_TOP + 10);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int y = MATRIX_TOP + 34;
        for (String sentence : in.readoutNote()) {
            for (String line : wrap(g, sentence, 2 * PANEL_STEP - 40)) {
                g.drawString(line, x, y);
                y += 20;
            }
        }
    }

    /** A sentence broken at spaces into lines no wider than {@code width} pixels. */
    private static List<String> wrap(Graphics2D g, String text, int width) {
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && g.getFontMetrics().stringWidth(candidate) > width) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static void drawTopWords(Graphics2D g, Inspection in, int x) {
        int y = MATRIX_TOP - 22;
        double[] split = in.wordAndPaddingShares();
        g.setColor(INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(String.format(Locale.ROOT, "words add %+.4f, <pad> steps add %+.4f", split[0], split[1]), x, y);
        y += 24;
        y = drawWordList(g, "Pushes towards positive", in.topWords(12, true), x, y);
        drawWordList(g, "Pushes towards negative", in.topWords(12, false), x, y + 16);
    }

    private static int drawWordList(Graphics2D g, String title, List<Inspection.WordContribution> words, int x, int y) {
        g.setColor(INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(title, x, y);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        y += 18;
        if (words.isEmpty()) {
            g.setColor(MUTED);
            g.drawString("(none)", x, y);
            return y + 18;
        }
        for (Inspection.WordContribution w : words) {
            g.setColor(new Color(DivergingColorMap.argb(Math.signum(w.contribution()) * 0.85, 1) & 0xffffff));
            g.fillRect(x, y - 9, 8, 8);
            g.setColor(INK);
            g.drawString(String.format(Locale.ROOT, "%-14s t=%-4d %+.4f", w.word(), w.t(), w.contribution()), x + 14, y);
            y += 17;
        }
        return y;
    }

    private static void drawStrip(Graphics2D g, Inspection in) {
        float[] input = in.denseInput();
        int width = WIDTH - 140;
        FlattenStrip strip = FlattenStrip.of(input, in.units(), Math.min(width, input.length));
        double maxAbs = 0;
        for (float v : input) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        int[] pixels = strip.pixels(STRIP_HEIGHT, maxAbs, strip.length(), 0xffffffff);
        BufferedImage image = new BufferedImage(strip.columns(), STRIP_HEIGHT, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, strip.columns(), STRIP_HEIGHT, pixels, 0, strip.columns());
        int x = 70;
        g.setColor(INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString("What the Dense layer receives \u2014 " + in.denseInputName()
                + (strip.columns() < input.length ? "; drawn as " + strip.columns() + " min/max columns" : ""),
                x, STRIP_TOP - 8);
        g.drawImage(image, x, STRIP_TOP, width, STRIP_HEIGHT, null);
        g.setColor(MUTED);
        g.drawRect(x - 1, STRIP_TOP - 1, width + 1, STRIP_HEIGHT + 1);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        if (in.foldsWeights()) {
            for (int t : timeTicks(in.timeSteps())) {
                int index = FlattenStrip.index(t, 0, in.units());
                int tx = x + (int) Math.round((double) index / input.length * width);
                g.drawLine(tx, STRIP_TOP + STRIP_HEIGHT, tx, STRIP_TOP + STRIP_HEIGHT + 4);
                g.drawString(String.format(Locale.ROOT, "t=%d: %,d", t, index), tx - 10, STRIP_TOP + STRIP_HEIGHT + 16);
            }
            g.drawString("index = t * " + in.units() + " + u", x + width - 110, STRIP_TOP + STRIP_HEIGHT + 30);
        } else {
            g.drawString("u = 0", x, STRIP_TOP + STRIP_HEIGHT + 16);
            g.drawString("u = " + (in.units() - 1), x + width - 40, STRIP_TOP + STRIP_HEIGHT + 16);
        }
    }

    /** About six round time steps, 0 first. */
    static int[] timeTicks(int rows) {
        int step = rows <= 12 ? 1 : niceStep(rows / 6.0);
        int n = (rows - 1) / step + 1;
        int[] ticks = new int[n];
        for (int i = 0; i < n; i++) {
            ticks[i] = i * step;
        }
        return ticks;
    }

    private static int niceStep(double raw) {
        int magnitude = (int) Math.pow(10, Math.floor(Math.log10(raw)));
        for (int m : new int[] {1, 2, 5, 10}) {
            if (m * magnitude >= raw) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
