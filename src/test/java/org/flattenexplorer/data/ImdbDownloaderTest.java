package org.flattenexplorer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every download goes to a local server on 127.0.0.1; no test touches the internet. */
class ImdbDownloaderTest {
    private static TestArchive archive;

    @TempDir
    Path tmp;
    private LocalArchiveServer server;
    private Path dataFolder;

    @BeforeAll
    static void buildArchive() throws IOException {
        archive = new TestArchive(30);
    }

    @BeforeEach
    void startServer() throws IOException {
        server = new LocalArchiveServer(archive.bytes);
        dataFolder = tmp.resolve("data/aclImdb");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private ImdbDownloader downloader() {
        return new ImdbDownloader(server.uri(), archive.bytes.length, archive.sha256());
    }

    private SubsetManifest subsetOf(List<String> paths) throws IOException {
        StringBuilder tsv = new StringBuilder(SubsetManifest.HEADER + "\n");
        for (String path : paths) {
            String[] p = path.split("/");
            String[] idRating = p[2].replace(".txt", "").split("_");
            tsv.append(p[0]).append('\t').append(p[1]).append('\t').append(idRating[0]).append('\t')
                    .append(idRating[1]).append('\n');
        }
        return SubsetManifest.load(Files.writeString(tmp.resolve("subset.tsv"), tsv));
    }

    private List<String> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(dataFolder.getParent())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }

