package org.flattenexplorer.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared real data (paths from the pom's surefire properties) and tiny aclImdb folders built on the fly. */
final class TestData {
    private TestData() {}

    static Path subset() {
        return existing("flatten.test.data");
    }

    static Path wordIndex() {
        return existing("flatten.test.wordindex");
    }

    private static Path existing(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.exists(Path.of(value))) {
            throw new IllegalStateException("System property " + property + " must name the shared data, was: " + value);
        }
        return Path.of(value);
    }

    /** An aclImdb layout with empty train|test/pos|neg folders under root. */
    static Path emptyLayout(Path root) throws IOException {
        for (String split : AclImdbReader.SPLITS) {
            for (String label : AclImdbReader.LABELS) {
                Files.createDirectories(root.resolve(split).resolve(label));
            }
        }
        return root;
    }

    static Path write(Path root, String relativePath, String text) throws IOException {
        return write(root, relativePath, text.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path root, String relativePath, byte[] bytes) throws IOException {
        Path file = root.resolve(relativePath);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }
}
