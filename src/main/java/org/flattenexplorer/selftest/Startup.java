package org.flattenexplorer.selftest;

import java.util.Arrays;

/**
 * What {@code Launcher.main} runs first, before ND4J or JavaFX can load: chooses writable native-cache folders
 * (a message and exit 1 when there is none, or the disk is full), checks display and fonts before the window,
 * and runs {@code --self-test}.
 */
public final class Startup {
    private Startup() {}

    /** Returns the exit code to exit with now, or -1 to go on with the normal start. */
    public static int run(String[] args) {
        if (args.length > 0 && args[0].equals("--self-test")) {
            // --native-cache DIR: a fresh folder makes the smoke test a true first start (jpackage's launcher
            // takes no -D options from the command line)
            int i = Arrays.asList(args).indexOf("--native-cache");
            if (i > 0 && i + 1 < args.length) {
                System.clearProperty(NativeCache.JAVACPP_PROPERTY);
                System.clearProperty(NativeCache.JAVAFX_PROPERTY);
                System.setProperty(NativeCache.PROPERTY, args[i + 1]);
            }
        }
        try {
            NativeCache.Choice choice = NativeCache.apply();
            if (choice.warning() != null) {
                System.err.println(choice.warning());
            }
        } catch (StartupProblem p) {
            System.err.println("error: " + p.getMessage());
            return 1;
        }
        if (args.length > 0 && args[0].equals("--self-test")) {
            return SelfTest.run(Arrays.asList(args).subList(1, args.length), System.out, System.err);
        }
        if (args.length > 0 && args[0].equals(WINDOW_BENCH)) { // one side of `bench --window`, in its own JVM
            return WindowBench.run(Arrays.asList(args).subList(1, args.length), System.out, System.err);
        }
        if (opensWindow(args)) {
            // the window: fail with a clear message before JavaFX aborts with a bare one
            String problem = StartupChecks.windowProblem(System.getProperties(), System.getenv());
            if (problem != null) {
                System.err.println("error: " + problem);
                return 1;
            }
        }
        return -1;
    }

    /** The argument that runs one side of {@code bench --window} ({@link WindowBench}). */
    public static final String WINDOW_BENCH = "--window-bench";

    /** No arguments, or {@code lesson} alone (the window opens in the lesson). */
    public static boolean opensWindow(String[] args) {
        return args.length == 0 || (args.length == 1 && args[0].equals("lesson"));
    }
}
