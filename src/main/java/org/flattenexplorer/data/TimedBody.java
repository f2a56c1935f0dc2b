package org.flattenexplorer.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A response body read chunk by chunk with a deadline: a server that stops sending ends the wait after an idle
 * timeout, and a cancel ends it within a tenth of a second, instead of a read blocked for ever. One chunk is
 * requested at a time, so a fast server never fills memory.
 */
final class TimedBody implements Flow.Subscriber<List<ByteBuffer>>, AutoCloseable {
    private static final Object END = new Object();
    private static final long POLL_MILLIS = 100;

    private final BlockingQueue<Object> arrivals = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;

    /** Thrown when the server sent nothing for the idle timeout. */
    static final class StalledException extends IOException {
        StalledException(Duration idle) {
            super("no data for " + idle.toSeconds() + " s");
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> chunk) {
        arrivals.add(chunk);
    }

    @Override
    public void onError(Throwable failure) {
        arrivals.add(failure);
    }

    @Override
    public void onComplete() {
        arrivals.add(END);
    }

    /**
     * The next buffers, or null at the end of the body.
     *
     * @throws StalledException      when nothing arrived for {@code idle}
     * @throws CancellationException as soon as {@code cancelled} says so
     */
    @SuppressWarnings("unchecked")
    List<ByteBuffer> next(Duration idle, BooleanSupplier cancelled) throws IOException {
        long deadline = System.nanoTime() + idle.toNanos();
        while (true) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("Download cancelled");
            }
            Object item;
            try {
                item = arrivals.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("Download cancelled");
            }
            if (item == END) {
                return null;
            }
            if (item instanceof Throwable failure) {
                throw failure instanceof IOException io ? io : new IOException(failure);
            }
            if (item != null) {
                subscription.request(1);
                return (List<ByteBuffer>) item;
            }
            if (System.nanoTime() > deadline) {
                throw new StalledException(idle);
            }
        }
    }

    /** Stops the body: the connection is released. */
    @Override
    public void close() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }
}
