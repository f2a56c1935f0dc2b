package org.flattenexplorer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CSV of labelled texts as a dataset: the held-out test share, a separate test file, identities and notes. */
class TextFileDatasetTest {
    private static final Preprocessing SMALL = Preprocessing.defaults().withSizes(60, 20, 1000).withMaxlen(50);

    @TempDir
    Path tmp;

    /** n synthetic reviews as review,sentiment rows, quoted (they hold commas). */
    private Path csv(String name, int n, long seed) throws Exception {
        StringBuilder out = new StringBuilder("review,sentiment\n");
        for (Review r : SyntheticReviews.generate("train", n, seed)) {
            out.append('"').append(r.text().replace("\"", "\"\"")).append("\",")
                    .append(r.labelValue() == 1 ? "positive" : "negative").append('\n');
        }
        return Files.writeString(tmp.resolve(name), out, StandardCharsets.UTF_8);
    }

    private static Set<String> origins(EncodedSplit split) {
        return split.reviews().stream().map(Review::relativePath).collect(Collectors.toSet());
    }

    @Test
    void oneFileIsSplitIntoTrainingValidationAndAHeldOutTestShare() throws Exception {
        Path file = csv("reviews.csv", 200, 3);

        PreparedDataset d = DatasetPreparer.fromPath(file, TextFileSettings.defaults(), SMALL);

        assertThat(d.train().size()).isEqualTo(60);
        assertThat(d.validation().size()).isEqualTo(20);
        assertThat(d.test().size()).isEqualTo(40); // 20% of 200, all of them (fewer than the 1000 asked)
        assertThat(d.test().positives()).isEqualTo(20);
        assertThat(d.train().positives()).isEqualTo(30);
        assertThat(origins(d.train())).doesNotContainAnyElementsOf(origins(d.validation()))
                .doesNotContainAnyElementsOf(origins(d.test())).allMatch(o -> o.startsWith("reviews.csv:"));
        assertThat(d.testNote(1000)).hasValueSatisfying(n -> assertThat(n)
                .startsWith("the 20% of reviews.csv held out for testing holds only 40 reviews"));
        assertThat(d.source()).contains("reviews file").contains("reviews.csv");
    }

    @Test
    void theHeldOutShareDoesNotDependOnTheTrainingSize() throws Exception {
        Path file = csv("reviews.csv", 200, 3);
        PreparedDataset small = DatasetPreparer.fromPath(file, TextFileSettings.defaults(), SMALL);
        PreparedDataset large = DatasetPreparer.fromPath(file, TextFileSettings.defaults(), SMALL.withSizes(120, 20, 1000));

        assertThat(origins(large.test())).isEqualTo(origins(small.test()));
        assertThat(origins(large.validation())).isEqualTo(origins(small.validation()));
        assertThat(origins(large.train())).containsAll(origins(small.train()));
    }

    @Test
    void aSeparateTestFileGivesTheTestReviews() throws Exception {
        Path train = csv("train.csv", 100, 3);
        Path test = Files.writeString(tmp.resolve("test.tsv"), "label\ttext\n1\tgreat fun\n0\tboring\n");

        PreparedDataset d = DatasetPreparer.fromPath(train, TextFileSettings.defaults().withTestFile(test), SMALL);

        assertThat(d.train().size() + d.validation().size()).isEqualTo(80);
        assertThat(origins(d.test())).containsExactlyInAnyOrder("test.tsv:2", "test.tsv:3");
        assertThat(d.testNote(1000)).hasValueSatisfying(n -> assertThat(n).startsWith("test.tsv holds only 2"));
    }

    @Test
    void aTestFilesBadRowsAreReportedWithItsName() throws Exception {
        Path train = csv("train.csv", 100, 3);
        Path test = Files.writeString(tmp.resolve("test.csv"), "text,label\ngreat,positive\nboring,negative\nmeh,meh\n");

        assertThatThrownBy(() -> DatasetPreparer.fromPath(train, TextFileSettings.defaults().withTestFile(test), SMALL))
                .isInstanceOf(BadRowsException.class).hasMessageContaining("test.csv: 1 bad row")
                .hasMessageContaining("line 4: label 'meh' is neither 'positive'");
    }

    @Test
    void theIdentityCoversTheFileContentsAndTheReadingSettings() throws Exception {
        Path file = csv("reviews.csv", 200, 3);
        String identity = DatasetPreparer.fromPath(file, TextFileSettings.defaults(), SMALL).identity();
        assertThat(DatasetPreparer.fromPath(file, TextFileSettings.defaults(), SMALL).identity()).isEqualTo(identity);

        // the same reviews with one word changed in a row that is not even sampled still is another file
        String content = Files.readString(file);
        Files.writeString(file, content + "\"one more review, unused\",positive\n");
        String grown = DatasetPreparer.fromPath(file, TextFileSettings.defaults(), SMALL).identity();
        assertThat(grown).isNotEqualTo(identity);
        Files.writeString(file, content);
        assertThat(DatasetPreparer.fromPath(file, TextFileSettings.defaults().withTestFraction(0.3), SMALL).identity())
                .isNotEqualTo(identity);
        assertThat(DatasetPreparer.fromPath(file, TextFileSettings.defaults().withSkipBadRows(true), SMALL).identity())
                .isNotEqualTo(identity);
        assertThat(DatasetPreparer.fromPath(file, TextFileSettings.defaults(), SMALL).identity()).isEqualTo(identity);
    }

    @Test
    void skippedRowsBecomeNotesOfTheDataset() throws Exception {
        Path file = csv("reviews.csv", 200, 3);
        Files.writeString(file, Files.readString(file) + "an, unquoted, comma,positive\n");

        PreparedDataset d = DatasetPreparer.fromPath(file, TextFileSettings.defaults().withSkipBadRows(true), SMALL);

        assertThat(d.notes(1000)).first().asString().contains("skipped 1 bad row of reviews.csv (line 202: 4 fields");
    }

    @Test
    void oneClassAndTooFewRowsAreWordedForAFile() throws Exception {
        List<String> rows = new ArrayList<>(List.of("review,sentiment"));
        for (int i = 0; i < 120; i++) {
            rows.add("review number " + i + ",negative");
        }
        Path file = Files.write(tmp.resolve("neg.csv"), rows);
        assertThatThrownBy(() -> DatasetPreparer.fromPath(file, TextFileSettings.defaults(), SMALL))
                .hasMessageContaining("only one class (0 pos, 96 neg)").hasMessageContaining("add positive reviews to neg.csv");
        Path small = csv("small.csv", 50, 3);
        assertThatThrownBy(() -> DatasetPreparer.fromPath(small, TextFileSettings.defaults(), SMALL))
                .hasMessageContaining("but small.csv (less the 20% held out for testing) holds only 40");
    }
}
