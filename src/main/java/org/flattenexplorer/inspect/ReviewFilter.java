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

    private ReviewFilter() {}

    /**
     * @param predictions P(positive) per row of the split, or null when the model has not scored it yet (then
     *                    the outcome filter lets every review through)
     */
    public static List<Row> apply(EncodedSplit split, float[] predictions, String words, Label label, Outcome outcome) {
        String[] wanted = words == null || words.isBlank() ? new String[0]
                : words.toLowerCase(Locale.ROOT).strip().split("\\s+");
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < split.size(); i++) {
            int y = split.labels()[i];
            if (label == Label.POSITIVE && y != 1 || label == Label.NEGATIVE && y != 0) {
                continue;
            }
            String text = split.reviews().get(i).text();
            String lower = text.toLowerCase(Locale.ROOT);
            if (!Arrays.stream(wanted).allMatch(lower::contains)) {
                continue;
            }
            Row row = new Row(i, y, predictions == null ? Float.NaN : predictions[i], excerpt(text));
            if (predictions != null && (outcome == Outcome.RIGHT && !row.right() || outcome == Outcome.WRONG && row.right())) {
                continue;
            }
            rows.add(row);
        }
        return rows;
    }

    static String excerpt(String text) {
        String clean = text.replace("<br />", " ").replaceAll("\\s+", " ").strip();
        return clean.length() <= 80 ? clean : clean.substring(0, 80) + "\u2026";
    }
}
