package org.flattenexplorer.inspect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.flattenexplorer.data.EncodedSplit;

/**
 * The review picker's search: words that must all occur in the text, a label, and whether the model got the
 * review right. Pure logic over an encoded split and the model's predictions.
 */
public final class ReviewFilter {
    public enum Label { ANY, POSITIVE, NEGATIVE }

    public enum Outcome { ANY, RIGHT, WRONG }

    /** One row of the picker: the split's row, its label, and the model's P(positive) (NaN if unknown). */
    public record Row(int row, int label, float prediction, String excerpt) {
        public boolean right() {
            return !Float.isNaN(prediction) && (prediction >= 0.5f ? 1 : 0) == label;
        }

        @Override
        public String toString() {
            String p = Float.isNaN(prediction) ? "" : String.format(Locale.ROOT, " p=%.2f%s", prediction,
                    right() ? "" : " \u2717");
            return "#" + row + " " + (label == 1 ? "pos" : "neg") + p + "  " + excerpt;
        }
    }

    /**
     * What the search reads of a split's reviews, kept per split: the picker filters again on every keystroke and
     * every new prediction, on the UI thread, and lower-casing and cleaning hundreds of whole reviews (with a
     * regular expression) each time cost a visible frame while a run started. Excerpts are made once, the
     * lower-case texts when a search first needs them.
     */
    public static final class Index {
        private final EncodedSplit split;
        private final String[] lower;
        private final String[] excerpts;

        private Index(EncodedSplit split) {
            this.split = split;
            this.lower = new String[split.size()];
            this.excerpts = new String[split.size()];
            for (int i = 0; i < split.size(); i++) {
                excerpts[i] = excerpt(split.reviews().get(i).text());
            }
        }

        private String lower(int i) {
            if (lower[i] == null) {
                lower[i] = split.reviews().get(i).text().toLowerCase(Locale.ROOT);
            }
            return lower[i];
        }

        public static Index of(EncodedSplit split) {
            return new Index(split);
        }

        /** Whether this index was built from that split (the same object). */
        public boolean indexes(EncodedSplit other) {
            return split == other;
        }
    }

    private ReviewFilter() {}

    /**
     * @param predictions P(positive) per row of the split, or null when the model has not scored it yet (then
     *                    the outcome filter lets every review through)
     */
    public static List<Row> apply(Index index, float[] predictions, String words, Label label, Outcome outcome) {
        String[] wanted = words == null || words.isBlank() ? new String[0]
                : words.toLowerCase(Locale.ROOT).strip().split("\\s+");
        EncodedSplit split = index.split;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < split.size(); i++) {
            int y = split.labels()[i];
            if (label == Label.POSITIVE && y != 1 || label == Label.NEGATIVE && y != 0) {
                continue;
            }
            if (wanted.length > 0 && !Arrays.stream(wanted).allMatch(index.lower(i)::contains)) {
                continue;
            }
            Row row = new Row(i, y, predictions == null ? Float.NaN : predictions[i], index.excerpts[i]);
            if (predictions != null && (outcome == Outcome.RIGHT && !row.right() || outcome == Outcome.WRONG && row.right())) {
                continue;
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * The review's first 80 characters with its line breaks ({@code <br />}) and runs of white space ({@code \\s}:
     * space, tab, line feed, vertical tab, form feed, carriage return) made single spaces, stripped, and an
     * ellipsis when cut: one pass over the text, no regular expression.
     */
    static String excerpt(String text) {
        StringBuilder clean = new StringBuilder(Math.min(text.length(), 256));
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '<' && text.startsWith("<br />", i)) {
                i += "<br />".length() - 1;
                space = true;
            } else if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
                space = true;
            } else {
                if (space) {
                    clean.append(' ');
                    space = false;
                }
                clean.append(c);
            }
        }
        if (space) {
            clean.append(' ');
        }
        String stripped = clean.toString().strip();
        return stripped.length() <= 80 ? stripped : stripped.substring(0, 80) + "\u2026";
    }
}
