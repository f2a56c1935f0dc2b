package org.flattenexplorer.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads the official aclImdb archive and extracts it (all 50,000 labelled reviews, train and test, or a
 * {@link SubsetManifest}'s files) into a data folder.
 *
 * <ul>
 *   <li>Resumable: bytes go to {@code <archive>.part}; a later call continues it with
 *       {@code Range: bytes=N-}, and starts over when the server ignores the range (200).</li>
 *   <li>Verified: the archive must have the expected size and SHA-256; a mismatch deletes
 *       the .part and names both hashes.</li>
 *   <li>Cancellable: {@link #cancel()} or interrupting the thread stops it with a
 *       {@link CancellationException}; the .part is kept for resuming and no half-written
 *       dataset is left (see {@link ArchiveExtractor}).</li>
 * </ul>
 * One instance serves one download at a time.
 */
public final class ImdbDownloader {
    public static final URI DEFAULT_URL = URI.create("https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz");
    public static final long DEFAULT_SIZE = 84_125_825L;
    public static final String DEFAULT_SHA256 = "c40f74a18d3b61f90feba1e17730e0d38e8b97c05fde7008942e91923d1658fe";
    public static final String ARCHIVE_NAME = "aclImdb_v1.tar.gz";
    /** The official archive's reviews per train|test/pos|neg folder: 50,000 labelled reviews in all. */
    public static final int OFFICIAL_REVIEWS_PER_FOLDER = 12_500;
    public static final String PHASE_DOWNLOADING = "downloading";
    public static final String PHASE_VERIFYING = "verifying";
    public static final String PHASE_EXTRACTING = "extracting";

    private static final Pattern CONTENT_RANGE_START = Pattern.compile("bytes\\s+(\\d+)-");
    private static final int CHUNK = 1 << 16;

    private final URI url;
    private final long expectedSize;
    private final String expectedSha256;
    private final HttpClient client;
    private final int reviewsPerFolder;
    private volatile boolean cancelled;
    private volatile InputStream openBody;

    /** The official archive; a full extraction must find all its 50,000 labelled reviews. */
    public ImdbDownloader() {
        this(DEFAULT_URL, DEFAULT_SIZE, DEFAULT_SHA256, defaultClient(), OFFICIAL_REVIEWS_PER_FOLDER);
    }

    /** Another archive in aclImdb's layout (tests serve a small one): a full extraction needs every folder non-empty. */
    public ImdbDownloader(URI url, long expectedSize, String expectedSha256) {
        this(url, expectedSize, expectedSha256, defaultClient());
    }

    public ImdbDownloader(URI url, long expectedSize, String expectedSha256, HttpClient client) {
        this(url, expectedSize, expectedSha256, client, 0);
    }

    private static HttpClient defaultClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20))
                .build();
    }

    private ImdbDownloader(URI url, long expectedSize, String expectedSha256, HttpClient client, int reviewsPerFolder) {
        this.reviewsPerFolder = reviewsPerFolder;
        this.url = Objects.requireNonNull(url, "url");
        this.expectedSha256 = Objects.requireNonNull(expectedSha256, "expectedSha256").toLowerCase(Locale.ROOT);
        this.client = Objects.requireNonNull(client, "client");
        if (expectedSize < 1) {
            throw new IllegalArgumentException("expectedSize must be positive: " + expectedSize);
        }
        this.expectedSize = expectedSize;
    }

    /** Where {@link #install} keeps the archive for a data folder: beside it. */
    public static Path archiveFileFor(Path dataFolder) {
        return dataFolder.toAbsolutePath().resolveSibling(ARCHIVE_NAME);
    }

    /**
     * Downloads (or resumes) the archive next to {@code dataFolder}, verifies it and extracts
     * it into {@code dataFolder}; returns {@code dataFolder}. The archive is kept, so a later
     * full extraction after a subset needs no second download.
     */
    public Path install(Path dataFolder, Optional<SubsetManifest> subset, DownloadProgress progress) {
        Path archive = download(archiveFileFor(dataFolder), progress);
        return extract(archive, dataFolder, subset, progress);
    }

    /** Asks a running download or extraction to stop at the next chunk or archive entry. */
    public void cancel() {
        cancelled = true;
        InputStream body = openBody;
        if (body != null) {
            try {
                body.close(); // unblocks a read waiting on a stalled server
            } catch (IOException ignored) {
                // closing is only a nudge; the loop reports the cancellation
            }
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Makes {@code archive} a verified copy of the URL's file: kept as it is when it already
     * verifies, otherwise downloaded through {@code archive + ".part"}. Returns {@code archive}.
     */
    public Path download(Path archive, DownloadProgress progress) {
        Path part = archive.resolveSibling(archive.getFileName() + ".part");
        try {
            Files.createDirectories(archive.toAbsolutePath().getParent());
            if (Files.isRegularFile(archive)) {
                if (Files.size(archive) == expectedSize && expectedSha256.equals(Hashing.sha256Hex(archive))) {
                    progress.update(expectedSize, expectedSize, PHASE_VERIFYING);
                    return archive;
                }
                Files.delete(archive);
            }
        } catch (IOException e) {
            throw DownloadErrors.local(e, "check", archive);
        }
        fetchInto(part, progress);
        verify(part, progress);
        move(part, archive);
        return archive;
    }

    /** Extracts a verified archive into {@code dataFolder}; see {@link ArchiveExtractor}. */
    public Path extract(Path archive, Path dataFolder, Optional<SubsetManifest> subset, DownloadProgress progress) {
        new ArchiveExtractor(this::checkCancelled, reviewsPerFolder).extract(archive, dataFolder, subset, progress);
        return dataFolder;
    }

    private void fetchInto(Path part, DownloadProgress progress) {
        // Two attempts: the second starts from zero after a refused or misplaced range.
        for (int attempt = 0; attempt < 2; attempt++) {
            long existing = sizeOf(part);
            if (existing > expectedSize) {
                deleteQuietly(part);
                existing = 0;
            }
            if (existing == expectedSize) {
                return;
            }
            if (request(part, existing, progress)) {
                return;
            }
            deleteQuietly(part);
        }
        throw new DataException("The server at " + url + " answered a resumed download inconsistently; "
                + "the partial file was deleted, try again");
    }

    /** One GET; false when the range was refused and the caller should start over. */
    private boolean request(Path part, long existing, DownloadProgress progress) {
        checkCancelled();
        HttpRequest.Builder builder = HttpRequest.newBuilder(url).GET();
        if (existing > 0) {
            builder.header("Range", "bytes=" + existing + "-");
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Download cancelled");
        } catch (IOException e) {
            throw DownloadErrors.translate(e, url, null);
        }
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            boolean append;
            if (status == 206 && existing > 0) {
                if (rangeStart(response) != existing) {
                    return false;
                }
                append = true;
            } else if (status == 200) {
                append = false; // the server ignored the range: start over
            } else if (status == 416) {
                return false;
            } else {
                throw new DataException("HTTP " + status + " from " + url + ": the server refused the download");
            }
            stream(body, part, append ? existing : 0, progress);
        } catch (IOException e) {
            throw DownloadErrors.translate(e, url, part);
        }
        return true;
    }

    private void stream(InputStream body, Path part, long start, DownloadProgress progress) throws IOException {
        openBody = body;
        long done = start;
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                start > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            progress.update(done, expectedSize, PHASE_DOWNLOADING);
            byte[] buffer = new byte[CHUNK];
            for (int n; ; ) {
                checkCancelled();
                try {
                    n = body.read(buffer);
                } catch (IOException e) {
                    checkCancelled(); // a read broken by cancel() is a cancellation, not a network error
                    throw e;
                }
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                done += n;
                if (done > expectedSize) {
                    break;
                }
                progress.update(done, expectedSize, PHASE_DOWNLOADING);
            }
        } finally {
            openBody = null;
        }
        checkCancelled();
        if (done > expectedSize) {
            deleteQuietly(part);
            throw new DataException("The server sent more than the expected " + expectedSize + " bytes for " + url
                    + ": not the expected archive; the partial file was deleted");
        }
        if (done < expectedSize) {
            throw new DataException("The download of " + url + " stopped at " + done + " of " + expectedSize
                    + " bytes; start it again to resume from " + part);
        }
    }

    private void verify(Path part, DownloadProgress progress) {
        checkCancelled();
        progress.update(0, expectedSize, PHASE_VERIFYING);
        String actual;
        try {
            actual = Hashing.sha256Hex(part);
        } catch (IOException e) {
            throw DownloadErrors.local(e, "read", part);
        }
        if (!expectedSha256.equals(actual)) {
            deleteQuietly(part);
            throw new DataException("Checksum mismatch for " + url + ": expected SHA-256 " + expectedSha256
                    + ", actual " + actual + ". The damaged download " + part + " was deleted; try again.");
        }
        progress.update(expectedSize, expectedSize, PHASE_VERIFYING);
    }

    private void checkCancelled() {
        if (cancelled || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("Download cancelled");
        }
    }

    private static long rangeStart(HttpResponse<?> response) {
        Optional<String> range = response.headers().firstValue("Content-Range");
        if (range.isEmpty()) {
            return -1;
        }
        Matcher m = CONTENT_RANGE_START.matcher(range.get());
        return m.lookingAt() ? Long.parseLong(m.group(1)) : -1;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    static void move(Path from, Path to) {
        try {
            try {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw DownloadErrors.local(e, "move " + from + " to", to);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover .part is restarted or resumed by the next attempt
        }
    }
}
