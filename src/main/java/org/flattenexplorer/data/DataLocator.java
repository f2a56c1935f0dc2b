package org.flattenexplorer.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the aclImdb folder to use: the {@code --data} value, then the environment variable
 * {@value #ENV_VARIABLE}, then {@code ~/.flatten-explorer/data/aclImdb} if it exists.
 * An explicitly given folder is returned even when it is wrong, so the user sees why it fails
 * instead of silently getting another dataset.
 */
public final class DataLocator {
    public static final String ENV_VARIABLE = "FLATTEN_EXPLORER_DATA";

    private final Function<String, String> env;
    private final Path home;

    /** For tests: the environment and home folder are injected. */
    public DataLocator(Function<String, String> env, Path home) {
        this.env = Objects.requireNonNull(env, "env");
        this.home = Objects.requireNonNull(home, "home");
    }

    /** The locator of the running process: real environment, {@code user.home}. */
    public static DataLocator system() {
        return new DataLocator(System::getenv, Path.of(System.getProperty("user.home")));
    }

    /** {@link #find} with the real environment and home folder. */
    public static Optional<Path> locate(Optional<Path> cliData) {
        return system().find(cliData);
    }

    /** {@code ~/.flatten-explorer/data/aclImdb} of the real home folder (where downloads go). */
    public static Path defaultDataFolder() {
        return system().dataFolder();
    }

    /** The folder in precedence order; empty when nothing was given and the default is absent. */
    public Optional<Path> find(Optional<Path> cliData) {
        if (cliData.isPresent()) {
            return Optional.of(AclImdbReader.resolveRoot(cliData.get()));
        }
        String fromEnv = env.apply(ENV_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(AclImdbReader.resolveRoot(Path.of(fromEnv.strip())));
        }
        Path fallback = dataFolder();
        return Files.isDirectory(fallback) ? Optional.of(fallback) : Optional.empty();
    }

    /** {@code <home>/.flatten-explorer/data/aclImdb}, whether or not it exists. */
    public Path dataFolder() {
        return home.resolve(".flatten-explorer").resolve("data").resolve("aclImdb");
    }
}
