package org.flattenexplorer.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.flattenexplorer.data.EncodedSplit;
import org.flattenexplorer.data.Review;
import org.flattenexplorer.inspect.ReviewFilter.Label;
import org.flattenexplorer.inspect.ReviewFilter.Outcome;
import org.flattenexplorer.inspect.ReviewFilter.Row;
import org.junit.jupiter.api.Test;

/** The review picker's search: words, label, outcome, and the excerpts it shows. */
class ReviewFilterTest {

    private static final EncodedSplit SPLIT = new EncodedSplit(List.of(
            new Review("test", "pos", 1, 9, "A GREAT film.<br /><br />Great   acting, too."),
            new Review("test", "neg", 2, 2, "Dull. The acting was great at times,\tbut the plot dragged."),
            new Review("test", "pos", 3, 8, "Lovely score.")),
            new int[3][4], new int[] {1, 0, 1});

    private static List<Integer> rows(List<Row> found) {
        return found.stream().map(Row::row).toList();
    }

    @Test
    void everyWordMustOccurWhateverItsCase() {
        ReviewFilter.Index index = ReviewFilter.Index.of(SPLIT);
        assertThat(rows(ReviewFilter.apply(index, null, "", Label.ANY, Outcome.ANY))).containsExactly(0, 1, 2);
        assertThat(rows(ReviewFilter.apply(index, null, "great ACTING", Label.ANY, Outcome.ANY))).containsExactly(0, 1);
        assertThat(rows(ReviewFilter.apply(index, null, "great plot", Label.ANY, Outcome.ANY))).containsExactly(1);
        assertThat(rows(ReviewFilter.apply(index, null, "  great  ", Label.POSITIVE, Outcome.ANY))).containsExactly(0);
        assertThat(rows(ReviewFilter.apply(index, null, null, Label.NEGATIVE, Outcome.ANY))).containsExactly(1);
    }

    @Test
    void theOutcomeFilterNeedsPredictions() {
        ReviewFilter.Index index = ReviewFilter.Index.of(SPLIT);
        float[] p = {0.9f, 0.7f, 0.2f}; // right, wrong, wrong
        assertThat(rows(ReviewFilter.apply(index, null, "", Label.ANY, Outcome.WRONG))).containsExactly(0, 1, 2);
        assertThat(rows(ReviewFilter.apply(index, p, "", Label.ANY, Outcome.RIGHT))).containsExactly(0);
        assertThat(rows(ReviewFilter.apply(index, p, "", Label.ANY, Outcome.WRONG))).containsExactly(1, 2);
        Row wrong = ReviewFilter.apply(index, p, "plot", Label.ANY, Outcome.ANY).get(0);
        assertThat(wrong.prediction()).isEqualTo(0.7f);
        assertThat(wrong.toString()).startsWith("#1 neg p=0.70 \u2717  Dull.");
    }

    @Test
    void excerptsAreCleanedAndCut() {
        assertThat(ReviewFilter.excerpt("A GREAT film.<br /><br />Great   acting, too."))
                .isEqualTo("A GREAT film. Great acting, too.");
        String longText = "word ".repeat(30);
        assertThat(ReviewFilter.excerpt(longText)).hasSize(81).endsWith("\u2026").startsWith("word word");
        assertThat(ReviewFilter.Index.of(SPLIT).indexes(SPLIT)).isTrue();
    }

    /** The one-pass excerpt gives what the regular expressions it replaced gave, on texts made to trip it. */
    @Test
    void excerptMatchesTheRegularExpressionsItReplaced() {
        String[] pieces = {"a", "B", "<br />", "<br", "/>", "<", " ", "  ", "\t", "\n", "\r", "\f", "\u000B",
            "\u00A0", "\u2003", "x".repeat(40), ".", "<br /><br />"};
        Random rnd = new Random(5);
        for (int n = 0; n < 3000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = rnd.nextInt(30); k > 0; k--) {
                text.append(pieces[rnd.nextInt(pieces.length)]);
            }
            String t = text.toString();
            String clean = t.replace("<br />", " ").replaceAll("\\s+", " ").strip();
            String expected = clean.length() <= 80 ? clean : clean.substring(0, 80) + "\u2026";
            assertThat(ReviewFilter.excerpt(t)).as("excerpt of [%s]", t).isEqualTo(expected);
        }
    }
}