    @Test
    void downloadsVerifiesAndExtractsOnlyTheSubset() throws IOException {
        List<String> chosen = List.of(archive.reviewPaths.get(0), archive.reviewPaths.get(45), archive.reviewPaths.get(61));
        downloader().install(dataFolder, Optional.of(subsetOf(chosen)), DownloadProgress.NONE);

        assertThat(AclImdbReader.counts(dataFolder).values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);
        for (String path : chosen) {
            assertThat(dataFolder.resolve(path)).isRegularFile();
        }
        assertThat(Files.readAllBytes(ImdbDownloader.archiveFileFor(dataFolder))).isEqualTo(archive.bytes);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void fullExtractionKeepsLabelledReviewsOnly() {
        downloader().install(dataFolder, Optional.empty(), DownloadProgress.NONE);

        assertThat(AclImdbReader.counts(dataFolder)).containsValues(30, 30, 30, 30);
        assertThat(dataFolder.resolve("README")).isRegularFile();
        assertThat(dataFolder.resolve("train/unsup")).doesNotExist();
        assertThat(dataFolder.resolve("train/urls_pos.txt")).doesNotExist();
        assertThat(AclImdbReader.read(dataFolder, "test")).hasSize(60);
    }

    @Test
    void aFullExtractionRefusesAnArchiveWithAFolderMissing() throws IOException {
        TestArchive partial = new TestArchive(5, path -> !path.startsWith("test/neg/"));
        try (LocalArchiveServer other = new LocalArchiveServer(partial.bytes)) {
            ImdbDownloader d = new ImdbDownloader(other.uri(), partial.bytes.length, partial.sha256());
            assertThatThrownBy(() -> d.install(dataFolder, Optional.empty(), DownloadProgress.NONE))
                    .isInstanceOf(DataException.class)
                    .hasMessageContaining("holds 0 reviews in aclImdb/test/neg/")
                    .hasMessageContaining("not the complete aclImdb archive");
        }
        assertThat(dataFolder).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void theOfficialArchiveMustHoldAll50000Reviews() {
        // the official download checks the count of every folder: 4 x 12,500 labelled reviews, train and test
        assertThat(ImdbDownloader.OFFICIAL_REVIEWS_PER_FOLDER * 4).isEqualTo(50_000);
        new ArchiveExtractor(() -> { }, 30).extract(archiveFile(), dataFolder, Optional.empty(), DownloadProgress.NONE);
        assertThat(AclImdbReader.counts(dataFolder)).containsValues(30, 30, 30, 30);
        assertThatThrownBy(() -> new ArchiveExtractor(() -> { }, 12_500)
                .extract(archiveFile(), dataFolder, Optional.empty(), DownloadProgress.NONE))
                .hasMessageContaining("holds 30 reviews in aclImdb/train/pos/ instead of 12500");
        assertThat(AclImdbReader.counts(dataFolder)).as("the dataset already there stays").containsValues(30, 30, 30, 30);
    }

    private Path archiveFile() {
        try {
            return Files.write(tmp.resolve("archive.tar.gz"), archive.bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void progressReportsEveryPhaseUpToTheTotal() {
        List<String> phases = new ArrayList<>();
        long[] lastDownloaded = new long[1];
        downloader().install(dataFolder, Optional.empty(), (done, total, phase) -> {
            if (phases.isEmpty() || !phases.get(phases.size() - 1).equals(phase)) {
                phases.add(phase);
            }
            if (phase.equals(ImdbDownloader.PHASE_DOWNLOADING)) {
                lastDownloaded[0] = done;
                assertThat(total).isEqualTo(archive.bytes.length);
            }
        });
        assertThat(phases).containsExactly("downloading", "verifying", "extracting");
        assertThat(lastDownloaded[0]).isEqualTo(archive.bytes.length);
    }

    @Test
    void partialFileIsResumedWithARangeRequest() throws IOException {
        Path archiveFile = ImdbDownloader.archiveFileFor(dataFolder);
        Files.createDirectories(archiveFile.getParent());
        int half = archive.bytes.length / 2;
        Files.write(archiveFile.resolveSibling(archiveFile.getFileName() + ".part"), Arrays.copyOf(archive.bytes, half));

        downloader().install(dataFolder, Optional.empty(), DownloadProgress.NONE);

        assertThat(server.rangeHeaders).containsExactly("bytes=" + half + "-");
        assertThat(server.bytesSent).isEqualTo(archive.bytes.length - half);
        assertThat(Files.readAllBytes(archiveFile)).isEqualTo(archive.bytes);
        assertThat(AclImdbReader.counts(dataFolder)).containsValues(30, 30, 30, 30);
    }

    @Test
    void serverIgnoringTheRangeMakesTheDownloadStartOver() throws IOException {
        server.honourRange = false;
        Path archiveFile = ImdbDownloader.archiveFileFor(dataFolder);
        Files.createDirectories(archiveFile.getParent());
        Files.write(archiveFile.resolveSibling(archiveFile.getFileName() + ".part"), Arrays.copyOf(archive.bytes, 100));

        downloader().download(archiveFile, DownloadProgress.NONE);

        assertThat(Files.readAllBytes(archiveFile)).isEqualTo(archive.bytes);
    }

    @Test
    void verifiedArchiveIsNotDownloadedAgain() {
        downloader().install(dataFolder, Optional.empty(), DownloadProgress.NONE);
        downloader().install(dataFolder, Optional.empty(), DownloadProgress.NONE);
        assertThat(server.rangeHeaders).hasSize(1);
    }

    @Test
    void checksumMismatchLeavesNoDatasetAndNoPartFile() throws IOException {
        String wrong = "0".repeat(64);
        ImdbDownloader downloader = new ImdbDownloader(server.uri(), archive.bytes.length, wrong);

        assertThatThrownBy(() -> downloader.install(dataFolder, Optional.empty(), DownloadProgress.NONE))
                .isInstanceOf(DataException.class).hasMessageContaining("Checksum mismatch")
                .hasMessageContaining(wrong).hasMessageContaining(archive.sha256());
        assertThat(dataFolder).doesNotExist();
        try (Stream<Path> files = Files.list(dataFolder.getParent())) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void cancellingDuringDownloadLeavesNoDataset() {
        ImdbDownloader downloader = downloader();
        assertThatThrownBy(() -> downloader.install(dataFolder, Optional.empty(), (done, total, phase) -> downloader.cancel()))
                .isInstanceOf(CancellationException.class);
        assertThat(dataFolder).doesNotExist();
        assertThat(ImdbDownloader.archiveFileFor(dataFolder)).doesNotExist();
    }

    @Test
    void cancellingDuringExtractionKeepsTheExistingDataset() throws IOException {
        TestData.emptyLayout(dataFolder);
        TestData.write(dataFolder, "train/pos/1_9.txt", "The earlier dataset.");
        ImdbDownloader downloader = downloader();

        assertThatThrownBy(() -> downloader.install(dataFolder, Optional.empty(), (done, total, phase) -> {
            if (phase.equals(ImdbDownloader.PHASE_EXTRACTING)) {
                downloader.cancel();
            }
        })).isInstanceOf(CancellationException.class);

        assertThat(dataFolder.resolve("train/pos/1_9.txt")).hasContent("The earlier dataset.");
        assertThat(AclImdbReader.counts(dataFolder).get("train/pos")).isEqualTo(1);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void interruptedThreadCancelsTheDownload() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> downloader().install(dataFolder, Optional.empty(), DownloadProgress.NONE))
                    .isInstanceOf(CancellationException.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(dataFolder).doesNotExist();
    }

    @Test
    void newDownloadReplacesAnExistingDatasetWhole() throws IOException {
        TestData.emptyLayout(dataFolder);
        TestData.write(dataFolder, "train/pos/99999_9.txt", "Stale.");
        downloader().install(dataFolder, Optional.empty(), DownloadProgress.NONE);
        assertThat(dataFolder.resolve("train/pos/99999_9.txt")).doesNotExist();
        assertThat(AclImdbReader.counts(dataFolder)).containsValues(30, 30, 30, 30);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void subsetFileMissingFromTheArchiveIsReported() throws IOException {
        SubsetManifest subset = subsetOf(List.of(archive.reviewPaths.get(0), "train/pos/77777_8.txt"));
        assertThatThrownBy(() -> downloader().install(dataFolder, Optional.of(subset), DownloadProgress.NONE))
                .isInstanceOf(DataException.class).hasMessageContaining("77777_8.txt");
        assertThat(dataFolder).doesNotExist();
    }

    @Test
    void httpErrorIsReportedWithItsStatus() {
        server.forcedStatus = 404;
        assertThatThrownBy(() -> downloader().install(dataFolder, Optional.empty(), DownloadProgress.NONE))
                .isInstanceOf(DataException.class).hasMessageContaining("HTTP 404").hasMessageContaining(server.uri().toString());
    }

    @Test
    void truncatedDownloadKeepsThePartForResuming() throws IOException {
        ImdbDownloader expectsMore = new ImdbDownloader(server.uri(), archive.bytes.length + 10L, archive.sha256());
        Path archiveFile = ImdbDownloader.archiveFileFor(dataFolder);
        assertThatThrownBy(() -> expectsMore.download(archiveFile, DownloadProgress.NONE))
                .isInstanceOf(DataException.class).hasMessageContaining("resume");
        assertThat(Files.size(archiveFile.resolveSibling(archiveFile.getFileName() + ".part"))).isEqualTo(archive.bytes.length);
    }

    @Test
    void unreachableServerAsksToCheckTheConnection() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/aclImdb_v1.tar.gz");
        ImdbDownloader downloader = new ImdbDownloader(nowhere, 10, "0".repeat(64));
        assertThatThrownBy(() -> downloader.install(dataFolder, Optional.empty(), DownloadProgress.NONE))
                .isInstanceOf(DataException.class).hasMessageContaining("Could not reach 127.0.0.1")
                .hasMessageContaining("check your internet connection");
    }

    @Test
    void aServerThatAcceptsButNeverAnswersTimesOut() throws IOException {
        try (ServerSocket silent = silentServer()) {
            ImdbDownloader downloader = new ImdbDownloader(uriOf(silent), 10, "0".repeat(64))
                    .timeouts(Duration.ofMillis(300), Duration.ofSeconds(60));

            assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                    assertThatThrownBy(() -> downloader.install(dataFolder, Optional.empty(), DownloadProgress.NONE))
                            .isInstanceOf(DataException.class).hasMessageContaining("No answer from 127.0.0.1")
                            .hasMessageContaining("check your internet connection"));
        }
        assertThat(dataFolder).doesNotExist();
    }

    @Test
    void cancelEndsTheWaitForAServerThatNeverAnswers() throws IOException {
        try (ServerSocket silent = silentServer()) {
            ImdbDownloader downloader = new ImdbDownloader(uriOf(silent), 10, "0".repeat(64));
            cancelSoon(downloader);

            assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                    assertThatThrownBy(() -> downloader.install(dataFolder, Optional.empty(), DownloadProgress.NONE))
                            .isInstanceOf(CancellationException.class));
        }
    }

    @Test
    void aServerThatStopsSendingTimesOutAndKeepsThePartForResuming() {
        server.stallAfter = 1000;
        ImdbDownloader downloader = downloader().timeouts(Duration.ofSeconds(60), Duration.ofMillis(300));
        Path archiveFile = ImdbDownloader.archiveFileFor(dataFolder);

        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> downloader.download(archiveFile, DownloadProgress.NONE))
                        .isInstanceOf(DataException.class).hasMessageContaining("stopped sending")
                        .hasMessageContaining("at 1000 of " + archive.bytes.length + " bytes").hasMessageContaining("resume"));
        assertThat(archiveFile.resolveSibling(archiveFile.getFileName() + ".part")).hasSize(1000);
    }

    @Test
    void cancelEndsADownloadWhoseServerStoppedSending() {
        server.stallAfter = 1000;
        ImdbDownloader downloader = downloader();
        cancelSoon(downloader);

        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> downloader.install(dataFolder, Optional.empty(), DownloadProgress.NONE))
                        .isInstanceOf(CancellationException.class));
        assertThat(dataFolder).doesNotExist();
    }

