package org.flattenexplorer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubsetManifestTest {
    private static final Path COMMITTED = Path.of("sample-data/imdb-subset-files.tsv");

    @TempDir
    Path tmp;

    @Test
    void committedManifestListsTheSharedSubsetCounts() {
        assertThat(SubsetManifest.load(COMMITTED).counts()).containsExactly(
                Map.entry("train/pos", 1000), Map.entry("train/neg", 1000),
                Map.entry("test/pos", 500), Map.entry("test/neg", 500));
    }

    @Test
    void committedManifestMatchesTheSharedSubsetFiles() throws IOException {
        Path root = TestData.subset();
        Set<String> onDisk = new HashSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".txt") && Files.isRegularFile(f))
                    .forEach(f -> onDisk.add(root.relativize(f).toString().replace('\\', '/')));
        }
        assertThat(SubsetManifest.load(COMMITTED).relativePaths()).isEqualTo(onDisk);
    }

    @Test
    void relativePathsFollowTheAclImdbLayout() {
        assertThat(SubsetManifest.load(COMMITTED).relativePaths()).contains("train/pos/2_9.txt");
    }

    @Test
    void malformedLineIsReportedWithItsNumber() throws IOException {
        Path tsv = Files.writeString(tmp.resolve("m.tsv"), "split\tlabel\tid\trating\ntrain\tpos\t2\t9\ntrain\tmaybe\t3\t5\n");
        assertThatThrownBy(() -> SubsetManifest.load(tsv))
                .isInstanceOf(DataException.class).hasMessageContaining("line 3").hasMessageContaining("m.tsv");
    }

    @Test
    void missingHeaderIsReported() throws IOException {
        Path tsv = Files.writeString(tmp.resolve("m.tsv"), "train\tpos\t2\t9\n");
        assertThatThrownBy(() -> SubsetManifest.load(tsv))
                .isInstanceOf(DataException.class).hasMessageContaining("first line").hasMessageContaining("m.tsv");
    }

    @Test
    void missingFileIsReported() {
        assertThatThrownBy(() -> SubsetManifest.load(tmp.resolve("none.tsv")))
                .isInstanceOf(DataException.class).hasMessageContaining("does not exist");
    }

    @Test
    void theAppShipsTheSubsetsFileListForItsDownload() {
        SubsetManifest bundled = SubsetManifest.bundled();

        assertThat(bundled.size()).isEqualTo(3000);
        assertThat(bundled.relativePaths()).contains("train/pos/2_9.txt");
    }
}
