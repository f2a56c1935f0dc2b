package org.flattenexplorer.data;

import java.util.List;

/** A labelled text file whose text or label column was not found: the window asks for it, the CLI names it. */
public final class MissingColumnException extends DataException {
    private static final long serialVersionUID = 1L;
    private final List<String> header;

    MissingColumnException(String message, List<String> header) {
        super(message);
        this.header = List.copyOf(header);
    }

    /** The file's column names, to choose from. */
    public List<String> header() {
        return header;
    }
}
