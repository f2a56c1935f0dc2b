package org.flattenexplorer.selftest;

/**
 * A problem of the machine the app starts on (no display, no fonts, no writable folder, a full disk), with
 * a message that names it and says what to do. Printed as one paragraph, never as a bare stack trace.
 */
public final class StartupProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StartupProblem(String message) {
        super(message);
    }

    public StartupProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
