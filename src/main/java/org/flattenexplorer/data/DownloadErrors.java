package org.flattenexplorer.data;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.util.Locale;

/** Turns the IOExceptions of a download into messages a user can act on. */
final class DownloadErrors {
    private DownloadErrors() {}

    /** @param file the file being written when it failed, or null while only reading the network */
    static DataException translate(Throwable e, URI url, Path file) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof UnresolvedAddressException || t instanceof NoRouteToHostException
                    || t instanceof HttpConnectTimeoutException) {
                return new DataException("Could not reach " + url.getHost() + " (" + describe(t)
                        + "): check your internet connection. URL: " + url, e);
            }
            if (isDiskFull(t)) {
                return new DataException("Disk full: no space left on the device while writing "
                        + (file != null ? file : "the download") + ". Free some space and try again.", e);
            }
        }
        if (e instanceof HttpTimeoutException) {
            return new DataException("Timed out waiting for " + url + ": check your internet connection", e);
        }
        return new DataException("Download of " + url + " failed: " + describe(e)
                + (file != null ? " (writing " + file + ")" : ""), e);
    }

    static boolean isDiskFull(Throwable t) {
        String message = t.getMessage();
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("no space left") || m.contains("not enough space") || m.contains("disk full");
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** Rethrows an IOException of a local file operation with the path and, for a full disk, says so. */
    static DataException local(IOException e, String action, Path file) {
        if (isDiskFull(e)) {
            return new DataException("Disk full: no space left on the device while " + action + " " + file
                    + ". Free some space and try again.", e);
        }
        return new DataException("Could not " + action + " " + file + ": " + describe(e), e);
    }
}
