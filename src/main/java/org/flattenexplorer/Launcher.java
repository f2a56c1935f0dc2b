package org.flattenexplorer;

/** Entry point: no arguments opens the window, a subcommand runs headless. */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        System.out.println("Flatten Explorer");
    }
}
