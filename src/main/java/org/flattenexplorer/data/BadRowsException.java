package org.flattenexplorer.data;

import java.nio.file.Path;
import java.util.List;

/**
 * A labelled text file with rows that cannot be used, stopped before anything is read from it: the message names
 * the first few by line number; the window offers to skip them (the CLI's {@code --skip-bad-rows}).
 */
public final class BadRowsException extends DataException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final transient List<LabelledTextFile.BadRow> rows;

    BadRowsException(Path file, List<LabelledTextFile.BadRow> rows) {
        super(file + ": " + LabelledTextFile.count(rows.size(), "bad row") + " (" + LabelledTextFile.summary(rows, 3)
                + "): fix " + (rows.size() == 1 ? "it" : "them") + ", or skip " + (rows.size() == 1 ? "it" : "them")
                + " with --skip-bad-rows (they are then listed, not used)");
        this.file = file;
        this.rows = List.copyOf(rows);
    }

    public Path file() {
        return file;
    }

    public List<LabelledTextFile.BadRow> rows() {
        return rows;
    }
}
