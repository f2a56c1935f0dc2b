package org.flattenexplorer.ui;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.ObjectName;

/**
 * Keeps the library code that draws the window (JavaFX, Java2D, JFreeChart, fonts) with Java's quick compiler (C1),
 * away from its optimizing one (C2), which the training code and the app's own code keep. Why: on a two-core machine
 * a run trains on both cores, and C2 went on compiling drawing code for the whole run: a redraw calls much of that
 * code only a few times, so its methods crossed C2's thresholds one after another, minute after minute (C2's thread
 * used 0.9-1.9 s of CPU per 10 s of training in the window against 0.3 s headless), and the training lost that time.
 * The drawing does not need C2's code: the UI's own CPU stayed at 0.11-0.15 s an epoch without it, and picking a
 * review in the Hidden states tab stayed at 24-85 ms. (With the app's view code off C2 as well, the picks took
 * 50-85 ms: its heatmaps' pixel loops are the app's own, so they keep C2.)
 *
 * <p>The directive is added at run time through the JVM's diagnostic command (what {@code jcmd Compiler.directives_add}
 * does), so only the window's JVM gets it and the launcher needs no extra flag. Where the command is missing (a
 * runtime without {@code jdk.management}) the window runs as before. {@code -Dflatten.uiCompilation=c2} leaves it out.
 */
public final class UiCompilation {
    /** System property: {@code c2} lets C2 compile the drawing code too (to compare). */
    public static final String PROPERTY = "flatten.uiCompilation";

    /** HotSpot's compiler directives: these libraries' methods are not compiled by C2. */
    static final String DIRECTIVES = "[{ match: [\"javafx/*.*\", \"com/sun/javafx/*.*\", \"com/sun/prism/*.*\","
            + " \"com/sun/glass/*.*\", \"com/sun/marlin/*.*\", \"com/sun/scenario/*.*\", \"org/jfree/*.*\","
            + " \"sun/java2d/*.*\", \"sun/font/*.*\", \"java/awt/*.*\"],"
            + " c2: { Exclude: true } }]";

    private UiCompilation() {}

    /** Adds the directive unless the property says not to; returns whether the JVM took it. */
    public static boolean keepDrawingCodeOffC2() {
        if ("c2".equalsIgnoreCase(System.getProperty(PROPERTY))) {
            return false;
        }
        try {
            Path file = Files.createTempFile("flatten-explorer-", ".json");
            try {
                Files.writeString(file, DIRECTIVES);
                return "1 compiler directives added".equals(diagnosticCommand("compilerDirectivesAdd", file.toString())
                        .strip());
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Runs one of the JVM's diagnostic commands; its output, or "" when it could not run. */
    static String diagnosticCommand(String operation, String... arguments) {
        try {
            Object out = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), operation,
                    new Object[] {arguments}, new String[] {String[].class.getName()});
            return String.valueOf(out);
        } catch (Exception | LinkageError e) {
            return "";
        }
    }
}
