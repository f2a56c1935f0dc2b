package org.flattenexplorer.data;

/**
 * Bad input data: a missing or malformed folder, file, word index or archive. The message always
 * names the problem and the path (or URL) involved, because the UI shows it to the user as it is.
 */
public class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
