package org.flattenexplorer.cli;

/** A user error on the command line: printed as one line on stderr, exit code 2. */
public class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }
}
