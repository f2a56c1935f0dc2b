package org.flattenexplorer.training;

/**
 * An output that cannot be written (a folder that exists, a path under a file, no permission, a full disk);
 * {@link Failures#explain} words it with its cause.
 */
public class OutputException extends RuntimeException {
    public OutputException(String message) {
        super(message);
    }

    public OutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
