package org.flattenexplorer.lesson;

/** A lesson file that cannot be read: the message names the step and the field. */
public final class LessonFormatException extends RuntimeException {
    public LessonFormatException(String message) {
        super(message);
    }

    public LessonFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
