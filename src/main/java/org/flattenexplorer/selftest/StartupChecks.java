package org.flattenexplorer.selftest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.flattenexplorer.training.Failures;

/**
 * Checks made before JavaFX starts (it aborts with a bare "JavaFX detected no fonts!" or an exception about
 * DISPLAY otherwise), and the translation of start-up failures into messages that say what to do.
 */
public final class StartupChecks {
    private StartupChecks() {}

    static final String HEADLESS_HINT = "The headless commands need no display: flatten-explorer --help.";

    /** Null when a window can open: a display is set, Monocle (headless JavaFX) is chosen, or not Linux/BSD. */
    public static String displayProblem(Properties sys, Map<String, String> env) {
        String os = sys.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) {
            return null;
        }
        if ("Monocle".equalsIgnoreCase(sys.getProperty("glass.platform", ""))) {
            return null;
        }
        if (notBlank(env.get("DISPLAY"))) {
            return null;
        }
        if (notBlank(env.get("WAYLAND_DISPLAY"))) {
            return "No X display: WAYLAND_DISPLAY is set but DISPLAY is not, and JavaFX needs X11. Enable "
                    + "XWayland in your desktop session (it sets DISPLAY), then start Flatten Explorer again. "
                    + HEADLESS_HINT;
        }
        return "No display: Flatten Explorer opens a window, but DISPLAY is not set (no graphical session). "
                + "Start it from a desktop session, over ssh -X, or under a virtual display: "
                + "xvfb-run -a flatten-explorer (Debian: apt-get install xvfb). " + HEADLESS_HINT;
    }

    /** The folders fontconfig searches on Linux by default, for this home. */
    public static List<Path> defaultFontDirs(String home) {
        List<Path> dirs = new ArrayList<>(List.of(Path.of("/usr/share/fonts"), Path.of("/usr/local/share/fonts")));
        if (notBlank(home)) {
            dirs.add(Path.of(home, ".fonts"));
            dirs.add(Path.of(home, ".local", "share", "fonts"));
        }
        return dirs;
    }

    /** Whether any of these folders holds a font file (.ttf, .otf, .ttc, .pfb, .pcf.gz ...), searched in depth. */
    public static boolean anyFontIn(List<Path> dirs) {
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(d, 6)) {
                if (s.anyMatch(p -> isFontFile(p.getFileName() == null ? "" : p.getFileName().toString()))) {
                    return true;
                }
            } catch (IOException | UncheckedIOException | SecurityException e) {
                // unreadable folder: try the next
            }
        }
        return false;
    }

    static boolean isFontFile(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".ttf") || n.endsWith(".otf") || n.endsWith(".ttc") || n.endsWith(".pfb")
                || n.endsWith(".pfa") || n.endsWith(".pcf") || n.endsWith(".pcf.gz") || n.endsWith(".woff2");
    }

    /**
     * Null when a window can open here, else the first problem: no display, no fonts, or no GTK 3 (what the
     * launcher checks before JavaFX aborts with a bare message or a stack trace).
     */
    public static String windowProblem(Properties sys, Map<String, String> env) {
        String problem = displayProblem(sys, env);
        if (problem == null) {
            problem = fontProblem(sys);
        }
        if (problem == null) {
            problem = gtkProblem(sys, env, ldconfigListing(), LIBRARY_DIRS);
        }
        return problem;
    }

    /** Where Debian, Fedora and Arch keep shared libraries (multiarch folders are searched one level down). */
    static final List<Path> LIBRARY_DIRS = List.of(Path.of("/usr/lib"), Path.of("/usr/lib64"), Path.of("/lib"),
            Path.of("/lib64"), Path.of("/usr/local/lib"));
    static final String GTK_LIBRARY = "libgtk-3.so.0";

    /**
     * Null when JavaFX's GTK 3 library can be found (in ldconfig's cache, LD_LIBRARY_PATH or the usual library
     * folders), else the message naming the package; only on Linux/BSD with a real display (Monocle needs none).
     *
     * @param ldconfig the output of {@code ldconfig -p}, or null when it could not be run
     */
    static String gtkProblem(Properties sys, Map<String, String> env, String ldconfig, List<Path> libraryDirs) {
        String os = sys.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win") || os.contains("mac") || "Monocle".equalsIgnoreCase(sys.getProperty("glass.platform", ""))) {
            return null;
        }
        if (ldconfig != null && ldconfig.contains(GTK_LIBRARY)) {
            return null;
        }
        List<Path> dirs = new ArrayList<>();
        String ldPath = env.get("LD_LIBRARY_PATH");
        if (notBlank(ldPath)) {
            for (String d : ldPath.split(":")) {
                if (!d.isBlank()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        dirs.addAll(libraryDirs);
        for (Path d : dirs) {
            if (Files.exists(d.resolve(GTK_LIBRARY))) {
                return null;
            }
            try (Stream<Path> sub = Files.isDirectory(d) ? Files.list(d) : Stream.empty()) {
                if (sub.anyMatch(p -> Files.exists(p.resolve(GTK_LIBRARY)))) {
                    return null;
                }
            } catch (IOException | UncheckedIOException | SecurityException e) {
                // unreadable folder: try the next
            }
        }
        return noGtkMessage();
    }

    static String noGtkMessage() {
        return "No GTK 3: the window needs the GTK 3 library (" + GTK_LIBRARY + "), and it was not found. Install "
                + "it, e.g. on Debian/Ubuntu: sudo apt-get install libgtk-3-0 (the .deb package depends on it). "
                + HEADLESS_HINT;
    }

    /** {@code ldconfig -p}'s listing of the shared libraries the loader knows, or null when it cannot be run. */
    private static String ldconfigListing() {
        for (String ldconfig : List.of("/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig")) {
            try {
                Process p = new ProcessBuilder(ldconfig, "-p").redirectErrorStream(true).start();
                byte[] out = p.getInputStream().readAllBytes();
                if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return new String(out);
                }
            } catch (IOException e) {
                // not there: try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** Null when a font is found (by folder scan, else by fc-list), else the message; only checked on Linux/BSD. */
    public static String fontProblem(Properties sys) {
        String os = sys.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) {
            return null;
        }
        // fontconfig's answer is what JavaFX sees (font files it is not configured for do not count);
        // only without fc-list (package fontconfig) fall back to scanning the usual folders
        Boolean fc = fcListFindsFonts();
        boolean found = fc != null ? fc : anyFontIn(defaultFontDirs(sys.getProperty("user.home", "")));
        return found ? null : noFontMessage();
    }

    static String noFontMessage() {
        return "No fonts: JavaFX needs at least one installed font to draw the window, and none was found "
                + "(fontconfig's fc-list lists none). Install one, e.g. on Debian/Ubuntu: "
                + "sudo apt-get install fonts-dejavu-core (the .deb package depends on it). " + HEADLESS_HINT;
    }

    /** Whether fc-list lists a font; null when fc-list is not installed or does not answer. */
    private static Boolean fcListFindsFonts() {
        try {
            Process p = new ProcessBuilder("fc-list").redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroy();
                return null;
            }
            return new String(out).contains(":");
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Turns a failure of the start-up path (JavaFX, ND4J's natives, the bundled runtime) into one line
     * naming the problem and what to do; falls back to the exception's own class and message.
     */
    public static String explain(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StartupProblem) {
                return t.getMessage();
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("Unable to open DISPLAY") || m.contains("cannot open display")) {
                return "No display: DISPLAY=" + System.getenv("DISPLAY") + " is set but no X server answers there. "
                        + "Start Flatten Explorer from a desktop session or under xvfb-run -a. " + HEADLESS_HINT;
            }
            if (inFontCode(t)) {
                return noFontMessage();
            }
            if ((t instanceof NoClassDefFoundError || t instanceof ClassNotFoundException) && isJdkClass(m)) {
                return "The bundled Java runtime lacks a module (class " + m.replace('/', '.') + " is missing): "
                        + "the installer's --add-modules list is incomplete. Rebuild the installer with the module "
                        + "that holds this class (jdeps names it); this is a packaging bug, not yours.";
            }
            if (t instanceof UnsatisfiedLinkError || m.contains("no jnind4jcpu") || m.contains("jnijavacpp")
                    || m.contains("Nd4jCpu") || m.contains("Could not initialize class org.nd4j")
                    || m.contains("ND4J is probably missing") || m.contains("no nd4j")) {
                return "A native library did not load (" + firstLine(m) + "). ND4J's libraries are unpacked into "
                        + System.getProperty(NativeCache.JAVACPP_PROPERTY, "~/.javacpp/cache")
                        + ": check that this folder is writable and its disk has 450 MB free, then delete the "
                        + "folder and start again. If it persists, reinstall Flatten Explorer.";
            }
            if (m.contains("Unable to load glass GTK library") || m.contains("libgtk") || m.contains("Gtk")) {
                return "JavaFX could not load GTK 3 (" + firstLine(m) + "): install it, e.g. on Debian/Ubuntu "
                        + "sudo apt-get install libgtk-3-0.";
            }
        }
        // out of memory, a full disk, no permission...: worded where every other failure is
        return Failures.machineProblem(e).orElseGet(() -> generic(e));
    }

    /** Whether {@link #explain} recognised the failure (then no stack trace is needed to act on it). */
    public static boolean recognised(Throwable e) {
        return !explain(e).equals(generic(e));
    }

    private static String generic(Throwable e) {
        return e.getClass().getName() + ": " + firstLine(String.valueOf(e.getMessage()));
    }

    /** JavaFX without fonts ("JavaFX detected no fonts!") fails with an NPE inside its font code. */
    static boolean inFontCode(Throwable t) {
        StackTraceElement[] st = t.getStackTrace();
        return t instanceof NullPointerException && st.length > 0
                && st[0].getClassName().startsWith("com.sun.javafx.font.");
    }

    private static boolean isJdkClass(String name) {
        String n = name.replace('/', '.');
        return n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("jdk.") || n.startsWith("sun.")
                || n.startsWith("com.sun.") && !n.startsWith("com.sun.javafx") && !n.startsWith("com.sun.glass")
                && !n.startsWith("com.sun.prism");
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
