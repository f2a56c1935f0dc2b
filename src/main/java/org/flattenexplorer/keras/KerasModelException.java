package org.flattenexplorer.keras;

import org.flattenexplorer.data.DataException;

/**
 * A Keras model file (or its tokenizer, or a check file) that cannot be opened, worded for the user: what the file
 * is and what to do. Nothing already saved is touched when one is thrown.
 */
public class KerasModelException extends DataException {
    private static final long serialVersionUID = 1L;

    public KerasModelException(String message) {
        super(message);
    }

    public KerasModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
