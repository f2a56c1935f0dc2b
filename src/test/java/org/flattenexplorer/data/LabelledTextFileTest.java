package org.flattenexplorer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labelled texts the way people share them: spreadsheets' CSV, TSV, Kaggle's IMDB Dataset.csv layout. */
class LabelledTextFileTest {
    @TempDir
    Path tmp;

    private Path write(String name, String content) throws Exception {
        return Files.writeString(tmp.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static LabelledTextFile.Contents read(Path file) {
        return LabelledTextFile.read(file, TextFileSettings.defaults());
    }

    private static List<String> texts(LabelledTextFile.Contents c) {
        return c.rows().stream().map(LabelledTextFile.Row::text).toList();
    }

    @Test
    void readsKaggleStyleReviewSentimentWithQuotedCommasNewlinesAndQuotes() throws Exception {
        Path file = write("IMDB Dataset.csv", "review,sentiment\n"
                + "\"A great film, truly.<br /><br />See it.\",positive\n"
                + "\"Dull.\nTwo lines, \"\"quoted\"\" words.\",negative\n"
                + "plain text without quotes,positive\n");

        LabelledTextFile.Contents c = read(file);

        assertThat(c.textColumnName()).isEqualTo("review");
        assertThat(c.labelColumnName()).isEqualTo("sentiment");
        assertThat(c.labels()).isEqualTo(new LabelMapping("positive", "negative"));
        assertThat(texts(c)).containsExactly("A great film, truly.<br /><br />See it.",
                "Dull.\nTwo lines, \"quoted\" words.", "plain text without quotes");
        assertThat(c.rows()).extracting(LabelledTextFile.Row::label).containsExactly(1, 0, 1);
        assertThat(c.rows()).extracting(LabelledTextFile.Row::line).containsExactly(2, 3, 5);
        assertThat(c.badRows()).isEmpty();
    }

    @Test
    void aBomCrlfLineEndsAndEmptyLinesChangeNothing() throws Exception {
        Path plain = write("plain.csv", "text,label\ngood movie,1\nbad movie,0\n");
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "text,label\r\n\r\ngood movie,1\r\n   \r\nbad movie,0\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(body, 0, all, bom.length, body.length);
        Path windows = Files.write(tmp.resolve("windows.csv"), all);

        LabelledTextFile.Contents a = read(plain);
        LabelledTextFile.Contents b = read(windows);

        assertThat(b.header()).containsExactly("text", "label");
        assertThat(texts(b)).isEqualTo(texts(a));
        assertThat(b.rows()).extracting(LabelledTextFile.Row::label).containsExactly(1, 0);
        assertThat(b.rows()).extracting(LabelledTextFile.Row::line).containsExactly(3, 5);
        assertThat(b.sha256()).isNotEqualTo(a.sha256());
    }

    @Test
    void tabSeparatedFilesAndEveryKnownLabelPair() throws Exception {
        Path tsv = write("reviews.tsv", "id\tlabel\ttext\n1\tPOS\tloved it, really\n2\tneg\thated it\n");
        assertThat(read(tsv).labels()).isEqualTo(new LabelMapping("pos", "neg"));
        assertThat(texts(read(tsv))).containsExactly("loved it, really", "hated it");
        assertThat(read(write("b.csv", "sentence,polarity\na,True\nb,false\n")).labels())
                .isEqualTo(new LabelMapping("true", "false"));
        assertThat(read(write("c.csv", "Review , Sentiment\na, Positive \nb,NEGATIVE\n")).rows())
                .extracting(LabelledTextFile.Row::label).containsExactly(1, 0);
    }

    @Test
    void columnsAndLabelsCanBeNamed() throws Exception {
        Path file = write("named.csv", "opinion,stars,verdict\nlovely,5,good\nawful,1,bad\n");
        TextFileSettings s = TextFileSettings.defaults().withColumns("opinion", "3")
                .withLabels(LabelMapping.parse("Good,Bad"));

        LabelledTextFile.Contents c = LabelledTextFile.read(file, s);

        assertThat(c.textColumnName()).isEqualTo("opinion");
        assertThat(c.labelColumnName()).isEqualTo("verdict");
        assertThat(c.rows()).extracting(LabelledTextFile.Row::label).containsExactly(1, 0);
    }

    @Test
    void badRowsStopTheReadingByDefaultNamingTheirLines() throws Exception {
        Path file = write("bad.csv", "review,sentiment\ngood,positive\nan, unquoted comma,negative\n,positive\n"
                + "\"broken\" quote,negative\nfine,\n\"ok\",negative\n");

        assertThatThrownBy(() -> read(file)).isInstanceOf(BadRowsException.class)
                .hasMessageContaining("4 bad rows")
                .hasMessageContaining("line 3: 3 fields where the header has 2")
                .hasMessageContaining("line 4: empty text")
                .hasMessageContaining("line 5: text after a closing quote")
                .hasMessageContaining("and 1 more")
                .hasMessageContaining("--skip-bad-rows")
                .satisfies(e -> assertThat(((BadRowsException) e).rows()).extracting(LabelledTextFile.BadRow::line)
                        .containsExactly(3, 4, 5, 6));
    }

    @Test
    void skippedBadRowsAreListedNotSilentlyDropped() throws Exception {
        Path file = write("bad.csv", "review,sentiment\ngood,positive\nan, unquoted comma,negative\nbad,negative\n"
                + "meh,neutral\n");

        LabelledTextFile.Contents c = LabelledTextFile.read(file, TextFileSettings.defaults().withSkipBadRows(true));

        assertThat(texts(c)).containsExactly("good", "bad");
        assertThat(c.badRows()).extracting(LabelledTextFile.BadRow::line).containsExactly(3, 5);
        assertThat(c.badRows().get(1).problem()).contains("label 'neutral' is neither 'positive'");
        assertThat(c.skippedNote()).hasValueSatisfying(n -> assertThat(n).startsWith("skipped 2 bad rows of bad.csv")
                .contains("line 3: 3 fields").contains("line 5: label 'neutral'"));
    }

    @Test
    void unknownLabelsAskWhichIsPositive() throws Exception {
        Path two = write("two.csv", "text,label\nlovely,good\nawful,bad\nfine,good\n");
        assertThatThrownBy(() -> read(two)).isInstanceOf(UnknownLabelsException.class)
                .hasMessageContaining("'good' (line 2), 'bad' (line 3)")
                .hasMessageContaining("--labels good,bad")
                .satisfies(e -> assertThat(((UnknownLabelsException) e).values()).containsExactly("good", "bad"));
        Path stars = write("stars.csv", "text,label\na,1 star\nb,2 stars\nc,3 stars\n");
        assertThatThrownBy(() -> read(stars)).isInstanceOf(UnknownLabelsException.class)
                .hasMessageContaining("holds 3 label values").hasMessageContaining("--label-column");
    }

    @Test
    void mixedLabelKindsAreRefused() throws Exception {
        Path file = write("mixed.csv", "text,label\na,positive\nb,negative\nc,1\nd,positive\n");
        assertThatThrownBy(() -> read(file)).isInstanceOf(DataException.class)
                .hasMessageContaining("mixes two kinds of labels")
                .hasMessageContaining("positive/negative ('positive' on line 2) and 1/0 ('1' on line 4)");
    }

    @Test
    void fileProblemsNameTheFileAndWhatToDo() throws Exception {
        assertThatThrownBy(() -> read(write("empty.csv", ""))).hasMessageContaining("empty.csv is empty");
        assertThatThrownBy(() -> read(write("header.csv", "review,sentiment\n\n")))
                .hasMessageContaining("has a header (review, sentiment) but no reviews");
        assertThatThrownBy(() -> read(write("notext.csv", "id,sentiment\n1,positive\n")))
                .hasMessageContaining("has no text column").hasMessageContaining("'id', 'sentiment'")
                .hasMessageContaining("--text-column");
        assertThatThrownBy(() -> LabelledTextFile.read(write("x.csv", "review,sentiment\na,positive\n"),
                TextFileSettings.defaults().withColumns("body", null)))
                .hasMessageContaining("has no column 'body'");
        assertThatThrownBy(() -> read(write("open.csv", "review,sentiment\n\"never closed,positive\nx,negative\n")))
                .hasMessageContaining("open.csv line 2: a quoted field is never closed, so lines 2-4");
        Path latin1 = Files.write(tmp.resolve("latin1.csv"),
                "review,sentiment\ntrès bien,positive\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> read(latin1)).hasMessageContaining("is not UTF-8 text");
        Path hdf5 = Files.write(tmp.resolve("model.csv"), new byte[] {(byte) 0x89, 'H', 'D', 'F', 13, 10, 26, 10});
        assertThatThrownBy(() -> read(hdf5)).hasMessageContaining("is not a CSV/TSV text file");
        assertThatThrownBy(() -> read(tmp.resolve("missing.csv"))).hasMessageContaining("No reviews file at");
    }
}
