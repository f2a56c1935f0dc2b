package org.flattenexplorer.data;

import java.util.Objects;

/**
 * One labelled review: as aclImdb stores it ({@code <split>/<label>/<id>_<rating>.txt}), or a row of a CSV/TSV
 * file of labelled texts.
 *
 * @param split  "train" or "test"
 * @param label  "pos" or "neg"
 * @param id     the review id from the file name (a file's row: its line number)
 * @param rating the star rating 1-10 from the file name (0 for a file's row: unknown)
 * @param text   the review text, unchanged (including its {@code <br />} markup)
 * @param origin where a file's row came from, e.g. {@code reviews.csv:17}; null for aclImdb reviews
 */
public record Review(String split, String label, int id, int rating, String text, String origin) {

    public static final String POS = "pos";
    public static final String NEG = "neg";

    public Review {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(text, "text");
        if (!POS.equals(label) && !NEG.equals(label)) {
            throw new IllegalArgumentException("label must be \"pos\" or \"neg\": " + label);
        }
    }

    /** An aclImdb review (or a synthetic one in its layout). */
    public Review(String split, String label, int id, int rating, String text) {
        this(split, label, id, rating, text, null);
    }

    /** The binary target: 1 for a positive review, 0 for a negative one. */
    public int labelValue() {
        return POS.equals(label) ? 1 : 0;
    }

    /** The aclImdb file name, {@code <id>_<rating>.txt}. */
    public String fileName() {
        return id + "_" + rating + ".txt";
    }

    /** The path inside an aclImdb folder, e.g. {@code train/pos/2_9.txt}; a file's row: its {@link #origin}. */
    public String relativePath() {
        return origin != null ? origin : split + "/" + label + "/" + fileName();
    }

    /** Short form for logs: the text is usually too long to print. */
    @Override
    public String toString() {
        return "Review[" + relativePath() + ", " + text.length() + " chars]";
    }
}
