package org.flattenexplorer.selftest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Chooses writable folders for the native libraries that ND4J/OpenBLAS (JavaCPP, ~420 MB, unless the installed
 * app ships them unpacked: {@link #nativesInstalled}) and JavaFX unpack
 * on their first start, and sets the system properties that point them there. It must run before either
 * library loads, which is why the launcher calls it first.
 *
 * <p>Order: an explicit {@code -Dorg.bytedeco.javacpp.cachedir} (the developers' own), else
 * {@code -Dflatten.native.cachedir} (the installed app sets {@code ~/.flatten-explorer/native-cache}; {@code ~}
 * and {@code ${user.home}} are expanded, since jpackage's launcher does not expand {@code $HOME}), else
 * JavaCPP's default {@code ~/.javacpp/cache}; when that folder cannot be written, a folder under the
 * temporary directory, with a warning. Nothing writable at all is a {@link StartupProblem}.
 */
public final class NativeCache {
    /** Our own property: base folder of both native caches ({@code javacpp/} and {@code openjfx/} in it). */
    public static final String PROPERTY = "flatten.native.cachedir";
    public static final String JAVACPP_PROPERTY = "org.bytedeco.javacpp.cachedir";
    public static final String JAVAFX_PROPERTY = "javafx.cachedir";
    /** ND4J + OpenBLAS + JavaFX natives unpacked take ~390 MB; with a margin. */
    public static final long NEEDED_BYTES = 450L * 1024 * 1024;
    /** The folders JavaCPP searches before unpacking anything; the installed app points it at its own natives. */
    public static final String PRELOAD_PATH_PROPERTY = "org.bytedeco.javacpp.platform.preloadpath";
    /** With ND4J's libraries installed only JavaFX's are unpacked (0.6 MB); with a margin. */
    public static final long NEEDED_BYTES_INSTALLED = 20L * 1024 * 1024;

    /**
     * The folders chosen ({@code javafx} null: JavaFX's own default), and a warning for the user when they are
     * not the expected ones (else null).
     */
    public record Choice(Path javacpp, Path javafx, String warning) {}

    private NativeCache() {}

    /** Chooses the folders from these properties and environment, creates them, checks free space. */
    public static Choice choose(Properties sys, Map<String, String> env) {
        String home = sys.getProperty("user.home", "");
        String explicit = sys.getProperty(JAVACPP_PROPERTY);
        String ours = sys.getProperty(PROPERTY);
        List<Path> javacppCandidates = new ArrayList<>();
        Path preferred;
        if (explicit != null && !explicit.isBlank()) {
            preferred = Path.of(expand(explicit, home));
        } else if (ours != null && !ours.isBlank()) {
            preferred = Path.of(expand(ours, home)).resolve("javacpp");
        } else {
            preferred = Path.of(home, ".javacpp", "cache");
        }
        javacppCandidates.add(preferred);
        Path tmpBase = Path.of(sys.getProperty("java.io.tmpdir", "/tmp"),
                "flatten-explorer-" + sanitize(sys.getProperty("user.name", "user")), "native-cache");
        javacppCandidates.add(tmpBase.resolve("javacpp"));

        Path javacpp = null;
        List<String> failures = new ArrayList<>();
        for (Path p : javacppCandidates) {
            String why = writableProblem(p);
            if (why == null) {
                javacpp = p;
                break;
            }
            failures.add(p + " (" + why + ")");
        }
        if (javacpp == null) {
            throw new StartupProblem(unwritableMessage(home, failures));
        }
        String warning = null;
        if (!javacpp.equals(preferred)) {
            warning = "warning: cannot write to " + failures.get(0) + "; the native libraries (~420 MB) are unpacked to "
                    + javacpp + " instead, again after each reboot. Make " + preferred + " writable (or "
                    + (home.isEmpty() ? "set a home folder" : "check the permissions of " + home)
                    + ") to keep them.";
        }
        checkSpace(javacpp, nativesInstalled(sys) ? NEEDED_BYTES_INSTALLED : NEEDED_BYTES);

        Path javafx;
        String fx = sys.getProperty(JAVAFX_PROPERTY);
        if (fx != null && !fx.isBlank()) {
            javafx = Path.of(expand(fx, home));
        } else if (ours != null && !ours.isBlank() && javacpp.equals(preferred)) {
            javafx = Path.of(expand(ours, home)).resolve("openjfx");
        } else {
            // JavaFX's default ~/.openjfx/cache/<version> when writable (null: leave the property unset)
            javafx = writableProblem(Path.of(home, ".openjfx", "cache")) == null ? null
                    : javacpp.resolveSibling("openjfx");
        }
        return new Choice(javacpp, javafx, warning);
    }

    /** Chooses for this JVM and sets the properties; returns the choice (print its warning). */
    public static Choice apply() {
        Choice c = choose(System.getProperties(), System.getenv());
        System.setProperty(JAVACPP_PROPERTY, c.javacpp().toString());
        if (c.javafx() != null) {
            System.setProperty(JAVAFX_PROPERTY, c.javafx().toString());
        }
        return c;
    }

    /** {@code ~/x} and {@code ${user.home}/x} with the given home. */
    static String expand(String path, String home) {
        String p = path.trim().replace("${user.home}", home);
        if (p.equals("~")) {
            return home;
        }
        if (p.startsWith("~/")) {
            return home + p.substring(1);
        }
        return p;
    }

    /** Null when the folder exists (or could be created) and a file can be written in it, else why not. */
    static String writableProblem(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            return "cannot create it: " + describe(e);
        }
        if (!Files.isDirectory(dir)) {
            return "not a folder";
        }
        try {
            Path probe = Files.createTempFile(dir, ".write-test", ".tmp");
            Files.delete(probe);
            return null;
        } catch (IOException | SecurityException e) {
            return "cannot write in it: " + describe(e);
        }
    }

    /**
     * Whether ND4J's libraries lie in a folder JavaCPP loads from before it unpacks anything (the installed app's
     * {@code lib/app/natives}): then the first start unpacks only JavaFX's.
     */
    static boolean nativesInstalled(Properties sys) {
        String path = sys.getProperty(PRELOAD_PATH_PROPERTY, "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isBlank() && Files.isRegularFile(Path.of(dir, System.mapLibraryName("nd4jcpu")))) {
                return true;
            }
        }
        return false;
    }

    /** A full disk: the first start needs {@code needed} bytes free unless the libraries are there already. */
    static void checkSpace(Path javacpp, long needed) {
        try {
            boolean populated;
            try (var s = Files.list(javacpp)) {
                populated = s.findAny().isPresent();
            }
            long free = Files.getFileStore(javacpp).getUsableSpace();
            if (!populated && free < needed) {
                throw new StartupProblem(fullDiskMessage(javacpp, free, needed));
            }
        } catch (IOException e) {
            // cannot tell: let the libraries try, their failure is translated later
        }
    }

    static String fullDiskMessage(Path dir, long freeBytes) {
        return fullDiskMessage(dir, freeBytes, NEEDED_BYTES);
    }

    static String fullDiskMessage(Path dir, long freeBytes, long needed) {
        return "Disk full: Flatten Explorer unpacks native libraries (about "
                + (needed == NEEDED_BYTES ? "420 MB" : "1 MB") + ") into " + dir
                + " on its first start, but only " + (freeBytes / (1024 * 1024)) + " MB are free there. "
                + "Free at least " + (needed / (1024 * 1024)) + " MB on that disk, or start it with "
                + "-D" + PROPERTY + "=<a folder on another disk>.";
    }

    static String unwritableMessage(String home, List<String> failures) {
        return "No writable folder for the native libraries: Flatten Explorer unpacks them (about 420 MB) on its "
                + "first start, but could not write to " + String.join(", nor to ", failures) + ". "
                + (home.isEmpty() ? "No home folder is set. " : "Check that your home folder " + home
                + " exists and is writable (ls -ld " + home + "), ")
                + "or start it with -D" + PROPERTY + "=<a writable folder>.";
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        String kind = e.getClass().getSimpleName()
                .replace("AccessDeniedException", "permission denied")
                .replace("FileSystemException", "file system error")
                .replace("NoSuchFileException", "no such folder");
        return m == null ? kind : kind + ": " + m;
    }

    private static String sanitize(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
