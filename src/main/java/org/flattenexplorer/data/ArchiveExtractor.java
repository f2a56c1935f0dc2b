package org.flattenexplorer.data;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Extracts the labelled reviews of an aclImdb tar.gz into a data folder, never leaving a half
 * dataset: files go to a hidden sibling folder which replaces the target only when complete
 * (renames within one folder); on any failure or cancellation the sibling is deleted and an
 * existing dataset stays as it was.
 */
final class ArchiveExtractor {
    /** Labelled reviews and the README; unsup/, the bag-of-words files and URLs are left out. */
    private static final Pattern WANTED = Pattern.compile(
            "(?:\\./)?aclImdb/((?:train|test)/(?:pos|neg)/[^/]+\\.txt|README)");
    private static final long PROGRESS_STEP = 1 << 18;

    private final Runnable checkCancelled;
    private final int reviewsPerFolder;

    /** @param checkCancelled throws a CancellationException when the user cancelled */
    ArchiveExtractor(Runnable checkCancelled) {
        this(checkCancelled, 0);
    }

    /**
     * @param reviewsPerFolder how many reviews a full extraction must find in each of train|test/pos|neg (the
     *                         official archive: 12,500); 0 = only that none is empty
     */
    ArchiveExtractor(Runnable checkCancelled, int reviewsPerFolder) {
        this.checkCancelled = checkCancelled;
        this.reviewsPerFolder = reviewsPerFolder;
    }

    void extract(Path archive, Path dataFolder, Optional<SubsetManifest> subset, DownloadProgress progress) {
        Path target = dataFolder.toAbsolutePath().normalize();
        Path staging = target.resolveSibling("." + target.getFileName() + ".incomplete-" + System.nanoTime());
        try {
            Files.createDirectories(staging);
            Set<String> extracted = unpack(archive, staging, subset, progress);
            checkComplete(archive, extracted, subset, reviewsPerFolder);
            for (String split : AclImdbReader.SPLITS) {
                for (String label : AclImdbReader.LABELS) {
                    Files.createDirectories(staging.resolve(split).resolve(label));
                }
            }
            checkCancelled.run();
            replace(target, staging);
        } catch (IOException e) {
            throw DownloadErrors.local(e, "extract " + archive + " into", staging);
        } finally {
            deleteRecursively(staging);
        }
    }

    private Set<String> unpack(Path archive, Path staging, Optional<SubsetManifest> subset, DownloadProgress progress)
            throws IOException {
        long total = Files.size(archive);
        Set<String> wanted = subset.map(SubsetManifest::relativePaths).orElse(null);
        Set<String> extracted = new HashSet<>();
        try (CountingInputStream counted = new CountingInputStream(Files.newInputStream(archive));
             TarArchiveInputStream tar = new TarArchiveInputStream(
                     new GZIPInputStream(new BufferedInputStream(counted, 1 << 16), 1 << 16))) {
            long reported = -PROGRESS_STEP;
            progress.update(0, total, ImdbDownloader.PHASE_EXTRACTING);
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                checkCancelled.run();
                Matcher m = WANTED.matcher(entry.getName());
                if (!entry.isFile() || !m.matches()) {
                    continue;
                }
                String relative = m.group(1);
                boolean isReadme = relative.equals("README");
                if (wanted != null && !isReadme && !wanted.contains(relative)) {
                    continue;
                }
                Path file = staging.resolve(relative);
                Files.createDirectories(file.getParent());
                Files.copy(tar, file, StandardCopyOption.REPLACE_EXISTING);
                if (!isReadme) {
                    extracted.add(relative);
                }
                if (counted.count - reported >= PROGRESS_STEP) {
                    reported = counted.count;
                    progress.update(Math.min(reported, total), total, ImdbDownloader.PHASE_EXTRACTING);
                }
            }
        } catch (IOException e) {
            if (DownloadErrors.isDiskFull(e)) {
                throw e;
            }
            throw new DataException("Cannot read the archive " + archive + " (" + e.getMessage()
                    + "): it is damaged or not an aclImdb tar.gz", e);
        }
        progress.update(total, total, ImdbDownloader.PHASE_EXTRACTING);
        return extracted;
    }

    private static void checkComplete(Path archive, Set<String> extracted, Optional<SubsetManifest> subset,
            int reviewsPerFolder) {
        if (extracted.isEmpty()) {
            throw new DataException("The archive " + archive + " holds no aclImdb reviews (aclImdb/train|test/pos|neg/*.txt)");
        }
        if (subset.isEmpty()) {
            // a full extraction is every labelled review: each of the four folders, as many as the archive has
            for (String split : AclImdbReader.SPLITS) {
                for (String label : AclImdbReader.LABELS) {
                    String folder = split + "/" + label + "/";
                    long n = extracted.stream().filter(p -> p.startsWith(folder)).count();
                    if (n == 0 || reviewsPerFolder > 0 && n != reviewsPerFolder) {
                        throw new DataException("The archive " + archive + " holds " + n + " reviews in aclImdb/"
                                + folder + (reviewsPerFolder > 0 ? " instead of " + reviewsPerFolder : "")
                                + ": it is not the complete aclImdb archive; delete it and download it again");
                    }
                }
            }
        }
        if (subset.isPresent()) {
            List<String> missing = new ArrayList<>();
            for (String path : subset.get().relativePaths()) {
                if (!extracted.contains(path)) {
                    missing.add(path);
                }
            }
            if (!missing.isEmpty()) {
                throw new DataException("The archive " + archive + " lacks " + missing.size() + " of the "
                        + subset.get().size() + " files of the subset manifest, e.g. " + missing.get(0));
            }
        }
    }

    /** Moves staging into target's place; an existing target is restored if that fails. */
    private static void replace(Path target, Path staging) throws IOException {
        if (!Files.exists(target)) {
            moveAtomically(staging, target);
            return;
        }
        Path old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
        moveAtomically(target, old);
        try {
            moveAtomically(staging, target);
        } catch (IOException e) {
            moveAtomically(old, target);
            throw e;
        }
        deleteRecursively(old);
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // a hidden leftover folder is harmless; the dataset itself was never touched
        }
    }

    /** Counts compressed bytes read, for extraction progress. */
    private static final class CountingInputStream extends FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
