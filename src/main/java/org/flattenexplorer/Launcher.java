package org.flattenexplorer;

import org.flattenexplorer.cli.Cli;

/**
 * Entry point: no arguments opens the window, a subcommand runs headless. It does not extend JavaFX's
 * Application, so the app starts from a plain classpath.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        int early = org.flattenexplorer.selftest.Startup.run(args); // native cache folders, checks, --self-test
        if (early >= 0) {
            System.exit(early);
        }
        if (org.flattenexplorer.selftest.Startup.opensWindow(args)) {
            org.flattenexplorer.ui.FlattenExplorerApp.launchWindow(args);
            System.exit(0);
        }
        System.exit(Cli.run(args, System.out, System.err));
    }
}
