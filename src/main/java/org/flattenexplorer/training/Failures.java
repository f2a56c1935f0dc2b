package org.flattenexplorer.training;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one place that turns any failure into one sentence for the user: what happened and what to do, with no
 * Java class names. It walks the cause chain, so an out-of-memory error deep inside DL4J, a full disk under a
 * save or a permission problem under an export are named as such, after the app's own context ("could not save
 * the run to X"). The CLI prints it after "error: ", the window shows it; details (the chain itself) are for
 * the window's "Details" only.
 */
public final class Failures {
    private Failures() {}

    private static final Pattern EXCEPTION_PREFIX =
            Pattern.compile("(?:[a-z_][a-z0-9_]*\\.)*[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\s*:\\s*");
    private static final Pattern EXCEPTION_NAME =
            Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)*[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b");
    private static final Pattern QUALIFIED_NAME =
            Pattern.compile("`?\\b(?:[a-z_][a-z0-9_]*\\.){2,}([A-Z][A-Za-z0-9_$]*)`?");

    /** One sentence naming what failed and what to do. */
    public static String explain(Throwable failure) {
        List<Throwable> chain = chain(failure);
        String context = context(chain);
        String known = known(chain);
        if (known != null) {
            return context == null ? capitalize(known) : context + ": " + known;
        }
        if (context != null) {
            return clean(context);
        }
        return "Unexpected error (" + clean(firstMessage(chain)) + "): this is a bug in Flatten Explorer; "
                + "please report it with the steps that led to it";
    }

    /** {@code context: <what the cause means and what to do>}, for a failure caught with its context known. */
    public static String explain(String context, Throwable cause) {
        String known = known(chain(cause));
        return context + ": " + (known != null ? known : explain(cause));
    }

    /** Memory or file-system trouble anywhere in the chain (out of memory, a full disk, ...), worded; else empty. */
    public static Optional<String> machineProblem(Throwable failure) {
        return Optional.ofNullable(known(chain(failure))).map(Failures::capitalize);
    }

    /** Whether the failure is one the user can act on (bad input or machine trouble), not a bug in the app. */
    public static boolean isUserActionable(Throwable failure) {
        List<Throwable> chain = chain(failure);
        return known(chain) != null || context(chain) != null;
    }

    /** The technical details behind a failure (its cause chain), for a "Details" view, never the first line. */
    public static String details(Throwable failure) {
        StringBuilder out = new StringBuilder();
        for (Throwable t : chain(failure)) {
            out.append(out.length() == 0 ? "" : "caused by ").append(t.getClass().getName());
            if (t.getMessage() != null) {
                out.append(": ").append(t.getMessage().strip());
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * One sentence for JSON that could not be read or mapped: where (line and column, or the field's path) and
     * what was wrong, without Jackson's class names.
     */
    public static String json(String what, JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String path = path(m.getPath());
            Throwable cause = m.getCause();
            if (cause != null && ours(cause) && cause.getMessage() != null) {
                return what + ": \"" + path + "\" is not valid: " + clean(cause.getMessage());
            }
            if (m instanceof InvalidFormatException f) {
                return what + ": \"" + path + "\" has a value that is not allowed ('" + f.getValue() + "')";
            }
            return what + ": \"" + path + "\" is missing or has the wrong type";
        }
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 0 ? ""
                : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        String message = e.getOriginalMessage() == null ? "" : clean(e.getOriginalMessage());
        if (e instanceof JsonMappingException) {
            Throwable cause = e.getCause();
            if (cause != null && ours(cause) && cause.getMessage() != null) {
                return what + " is not valid: " + clean(cause.getMessage());
            }
            return what + " does not have the expected shape" + where + (message.isEmpty() ? "" : ": " + message);
        }
        return what + " is not valid JSON" + where + (message.isEmpty() ? "" : ": " + message);
    }

    /** The message without Java class names and without anything after its first line. */
    public static String clean(String message) {
        if (message == null) {
            return "no details";
        }
        String s = message.strip().lines().findFirst().orElse("");
        s = EXCEPTION_PREFIX.matcher(s).replaceAll("");
        s = QUALIFIED_NAME.matcher(s).replaceAll("$1");
        s = EXCEPTION_NAME.matcher(s).replaceAll("error");
        return s.isBlank() ? "no details" : s.strip();
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /** The outermost message this app wrote, without the raw text of a cause it quotes. */
    private static String context(List<Throwable> chain) {
        for (int i = 0; i < chain.size(); i++) {
            Throwable t = chain.get(i);
            if (!ours(t) || t.getMessage() == null || t.getMessage().isBlank()
                    || t.getCause() != null && t.getMessage().equals(t.getCause().toString())) {
                continue; // no message of its own: new X(cause) copies the cause's class and text
            }
            String message = t.getMessage().strip();
            if (known(chain.subList(i + 1, chain.size())) != null || known(List.of(t)) != null) {
                message = withoutQuotedCause(message, chain.subList(i + 1, chain.size()));
            }
            return clean(message);
        }
        return null;
    }

    /** "could not save X: /a/b: No space left on device" without the quoted cause, which known() words better. */
    private static String withoutQuotedCause(String message, List<Throwable> causes) {
        String out = message.strip();
        for (Throwable c : causes) {
            String m = c.getMessage() == null ? "" : c.getMessage().strip();
            if (m.length() > 3 && out.endsWith(": " + m)) {
                out = out.substring(0, out.length() - m.length() - 2).strip();
            }
        }
        return out.isEmpty() ? message : out;
    }

    /** Memory and file-system failures anywhere in the chain, worded with what to do; null when none. */
    private static String known(List<Throwable> chain) {
        for (Throwable t : chain) {
            if (t instanceof OutOfMemoryError || mentions(t, "Physical memory usage is too high")
                    || mentions(t, "Cannot allocate new") || mentions(t, "OutOfMemory")) {
                return outOfMemory();
            }
        }
        for (Throwable t : chain) {
            String file = t instanceof FileSystemException f && f.getFile() != null ? f.getFile() : null;
            String at = file == null ? "" : " (" + file + ")";
            if (mentions(t, "No space left on device") || mentions(t, "Disk quota exceeded")) {
                return "the disk is full" + at + ": free some space on it, or choose a folder on another disk, "
                        + "and try again";
            }
            if (mentions(t, "Read-only file system")) {
                return "the folder is on a read-only file system" + at + ": choose a folder you can write to";
            }
            if (t instanceof AccessDeniedException || mentions(t, "Permission denied")) {
                return "permission denied" + at + ": choose a folder you can write to, or change its permissions";
            }
            if (t instanceof NotDirectoryException || mentions(t, "Not a directory")) {
                return (file == null ? "a part of the path" : file) + " is a file, not a folder: choose a path "
                        + "that is not inside a file";
            }
            if (t instanceof FileAlreadyExistsException) {
                return (file == null ? "the path" : file) + " already exists: choose another name";
            }
            if (mentions(t, "Is a directory")) {
                return (file == null ? "the path" : file) + " is a folder: give a file name";
            }
            if (t instanceof NoSuchFileException) {
                return (file == null ? "a file" : file) + " does not exist";
            }
            if (t instanceof CharacterCodingException) {
                return "the file is not UTF-8 text (it may be binary): give a text file";
            }
            if (mentions(t, "File name too long")) {
                return "a file name is too long" + at + ": choose a shorter name";
            }
        }
        return null;
    }

    /** With the limits the app runs under: -Xmx for Java, JavaCPP's maxphysicalbytes for everything. */
    static String outOfMemory() {
        String total = System.getProperty("org.bytedeco.javacpp.maxphysicalbytes");
        return String.format(Locale.ROOT, "out of memory (limits: %d MB for Java%s): use fewer units, a shorter "
                        + "maxlen or a smaller batch, or close other programs",
                Runtime.getRuntime().maxMemory() / (1024 * 1024), total == null ? "" : ", " + total + " in all");
    }

    /** Written by this app: its own exception types, or a plain one thrown from its own code with its own text. */
    private static boolean ours(Throwable t) {
        if (t.getClass().getName().startsWith("org.flattenexplorer.")) {
            return true;
        }
        boolean plain = t.getClass() == IllegalArgumentException.class || t.getClass() == IllegalStateException.class
                || t.getClass() == UncheckedIOException.class
                || t.getClass() == UnsupportedOperationException.class;
        StackTraceElement[] st = t.getStackTrace();
        return plain && st.length > 0 && st[0].getClassName().startsWith("org.flattenexplorer.");
    }

    private static boolean mentions(Throwable t, String text) {
        if (t.getMessage() != null && t.getMessage().contains(text)) {
            return true;
        }
        return t instanceof FileSystemException f && f.getReason() != null && f.getReason().contains(text);
    }

    private static String firstMessage(List<Throwable> chain) {
        for (Throwable t : chain) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return "no details";
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                out.append(out.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
