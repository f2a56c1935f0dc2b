package org.flattenexplorer.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits delimited text (CSV, TSV) into records the way spreadsheets and Python's {@code csv} write them: a field
 * in double quotes may hold the delimiter, line breaks and doubled quotes ({@code ""}); lines end in LF, CRLF or
 * CR; empty lines are no records. Each record keeps the line it starts on, so problems are reported where the user
 * can find them. A malformed record (text after a closing quote) is returned with its problem, never dropped.
 */
final class CsvParser {
    /** One record: the physical line it starts on (1-based), its fields, and what is wrong with it (null if nothing). */
    record Record(int line, List<String> fields, String problem) {}

    /** A quoted field opened on {@code line} and never closed: everything after it would be one field. */
    static final class UnclosedQuote extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int line;
        final int lastLine;

        UnclosedQuote(int line, int lastLine) {
            super("unclosed quote on line " + line);
            this.line = line;
            this.lastLine = lastLine;
        }
    }

    private final String text;
    private final char delimiter;
    private int pos;
    private int line = 1;

    private CsvParser(String text, char delimiter) {
        this.text = text;
        this.delimiter = delimiter;
    }

    /** Every non-empty record of {@code text}, in order; throws {@link UnclosedQuote} for a quote never closed. */
    static List<Record> parse(String text, char delimiter) {
        return new CsvParser(text, delimiter).records();
    }

    /**
     * The delimiter of a header line: a tab when the line has tabs (and, for a file not named .tsv/.tab, at least
     * as many as commas), otherwise a comma, a semicolon when it has only semicolons.
     */
    static char detectDelimiter(String headerLine, boolean tabSeparatedName) {
        long tabs = headerLine.chars().filter(c -> c == '\t').count();
        long commas = headerLine.chars().filter(c -> c == ',').count();
        long semicolons = headerLine.chars().filter(c -> c == ';').count();
        if (tabs > 0 && (tabSeparatedName || tabs >= commas)) {
            return '\t';
        }
        if (commas == 0 && semicolons > 0) {
            return ';';
        }
        return tabSeparatedName && commas == 0 ? '\t' : ',';
    }

    private List<Record> records() {
        List<Record> records = new ArrayList<>();
        while (pos < text.length()) {
            if (atLineEnd()) {
                skipLineEnd(); // an empty line
                continue;
            }
            int start = line;
            List<String> fields = new ArrayList<>();
            String problem = null;
            while (true) {
                String[] fieldAndProblem = field();
                fields.add(fieldAndProblem[0]);
                if (problem == null) {
                    problem = fieldAndProblem[1];
                }
                if (pos < text.length() && text.charAt(pos) == delimiter) {
                    pos++;
                    continue;
                }
                break;
            }
            skipLineEnd();
            if (fields.size() == 1 && fields.get(0).isBlank() && problem == null) {
                continue; // a line of spaces only
            }
            records.add(new Record(start, List.copyOf(fields), problem));
        }
        return records;
    }

    /** {field, problem or null}; leaves pos on the delimiter, the line end or the end of the text. */
    private String[] field() {
        if (pos < text.length() && text.charAt(pos) == '"') {
            int openedOn = line;
            pos++;
            StringBuilder value = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw new UnclosedQuote(openedOn, line);
                }
                char c = text.charAt(pos);
                if (c == '"') {
                    if (pos + 1 < text.length() && text.charAt(pos + 1) == '"') {
                        value.append('"');
                        pos += 2;
                        continue;
                    }
                    pos++;
                    break;
                }
                if (c == '\r' || c == '\n') {
                    skipLineEnd();
                    value.append('\n');
                    continue;
                }
                value.append(c);
                pos++;
            }
            int trailing = pos;
            while (pos < text.length() && text.charAt(pos) != delimiter && !atLineEnd()) {
                pos++;
            }
            String after = text.substring(trailing, pos);
            if (after.isBlank()) {
                return new String[] {value.toString(), null};
            }
            return new String[] {value + after, "text after a closing quote (a quote inside a quoted field must be "
                    + "doubled: \"\")"};
        }
        int start = pos;
        while (pos < text.length() && text.charAt(pos) != delimiter && !atLineEnd()) {
            pos++;
        }
        return new String[] {text.substring(start, pos), null};
    }

    private boolean atLineEnd() {
        char c = text.charAt(pos);
        return c == '\n' || c == '\r';
    }

    /** Consumes one LF, CRLF or CR (if there is one) and counts the line. */
    private void skipLineEnd() {
        if (pos >= text.length()) {
            return;
        }
        char c = text.charAt(pos);
        if (c == '\r') {
            pos++;
            if (pos < text.length() && text.charAt(pos) == '\n') {
                pos++;
            }
            line++;
        } else if (c == '\n') {
            pos++;
            line++;
        }
    }
}
