package org.flattenexplorer.data;

/**
 * Progress of {@link ImdbDownloader}: called from the downloading thread, often (every chunk),
 * so a UI should hand it to its own thread and throttle. Phases are "downloading",
 * "verifying" and "extracting"; bytes are archive bytes in each phase.
 */
@FunctionalInterface
public interface DownloadProgress {
    DownloadProgress NONE = (done, total, phase) -> { };

    void update(long bytesDone, long bytesTotal, String phase);
}
