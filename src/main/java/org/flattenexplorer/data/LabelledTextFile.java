package org.flattenexplorer.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads a CSV or TSV file of labelled texts (a header line, then one review a row): finds the text and label
 * columns, maps the label values to positive and negative, and reports every bad row by its line number. Bad rows
 * stop the reading ({@link BadRowsException}) unless the settings skip them; skipped rows stay listed in the
 * result, so the user is told what was left out.
 */
public final class LabelledTextFile {
    /** Header names taken for the text column, in order of preference. */
    static final List<String> TEXT_NAMES = List.of("review", "text", "reviews", "review_text", "sentence", "content",
            "comment", "body", "document", "tweet");
    /** Header names taken for the label column, in order of preference. */
    static final List<String> LABEL_NAMES = List.of("sentiment", "label", "labels", "polarity", "class", "target",
            "y", "is_positive", "positive");

    /** A row that cannot be used, with its line number (where it starts) and why. */
    public record BadRow(int line, String problem) {
        public String describe() {
            return "line " + line + ": " + problem;
        }
    }

    /** One usable row: its line, its text and its label (1 positive, 0 negative). */
    public record Row(int line, String text, int label) {}

    /**
     * What a file holds.
     *
     * @param sha256 of the file's bytes: a dataset's identity covers the contents, not only the name
     */
    public record Contents(Path file, String sha256, List<String> header, int textColumn, int labelColumn,
            LabelMapping labels, List<Row> rows, List<BadRow> badRows) {
        public Contents {
            header = List.copyOf(header);
            rows = List.copyOf(rows);
            badRows = List.copyOf(badRows);
        }

        public String textColumnName() {
            return header.get(textColumn);
        }

        public String labelColumnName() {
            return header.get(labelColumn);
        }

        public int positives() {
            return (int) rows.stream().filter(r -> r.label() == 1).count();
        }

        public int negatives() {
            return rows.size() - positives();
        }

        /** "skipped 2 bad rows of reviews.csv: line 7: ...; line 9: ...", empty when none were skipped. */
        public Optional<String> skippedNote() {
            return badRows.isEmpty() ? Optional.empty() : Optional.of("skipped " + count(badRows.size(), "bad row")
                    + " of " + file.getFileName() + " (" + summary(badRows, 5) + ")");
        }
    }

    private LabelledTextFile() {}

    /** Reads {@code file} with the settings' columns, labels and bad-row choice; the mapping is detected if unset. */
    public static Contents read(Path file, TextFileSettings settings) {
        LabelMapping labels = settings.labels();
        byte[] bytes = readBytes(file);
        String text = decode(file, bytes);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String firstLine = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
        char delimiter = CsvParser.detectDelimiter(firstLine, name.endsWith(".tsv") || name.endsWith(".tab"));
        List<CsvParser.Record> records;
        try {
            records = CsvParser.parse(text, delimiter);
        } catch (CsvParser.UnclosedQuote q) {
            throw new DataException(file + " line " + q.line + ": a quoted field is never closed, so lines " + q.line
                    + "-" + q.lastLine + " would be one text: close the quote (a quote inside a quoted text is "
                    + "written twice: \"\")");
        }
        if (records.isEmpty()) {
            throw empty(file);
        }
        List<String> header = records.get(0).fields().stream().map(String::strip).toList();
        int textColumn = column(file, header, settings.textColumn(), TEXT_NAMES, "text", "--text-column");
        int labelColumn = column(file, header, settings.labelColumn(), LABEL_NAMES, "label", "--label-column");
        if (textColumn == labelColumn) {
            throw new DataException(file + ": the text and the label are both column '" + header.get(textColumn)
                    + "': choose two different columns (--text-column, --label-column)");
        }
        List<CsvParser.Record> data = records.subList(1, records.size());
        if (data.isEmpty()) {
            throw new DataException(file + " has a header (" + String.join(", ", header) + ") but no reviews: add one "
                    + "row per review below it");
        }
        List<BadRow> bad = new ArrayList<>();
        List<CsvParser.Record> usable = new ArrayList<>();
        for (CsvParser.Record r : data) {
            String problem = rowProblem(r, header, textColumn, labelColumn);
            if (problem != null) {
                bad.add(new BadRow(r.line(), problem));
            } else {
                usable.add(r);
            }
        }
        LabelMapping mapping = labels != null ? labels : detectLabels(file, usable, labelColumn, header.get(labelColumn));
        List<Row> rows = new ArrayList<>();
        for (CsvParser.Record r : usable) {
            String label = r.fields().get(labelColumn);
            int value = mapping.valueOf(label);
            if (value < 0) {
                bad.add(new BadRow(r.line(), "label '" + label.strip() + "' is neither '" + mapping.positive()
                        + "' (positive) nor '" + mapping.negative() + "' (negative)"));
            } else {
                rows.add(new Row(r.line(), r.fields().get(textColumn), value));
            }
        }
        bad.sort(java.util.Comparator.comparingInt(BadRow::line));
        if (!bad.isEmpty() && !settings.skipBadRows()) {
            throw new BadRowsException(file, bad);
        }
        if (rows.isEmpty()) {
            throw new DataException(file + ": every row is bad (" + summary(bad, 3) + "): fix the file");
        }
        return new Contents(file, Hashing.sha256Hex(bytes), header, textColumn, labelColumn, mapping,
                rows, bad);
    }

