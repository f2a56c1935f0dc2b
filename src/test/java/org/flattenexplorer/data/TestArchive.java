package org.flattenexplorer.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** A small aclImdb_v1.tar.gz look-alike built from synthetic reviews, with the extras the real one has. */
public final class TestArchive {
    public final byte[] bytes;
    /** Review paths inside aclImdb/, e.g. "train/pos/0_9.txt". */
    final List<String> reviewPaths = new ArrayList<>();

    public TestArchive(int perFolder) throws IOException {
        this(perFolder, path -> true);
    }

    /** Only the reviews whose path (e.g. "test/neg/3_2.txt") passes {@code keep}. */
    TestArchive(int perFolder, java.util.function.Predicate<String> keep) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(buffer))) {
            directory(tar, "aclImdb/");
            file(tar, "aclImdb/README", "Large Movie Review Dataset v1.0 (test copy)");
            file(tar, "aclImdb/imdb.vocab", "the\nand\n");
            for (String split : AclImdbReader.SPLITS) {
                directory(tar, "aclImdb/" + split + "/");
                for (Review r : SyntheticReviews.generate(split, 2 * perFolder, 11)) {
                    String path = r.relativePath();
                    if (!keep.test(path)) {
                        continue;
                    }
                    file(tar, "aclImdb/" + path, r.text());
                    reviewPaths.add(path);
                }
                file(tar, "aclImdb/" + split + "/urls_pos.txt", "http://www.imdb.com/title/tt0000001/usercomments\n");
            }
            file(tar, "aclImdb/train/unsup/0_0.txt", "unlabelled review");
        }
        bytes = buffer.toByteArray();
    }

    public String sha256() {
        return Hashing.sha256Hex(bytes);
    }

    private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        tar.putArchiveEntry(new TarArchiveEntry(name));
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, String text) throws IOException {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