    /** Accepts connections (the backlog completes them) and never answers. */
    private static ServerSocket silentServer() throws IOException {
        return new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
    }

    private static URI uriOf(ServerSocket socket) {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/aclImdb_v1.tar.gz");
    }

    /** Cancels from another thread, as the window's Cancel button does, once the download is waiting. */
    private static void cancelSoon(ImdbDownloader downloader) {
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(500);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            downloader.cancel();
        });
        canceller.setDaemon(true);
        canceller.start();
    }

    @Test
    void damagedArchiveIsReported() throws IOException {
        byte[] junk = "this is not a gzip file".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(tmp.resolve("junk.tar.gz"), junk);
        assertThatThrownBy(() -> downloader().extract(file, dataFolder, Optional.empty(), DownloadProgress.NONE))
                .isInstanceOf(DataException.class).hasMessageContaining("junk.tar.gz").hasMessageContaining("damaged");
        assertThat(dataFolder).doesNotExist();
    }

    @Test
    void defaultsAreTheOfficialArchive() {
        assertThat(ImdbDownloader.DEFAULT_URL.toString()).isEqualTo("https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz");
        assertThat(ImdbDownloader.DEFAULT_SIZE).isEqualTo(84_125_825L);
        assertThat(ImdbDownloader.DEFAULT_SHA256).isEqualTo("c40f74a18d3b61f90feba1e17730e0d38e8b97c05fde7008942e91923d1658fe");
    }
}
