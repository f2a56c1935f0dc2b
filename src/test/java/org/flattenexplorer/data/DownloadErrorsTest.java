package org.flattenexplorer.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DownloadErrorsTest {
    private static final URI URL = ImdbDownloader.DEFAULT_URL;
    private static final Path PART = Path.of("/data/aclImdb_v1.tar.gz.part");

    @Test
    void unknownHostAsksToCheckTheConnection() {
        assertThat(DownloadErrors.translate(new UnknownHostException("ai.stanford.edu"), URL, null))
                .hasMessageContaining("Could not reach ai.stanford.edu").hasMessageContaining("check your internet connection");
    }

    @Test
    void wrappedConnectExceptionAsksToCheckTheConnection() {
        IOException wrapped = new IOException("failed", new ConnectException("Connection refused"));
        assertThat(DownloadErrors.translate(wrapped, URL, null)).hasMessageContaining("check your internet connection");
    }

    @Test
    void noSpaceLeftSaysTheDiskIsFull() {
        assertThat(DownloadErrors.translate(new IOException("No space left on device"), URL, PART))
                .hasMessageContaining("Disk full").hasMessageContaining(PART.toString());
    }

    @Test
    void localDiskFullNamesTheFile() {
        assertThat(DownloadErrors.local(new IOException("No space left on device"), "extract into", PART))
                .hasMessageContaining("Disk full").hasMessageContaining(PART.toString());
    }

    @Test
    void otherFailuresNameTheUrl() {
        assertThat(DownloadErrors.translate(new IOException("connection reset"), URL, null))
                .hasMessageContaining(URL.toString()).hasMessageContaining("connection reset");
    }
}
