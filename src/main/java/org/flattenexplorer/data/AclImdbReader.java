package org.flattenexplorer.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads an aclImdb folder ({@code train|test/pos|neg/<id>_<rating>.txt}), the layout of the
 * official archive and of the shared subset. Files are decoded as strict UTF-8: a review that is
 * not text is reported, never silently garbled.
 */
public final class AclImdbReader {
    public static final List<String> SPLITS = List.of("train", "test");
    public static final List<String> LABELS = List.of(Review.POS, Review.NEG);

    private static final Pattern FILE_NAME = Pattern.compile("(\\d{1,9})_(\\d{1,2})\\.txt");
    private static final String LAYOUT_HINT =
            "expected an aclImdb folder with train/pos, train/neg, test/pos and test/neg";

    private AclImdbReader() {}

    /**
     * The aclImdb root for a folder the user picked: the folder itself when it has train/ or
     * test/, its {@code aclImdb/} child when the user picked the folder that holds it, otherwise
     * the folder unchanged (so that {@link #checkLayout} reports what is wrong with it).
     */
    public static Path resolveRoot(Path userChoice) {
        Path choice = userChoice.toAbsolutePath().normalize();
        if (Files.isDirectory(choice.resolve("train")) || Files.isDirectory(choice.resolve("test"))) {
            return choice;
        }
        Path child = choice.resolve("aclImdb");
        if (Files.isDirectory(child)) {
            return child;
        }
        return choice;
    }

    /** Throws a {@link DataException} naming the first thing missing from an aclImdb layout. */
    public static void checkLayout(Path root) {
        Path resolved = existingFolder(root);
        for (String split : SPLITS) {
            Path splitDir = resolved.resolve(split);
            if (!Files.isDirectory(splitDir)) {
                throw new DataException("Not an aclImdb folder: " + resolved + " has no " + split
                        + "/ subfolder (" + LAYOUT_HINT + ")");
            }
            for (String label : LABELS) {
                if (!Files.isDirectory(splitDir.resolve(label))) {
                    throw new DataException("Not an aclImdb folder: " + splitDir + " has no " + label
                            + "/ subfolder (" + LAYOUT_HINT + ")");
                }
            }
        }
    }

    /**
     * Every review of one split, pos and neg, sorted by label ("neg" first) then id.
     *
     * @param split "train" or "test"
     */
    public static List<Review> read(Path aclImdbRoot, String split) {
        if (!SPLITS.contains(split)) {
            throw new IllegalArgumentException("split must be \"train\" or \"test\": " + split);
        }
        Path root = existingFolder(aclImdbRoot);
        Path splitDir = root.resolve(split);
        if (!Files.isDirectory(splitDir)) {
            throw new DataException("Not an aclImdb folder: " + root + " has no " + split
                    + "/ subfolder (" + LAYOUT_HINT + ")");
        }
        List<Review> reviews = new ArrayList<>();
        for (String label : LABELS) {
            Path labelDir = splitDir.resolve(label);
            if (!Files.isDirectory(labelDir)) {
                throw new DataException("Not an aclImdb folder: " + splitDir + " has no " + label
                        + "/ subfolder (" + LAYOUT_HINT + ")");
            }
            for (Path file : reviewFiles(labelDir)) {
                reviews.add(readReview(file, split, label));
            }
        }
        reviews.sort(Comparator.comparing(Review::label).thenComparingInt(Review::id));
        return List.copyOf(reviews);
    }

    /**
     * Number of review files per folder, keyed "train/pos", "train/neg", "test/pos", "test/neg";
     * a missing folder counts 0, so the data panel can show a partial folder as it is.
     */
    public static Map<String, Integer> counts(Path root) {
        Path resolved = existingFolder(root);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String split : SPLITS) {
            for (String label : LABELS) {
                Path dir = resolved.resolve(split).resolve(label);
                counts.put(split + "/" + label, Files.isDirectory(dir) ? reviewFiles(dir).size() : 0);
            }
        }
        return counts;
    }

    /** Parses {@code <id>_<rating>.txt}; throws a {@link DataException} naming the file otherwise. */
    static int[] parseFileName(Path file) {
        String name = file.getFileName().toString();
        Matcher m = FILE_NAME.matcher(name);
        if (!m.matches()) {
            throw new DataException("Malformed review file name \"" + name + "\" (expected <id>_<rating>.txt): " + file);
        }
        int id = Integer.parseInt(m.group(1));
        int rating = Integer.parseInt(m.group(2));
        if (rating < 1 || rating > 10) {
            throw new DataException("Malformed review file name \"" + name + "\" (rating must be 1-10): " + file);
        }
        return new int[] {id, rating};
    }

    /** Decodes a review as strict UTF-8, dropping a byte-order mark. */
    public static String decodeText(byte[] bytes, Path file) {
        for (byte b : bytes) {
            if (b == 0) {
                throw new DataException("Review file is binary, not text (it contains NUL bytes): " + file
                        + "; remove it or replace it with UTF-8 text");
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            // the decoder's own words ("Input length = 1") say nothing more
            throw new DataException("Review file is not valid UTF-8 text (binary, or another encoding): " + file
                    + "; save it as UTF-8 text");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new DataException("Empty review: " + file);
        }
        return text;
    }

    private static Review readReview(Path file, String split, String label) {
        int[] idAndRating = parseFileName(file);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DataException("Cannot read review file: " + file + " (" + e.getMessage() + ")", e);
        }
        return new Review(split, label, idAndRating[0], idAndRating[1], decodeText(bytes, file));
    }

    /** Regular files of a label folder; hidden files (.DS_Store and the like) are not reviews. */
    private static List<Path> reviewFiles(Path labelDir) {
        try (Stream<Path> files = Files.list(labelDir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new DataException("Cannot list folder: " + labelDir + " (" + e.getMessage() + ")", e);
        }
    }

    private static Path existingFolder(Path userChoice) {
        if (userChoice == null) {
            throw new DataException("No data folder chosen (" + LAYOUT_HINT + ")");
        }
        Path root = resolveRoot(userChoice);
        if (!Files.exists(root)) {
            throw new DataException("Data folder does not exist: " + root);
        }
        if (!Files.isDirectory(root)) {
            throw new DataException("Data folder is a file, not a folder: " + root);
        }
        return root;
    }
}
