package org.flattenexplorer.inspect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** A review given on the command line: a file's path when such a file exists, otherwise the text itself. */
public final class ReviewInput {
    private ReviewInput() {}

    public static String read(String pathOrText) {
        Path path;
        try {
            path = Path.of(pathOrText);
        } catch (InvalidPathException e) {
            return pathOrText;
        }
        if (pathOrText.isBlank() || !Files.isRegularFile(path)) {
            return pathOrText;
        }
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the review " + path + ": " + e.getMessage(), e);
        }
    }
}
