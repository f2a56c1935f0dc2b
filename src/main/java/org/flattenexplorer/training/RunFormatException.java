package org.flattenexplorer.training;

/** A run folder that cannot be read back; the message names the folder and what is wrong with it. */
public class RunFormatException extends RuntimeException {
    public RunFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
