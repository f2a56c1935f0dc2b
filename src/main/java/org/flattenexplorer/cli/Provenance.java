package org.flattenexplorer.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Which code and which command wrote a results file, recorded in every JSON the {@code compare} and {@code bench}
 * commands write: the git commit of the checkout (marked when {@code src/} or {@code pom.xml} differ from it), and
 * the command line.
 *
 * @param commit  the commit id, with {@value #UNCOMMITTED} appended when the code differs from it; {@value #UNKNOWN}
 *                outside a git checkout
 * @param command the command as typed, e.g. {@code flatten-explorer compare --presets question-flatten}
 */
public record Provenance(String commit, String command) {
    public static final String UNCOMMITTED = "+uncommitted changes";
    public static final String UNKNOWN = "unknown (not a git checkout)";

    /** The provenance of a CLI command run now with these arguments. */
    static Provenance of(String commandName, CliOptions options) {
        List<String> words = new ArrayList<>(List.of("flatten-explorer", commandName));
        for (String argument : options.arguments()) {
            words.add(argument.isEmpty() || argument.matches(".*[\\s'\"$].*") ? "'" + argument + "'" : argument);
        }
        return new Provenance(currentCommit(), String.join(" ", words));
    }

    /** The commit of the checkout in the working directory, marked when its code has uncommitted changes. */
    public static String currentCommit() {
        String head = git("rev-parse", "HEAD");
        if (head == null || head.isBlank()) {
            return UNKNOWN;
        }
        String changes = git("status", "--porcelain", "--", "src", "pom.xml");
        return head.strip() + (changes == null || !changes.isBlank() ? UNCOMMITTED : "");
    }

    private static String git(String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
