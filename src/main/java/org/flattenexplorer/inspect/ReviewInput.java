package org.flattenexplorer.inspect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.flattenexplorer.data.AclImdbReader;
import org.flattenexplorer.data.DataException;

/**
 * A review given on the command line: a file's path when such a file exists, otherwise the text itself. An
 * argument that looks like a path (one word with a slash, or ending in an extension such as .txt) but names no
 * file, or names a folder, is an error rather than a two-word "review"; a file that is not UTF-8 text is too.
 */
public final class ReviewInput {
    private static final Pattern EXTENSION = Pattern.compile(".*\\.[A-Za-z][A-Za-z0-9]{0,4}$");

    private ReviewInput() {}

    public static String read(String pathOrText) {
        if (pathOrText.isBlank()) {
            return pathOrText;
        }
        Path path;
        try {
            path = Path.of(pathOrText);
        } catch (InvalidPathException e) {
            return pathOrText;
        }
        if (Files.isDirectory(path)) {
            throw new DataException("--review " + pathOrText + " is a folder: give one review's file, or the "
                    + "review's text in quotes");
        }
        if (!Files.isRegularFile(path)) {
            if (looksLikePath(pathOrText)) {
                throw new DataException("no review file at " + path.toAbsolutePath() + ": check the path (text "
                        + "with spaces and no slash is inspected as the review itself)");
            }
            return pathOrText;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new DataException("cannot read the review file " + path, e);
        }
        if (new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).isBlank()) {
            return "";
        }
        return AclImdbReader.decodeText(bytes, path);
    }

    /** One word (no spaces) with a slash or backslash, or ending in a file extension. */
    static boolean looksLikePath(String s) {
        return !s.strip().contains(" ") && !s.contains("\n")
                && (s.contains("/") || s.contains("\\") || EXTENSION.matcher(s.strip()).matches());
    }
}
