package org.flattenexplorer.training;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Checks, before any training time is spent, that an output can be written where the user asked: a new run
 * folder ({@code train --out}), the run store, or a file ({@code compare --json}, {@code inspect --png}). It
 * creates the missing parent folders and writes (then deletes) a probe file there, which fails the same way the
 * real write would (a path under a file, a read-only disk, no permission) even for root, and compares the free
 * space with what will be written. Failures are {@link OutputException}s whose message names the path and
 * what to do.
 */
public final class OutputCheck {
    /** Room left beyond the estimate: zip headers, metrics, and the disk's own bookkeeping. */
    static final long MARGIN_BYTES = 2L << 20;

    private final ToLongFunction<Path> usableSpace;

    /** The real disks. */
    public static final OutputCheck SYSTEM = new OutputCheck(OutputCheck::usableSpaceOf);

    /** @param usableSpace free bytes of the disk holding a folder (tests pass a small one: a full disk) */
    public OutputCheck(ToLongFunction<Path> usableSpace) {
        this.usableSpace = usableSpace;
    }

    /** A run folder that does not exist yet, with room for {@code bytes}. */
    public void newFolder(String what, String path, long bytes) {
        Path folder = parse(what, path);
        if (Files.exists(folder)) {
            throw new OutputException(what + " " + folder + " already exists: give a new folder name "
                    + "(a run is never written over an existing folder)");
        }
        Path parent = folder.toAbsolutePath().normalize().getParent();
        writableFolder(what, folder, parent);
        space(what, parent, bytes);
    }

    /** The folder that holds the saved runs (created if missing), with room for one more of {@code bytes}. */
    public void store(Path root, long bytes) {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new OutputException(runsFolderIsAFile(root));
        }
        writableFolder("the runs folder", root, root.toAbsolutePath().normalize());
        space("the runs folder", root, bytes);
    }

    /** A file to write (an existing one is replaced), e.g. {@code what} = "--json". */
    public void file(String what, String path) {
        Path file = parse(what, path).toAbsolutePath().normalize();
        if (Files.isDirectory(file)) {
            throw new OutputException(what + " " + file + " is a folder: give a file name, e.g. "
                    + file.resolve("out" + extension(what)));
        }
        Path parent = file.getParent();
        writableFolder(what, file, parent);
        if (Files.exists(file)) {
            try (FileChannel ignored = FileChannel.open(file, StandardOpenOption.WRITE)) {
                // opened for writing without changing it: the real write will be allowed too
            } catch (IOException e) {
                throw new OutputException("cannot write " + what + " " + file, e);
            }
        }
    }

    static String runsFolderIsAFile(Path root) {
        return "the runs folder " + root + " is a file, not a folder: move or rename that file so that runs can be "
                + "saved there";
    }

    private static Path parse(String what, String path) {
        if (path == null || path.isBlank()) {
            throw new OutputException(what + " needs a path (got an empty one)");
        }
        try {
            return Path.of(path);
        } catch (InvalidPathException e) {
            throw new OutputException(what + " '" + path + "' is not a valid path: " + e.getReason());
        }
    }

    /** Creates {@code folder} (and its parents) and writes a probe file in it. */
    private static void writableFolder(String what, Path target, Path folder) {
        for (Path p = folder; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new OutputException("cannot write " + what + " " + target + ": " + p
                            + " is a file, not a folder: choose a path that is not inside a file");
                }
                break;
            }
        }
        try {
            Files.createDirectories(folder);
            Path probe = Files.createTempFile(folder, ".flatten-explorer-write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new OutputException("cannot write " + what + " " + target, e);
        }
    }

    private void space(String what, Path folder, long bytes) {
        long free = usableSpace.applyAsLong(folder);
        if (free >= 0 && free < bytes + MARGIN_BYTES) {
            throw new OutputException(String.format(Locale.ROOT, "not enough free space for %s %s: the run needs "
                            + "about %s, only %s are free on that disk: free some space or choose a folder on another "
                            + "disk", what, folder, megabytes(bytes + MARGIN_BYTES), megabytes(free)));
        }
    }

    private static long usableSpaceOf(Path folder) {
        try {
            return Files.getFileStore(folder).getUsableSpace();
        } catch (IOException e) {
            return -1; // cannot tell: the save reports a full disk if it happens
        }
    }

    private static String extension(String what) {
        String w = what.toLowerCase(Locale.ROOT);
        return w.contains("png") ? ".png" : w.contains("csv") ? ".csv" : ".json";
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
