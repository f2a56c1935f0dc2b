package org.flattenexplorer.model;

/** An architecture or hyperparameter combination that cannot be trained; the message says why in plain words. */
public class InvalidSpecException extends IllegalArgumentException {
    public InvalidSpecException(String message) {
        super(message);
    }
}
