package org.flattenexplorer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AclImdbReaderTest {
    @TempDir
    Path tmp;

    @Test
    void countsOfTheSharedSubsetAre1000And500PerLabel() {
        assertThat(AclImdbReader.counts(TestData.subset())).containsExactly(
                Map.entry("train/pos", 1000), Map.entry("train/neg", 1000),
                Map.entry("test/pos", 500), Map.entry("test/neg", 500));
    }

    @Test
    void readsAKnownSubsetReviewWithLabelIdRatingAndText() {
        List<Review> train = AclImdbReader.read(TestData.subset(), "train");
        Review bromwell = train.stream().filter(r -> r.fileName().equals("2_9.txt")).findFirst().orElseThrow();
        assertThat(bromwell.split()).isEqualTo("train");
        assertThat(bromwell.label()).isEqualTo("pos");
        assertThat(bromwell.id()).isEqualTo(2);
        assertThat(bromwell.rating()).isEqualTo(9);
        assertThat(bromwell.text()).startsWith("Bromwell High is nothing short of brilliant.");
    }

    @Test
    void readSortsByLabelThenId() {
        List<Review> test = AclImdbReader.read(TestData.subset(), "test");
        assertThat(test).hasSize(1000);
        assertThat(test).isSortedAccordingTo(Comparator.comparing(Review::label).thenComparingInt(Review::id));
        assertThat(test.get(0).label()).isEqualTo("neg");
        assertThat(test.get(999).label()).isEqualTo("pos");
    }

    @Test
    void sharedSubsetHasAValidLayout() {
        AclImdbReader.checkLayout(TestData.subset());
    }

    @Test
    void ratingsMatchLabelsInTheSharedSubset() {
        assertThat(AclImdbReader.read(TestData.subset(), "train"))
                .allMatch(r -> r.label().equals("pos") ? r.rating() >= 7 : r.rating() <= 4);
    }

    @Test
    void parentFolderHoldingAclImdbResolvesToIt() throws IOException {
        Path root = TestData.emptyLayout(tmp.resolve("aclImdb"));
        assertThat(AclImdbReader.resolveRoot(tmp)).isEqualTo(root.toAbsolutePath().normalize());
    }

    @Test
    void readAcceptsTheParentFolder() throws IOException {
        Path root = TestData.emptyLayout(tmp.resolve("aclImdb"));
        TestData.write(root, "train/pos/3_8.txt", "Nice.");
        assertThat(AclImdbReader.read(tmp, "train")).extracting(Review::id).containsExactly(3);
    }

    @Test
    void rootIsResolvedToItself() throws IOException {
        TestData.emptyLayout(tmp);
        assertThat(AclImdbReader.resolveRoot(tmp)).isEqualTo(tmp.toAbsolutePath().normalize());
    }

    @Test
    void missingFolderIsReportedWithItsPath() {
        Path missing = tmp.resolve("nowhere");
        assertThatThrownBy(() -> AclImdbReader.checkLayout(missing))
                .isInstanceOf(DataException.class).hasMessageContaining("does not exist").hasMessageContaining("nowhere");
    }

    @Test
    void fileInsteadOfFolderIsReported() throws IOException {
        Path file = Files.writeString(tmp.resolve("aclImdb.tar.gz"), "x");
        assertThatThrownBy(() -> AclImdbReader.checkLayout(file))
                .isInstanceOf(DataException.class).hasMessageContaining("not a folder").hasMessageContaining("aclImdb.tar.gz");
    }

    @Test
    void folderWithoutTrainIsNotAnAclImdbFolder() throws IOException {
        Files.createDirectories(tmp.resolve("photos"));
        assertThatThrownBy(() -> AclImdbReader.checkLayout(tmp))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("Not an aclImdb folder").hasMessageContaining("train/").hasMessageContaining(tmp.toString());
    }

    @Test
    void missingPosSubfolderIsNamed() throws IOException {
        TestData.emptyLayout(tmp);
        Files.delete(tmp.resolve("test/pos"));
        assertThatThrownBy(() -> AclImdbReader.checkLayout(tmp))
                .isInstanceOf(DataException.class).hasMessageContaining("pos/").hasMessageContaining(tmp.resolve("test").toString());
    }

    @Test
    void malformedFileNameIsNamed() throws IOException {
        TestData.emptyLayout(tmp);
        TestData.write(tmp, "train/neg/review.txt", "Bad.");
        assertThatThrownBy(() -> AclImdbReader.read(tmp, "train"))
                .isInstanceOf(DataException.class).hasMessageContaining("Malformed review file name")
                .hasMessageContaining("review.txt").hasMessageContaining(tmp.toString());
    }

    @Test
    void ratingOutsideOneToTenIsMalformed() throws IOException {
        TestData.emptyLayout(tmp);
        TestData.write(tmp, "train/neg/5_0.txt", "Bad.");
        assertThatThrownBy(() -> AclImdbReader.read(tmp, "train"))
                .isInstanceOf(DataException.class).hasMessageContaining("rating").hasMessageContaining("5_0.txt");
    }

    @Test
    void emptyReviewIsReported() throws IOException {
        TestData.emptyLayout(tmp);
        TestData.write(tmp, "train/pos/1_10.txt", " \n ");
        assertThatThrownBy(() -> AclImdbReader.read(tmp, "train"))
                .isInstanceOf(DataException.class).hasMessageContaining("Empty review").hasMessageContaining("1_10.txt");
    }

    @Test
    void binaryFileIsReported() throws IOException {
        TestData.emptyLayout(tmp);
        TestData.write(tmp, "train/pos/1_10.txt", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
        assertThatThrownBy(() -> AclImdbReader.read(tmp, "train"))
                .isInstanceOf(DataException.class).hasMessageContaining("binary").hasMessageContaining("1_10.txt");
    }

    @Test
    void nonUtf8FileIsReported() throws IOException {
        TestData.emptyLayout(tmp);
        TestData.write(tmp, "test/neg/4_2.txt", new byte[] {'C', 'a', 'f', (byte) 0xE9, ' ', 'b', 'a', 'd'});
        assertThatThrownBy(() -> AclImdbReader.read(tmp, "test"))
                .isInstanceOf(DataException.class).hasMessageContaining("not valid UTF-8").hasMessageContaining("4_2.txt");
    }

    @Test
    void byteOrderMarkIsDropped() throws IOException {
        TestData.emptyLayout(tmp);
        TestData.write(tmp, "train/pos/1_10.txt", "\uFEFFGood.");
        assertThat(AclImdbReader.read(tmp, "train").get(0).text()).isEqualTo("Good.");
    }

    @Test
    void hiddenFilesAreNotReviews() throws IOException {
        TestData.emptyLayout(tmp);
        TestData.write(tmp, "train/pos/.DS_Store", new byte[] {0, 1, 2});
        TestData.write(tmp, "train/pos/1_10.txt", "Good.");
        assertThat(AclImdbReader.read(tmp, "train")).hasSize(1);
    }

    @Test
    void countsAMissingFolderAsZero() throws IOException {
        TestData.emptyLayout(tmp);
        TestData.write(tmp, "train/pos/1_10.txt", "Good.");
        Files.delete(tmp.resolve("test/neg"));
        assertThat(AclImdbReader.counts(tmp)).containsEntry("train/pos", 1).containsEntry("test/neg", 0);
    }

    @Test
    void unknownSplitIsRejected() {
        assertThatThrownBy(() -> AclImdbReader.read(TestData.subset(), "unsup"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsup");
    }
}
