package org.flattenexplorer.data;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 *       {@link CancellationException}, also while the server is silent; the .part is kept for
 *       resuming and no half-written dataset is left (see {@link ArchiveExtractor}).</li>
 *   <li>Bounded waits: a connection must open within 20 s, the server must answer within 30 s and
 *       then send something at least every 30 s, or the download stops with a message (and resumes
 *       from the .part next time).</li>
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
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    private static final long POLL_MILLIS = 100;

    private final URI url;
    private final long expectedSize;
    private final String expectedSha256;
    private final HttpClient client;
    private final int reviewsPerFolder;
    private volatile boolean cancelled;
    private Duration answerTimeout = Duration.ofSeconds(30);
    private Duration idleTimeout = Duration.ofSeconds(30);

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

    /**
     * Changes how long the server may take to answer a request and how long it may then stay silent while
     * sending (30 s each by default).
     */
    ImdbDownloader timeouts(Duration answer, Duration idle) {
        this.answerTimeout = Objects.requireNonNull(answer, "answer");
        this.idleTimeout = Objects.requireNonNull(idle, "idle");
        return this;
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

    /**
     * Asks a running download or extraction to stop; every wait on the network checks it at least every tenth of a
     * second, so a silent server cannot hold it.
     */
    public void cancel() {
        cancelled = true;
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
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = send(builder.build());
        int status = response.statusCode();
        try (TimedBody body = new TimedBody()) {
            response.body().subscribe(body);
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

    /** Sends a request and waits for the answer's headers: at most the answer timeout, and never past a cancel. */
    private HttpResponse<Flow.Publisher<List<ByteBuffer>>> send(HttpRequest request) {
        CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> pending =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofPublisher());
        long deadline = System.nanoTime() + answerTimeout.toNanos();
        try {
            while (true) {
                try {
                    return pending.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    checkCancelled();
                    if (System.nanoTime() > deadline) {
                        throw new DataException("No answer from " + url.getHost() + " within "
                                + answerTimeout.toSeconds() + " s: check your internet connection and try again. URL: "
                                + url);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Download cancelled");
        } catch (ExecutionException e) {
            throw DownloadErrors.translate(e.getCause(), url, null);
        } finally {
            pending.cancel(true); // no-op once answered; otherwise it drops the waiting exchange
        }
    }

    private void stream(TimedBody body, Path part, long start, DownloadProgress progress) throws IOException {
        long done = start;
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                start > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
             WritableByteChannel channel = Channels.newChannel(out)) {
            progress.update(done, expectedSize, PHASE_DOWNLOADING);
            for (List<ByteBuffer> chunk; done <= expectedSize; ) {
                try {
                    chunk = body.next(idleTimeout, this::isStopped);
                } catch (TimedBody.StalledException e) {
                    throw new DataException("The server stopped sending " + url + " (" + e.getMessage() + ") at " + done
                            + " of " + expectedSize + " bytes; start the download again to resume from " + part, e);
                }
                if (chunk == null) {
                    break;
                }
                for (ByteBuffer buffer : chunk) {
                    done += buffer.remaining();
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                }
                progress.update(Math.min(done, expectedSize), expectedSize, PHASE_DOWNLOADING);
                checkCancelled();
            }
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
        if (isStopped()) {
            throw new CancellationException("Download cancelled");
        }
    }

    private boolean isStopped() {
        return cancelled || Thread.currentThread().isInterrupted();
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
