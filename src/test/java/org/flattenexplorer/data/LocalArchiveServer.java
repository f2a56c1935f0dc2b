package org.flattenexplorer.data;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves one archive on 127.0.0.1 (never the internet), optionally honouring Range requests, or stalling after
 * the first {@code stallAfter} bytes until it is closed.
 */
public final class LocalArchiveServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final byte[] body;
    volatile boolean honourRange = true;
    volatile int forcedStatus;
    final List<String> rangeHeaders = new CopyOnWriteArrayList<>();
    volatile long bytesSent;
    volatile int stallAfter = -1;
    private final CountDownLatch closed = new CountDownLatch(1);

    public LocalArchiveServer(byte[] body) throws IOException {
        this.body = body;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/aclImdb_v1.tar.gz", this::handle);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/aclImdb_v1.tar.gz");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String range = exchange.getRequestHeaders().getFirst("Range");
            rangeHeaders.add(String.valueOf(range));
            if (forcedStatus != 0) {
                exchange.sendResponseHeaders(forcedStatus, -1);
                return;
            }
            int from = 0;
            Matcher m = range == null ? null : RANGE.matcher(range);
            if (honourRange && m != null && m.matches()) {
                from = Integer.parseInt(m.group(1));
                exchange.getResponseHeaders().add("Content-Range",
                        "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
                exchange.sendResponseHeaders(206, body.length - from);
            } else {
                exchange.sendResponseHeaders(200, body.length);
            }
            try (OutputStream out = exchange.getResponseBody()) {
                if (stallAfter >= 0) {
                    out.write(body, from, stallAfter);
                    out.flush();
                    closed.await();
                    return;
                }
                out.write(body, from, body.length - from);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            bytesSent += body.length - from;
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
    }
}