    /** Too few or too many fields, a broken quote, an empty text or label; null when the row is usable. */
    private static String rowProblem(CsvParser.Record r, List<String> header, int textColumn, int labelColumn) {
        if (r.problem() != null) {
            return r.problem();
        }
        int fields = r.fields().size();
        boolean onlyEmptyExtras = fields > header.size()
                && r.fields().subList(header.size(), fields).stream().allMatch(String::isBlank);
        if (fields != header.size() && !onlyEmptyExtras) {
            return fields + (fields == 1 ? " field" : " fields") + " where the header has " + header.size()
                    + (fields > header.size() ? " (a delimiter inside an unquoted text? put the text in double quotes)"
                    : "");
        }
        if (r.fields().get(textColumn).isBlank()) {
            return "empty text";
        }
        if (r.fields().get(labelColumn).isBlank()) {
            return "no label";
        }
        return null;
    }

    /**
     * The known pair that covers the most rows. Values of another known pair in the same column are refused (the
     * file mixes two conventions); values of no known pair become bad rows; no known value at all asks the user
     * to name the pair ({@link UnknownLabelsException}).
     */
    private static LabelMapping detectLabels(Path file, List<CsvParser.Record> rows, int column, String labelColumn) {
        Map<String, int[]> values = new LinkedHashMap<>(); // value -> {rows, first line}
        for (CsvParser.Record r : rows) {
            String v = LabelMapping.normalize(r.fields().get(column));
            values.computeIfAbsent(v, k -> new int[] {0, r.line()})[0]++;
        }
        LabelMapping best = null;
        int bestRows = 0;
        for (LabelMapping known : LabelMapping.KNOWN) {
            int covered = values.entrySet().stream().filter(e -> known.covers(e.getKey()))
                    .mapToInt(e -> e.getValue()[0]).sum();
            if (covered > bestRows) {
                best = known;
                bestRows = covered;
            }
        }
        if (best == null) {
            throw new UnknownLabelsException(file, labelColumn, List.copyOf(values.keySet()),
                    values.values().stream().map(v -> v[1]).toList());
        }
        for (Map.Entry<String, int[]> e : values.entrySet()) {
            Optional<LabelMapping> other = LabelMapping.knownPairOf(e.getKey());
            if (!best.covers(e.getKey()) && other.isPresent()) {
                String firstBest = values.keySet().stream().filter(best::covers).findFirst().orElseThrow();
                throw new DataException(file + " mixes two kinds of labels in column '" + labelColumn + "': "
                        + best.describe() + " ('" + firstBest + "' on line " + values.get(firstBest)[1] + ") and "
                        + other.get().describe() + " ('" + e.getKey() + "' on line " + e.getValue()[1]
                        + "): write them one way, or name the two values with --labels POSITIVE,NEGATIVE");
            }
        }
        return best;
    }

    private static int column(Path file, List<String> header, String asked, List<String> names, String what,
            String option) {
        if (asked != null) {
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).equalsIgnoreCase(asked)) {
                    return i;
                }
            }
            if (asked.matches("\\d{1,4}")) {
                int n = Integer.parseInt(asked);
                if (n >= 1 && n <= header.size()) {
                    return n - 1;
                }
            }
            throw new MissingColumnException(file + " has no column '" + asked + "' (its columns: " + columns(header)
                    + "): give " + option + " one of them, or its number from 1", header);
        }
        for (String name : names) {
            for (int i = 0; i < header.size(); i++) {
                if (normalizeHeader(header.get(i)).equals(name)) {
                    return i;
                }
            }
        }
        throw new MissingColumnException(file + " has no " + what + " column: none of its columns (" + columns(header)
                + ") is named " + String.join(", ", names.subList(0, 4)) + " or the like; name it with " + option
                + " NAME", header);
    }

    private static String normalizeHeader(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replace(' ', '_');
    }

    private static String columns(List<String> header) {
        String all = header.stream().map(h -> "'" + h + "'").collect(Collectors.joining(", "));
        return all.length() > 200 ? all.substring(0, 200) + "..." : all;
    }

    static String summary(List<BadRow> bad, int shown) {
        String first = bad.stream().limit(shown).map(BadRow::describe).collect(Collectors.joining("; "));
        return bad.size() > shown ? first + "; and " + (bad.size() - shown) + " more" : first;
    }

    static String count(int n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }

    private static byte[] readBytes(Path file) {
        if (!Files.exists(file)) {
            throw new DataException("No reviews file at " + file + ": check the path");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DataException("Cannot read the reviews file " + file + " (" + e.getMessage() + ")", e);
        }
    }

    private static String decode(Path file, byte[] bytes) {
        if (startsWith(bytes, 0x89, 'H', 'D', 'F') || startsWith(bytes, 'P', 'K', 3, 4) || startsWith(bytes, 0x1f, 0x8b)) {
            throw new DataException(file + " is not a CSV/TSV text file (it is an HDF5, zip or gzip file): give a "
                    + "text file with a header line and one review a row");
        }
        for (byte b : bytes) {
            if (b == 0) {
                throw new DataException(file + " is binary, not a CSV/TSV text file (it contains NUL bytes): give "
                        + "a text file with a header line and one review a row");
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new DataException(file + " is not UTF-8 text (another encoding?): save it as UTF-8 (\"CSV UTF-8\" "
                    + "in a spreadsheet)");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw empty(file);
        }
        return text;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static DataException empty(Path file) {
        return new DataException("The reviews file " + file + " is empty: it needs a header line (e.g. "
                + "review,sentiment) and one row per review");
    }
}
