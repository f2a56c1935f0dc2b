package org.flattenexplorer.model.lstm;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A reusable barrier for the few threads of one recurrence that meet once per time step (the unit split of
 * {@link LstmKernelF}: 500 steps a pass). A thread that arrives first busy-waits a few microseconds, then yields its
 * core in a loop (on a machine busy with other work the thread it waits for may be waiting for that very core: with
 * pure spinning the unit split took 1.20x the batch split's epoch while another process kept both cores busy, with
 * yielding 1.02x), and parks only after {@value #SPIN_NANOS} ns, so a step costs a few
 * cache-line transfers instead of a park/unpark round trip (tens of microseconds).
 *
 * <p>Whatever one thread wrote before {@link #await} is visible to every thread after its own {@code await}
 * returns (the generation counter is volatile). A thread whose share of the work failed calls {@link #breakAll},
 * which releases the others with an exception instead of leaving them waiting forever.
 */
final class StepBarrier {

    /** How long a waiting thread spins before it parks. */
    static final long SPIN_NANOS = 50_000;

    /** Busy-wait iterations before the waiting thread starts yielding its core. */
    private static final int SPINS = 64;

    private final int parties;
    private final AtomicInteger arrived = new AtomicInteger();
    private final AtomicReferenceArray<Thread> parked;
    private volatile int generation;
    private volatile boolean broken;

    StepBarrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be >= 1, got " + parties);
        }
        this.parties = parties;
        this.parked = new AtomicReferenceArray<>(parties);
    }

    int parties() {
        return parties;
    }

    /** Waits until all parties have arrived; {@code party} (0 .. parties - 1) names the caller's parking slot. */
    void await(int party) {
        if (parties == 1) {
            return;
        }
        final int g = generation;
        if (arrived.incrementAndGet() == parties) {
            arrived.set(0);
            generation = g + 1;
            for (int i = 0; i < parties; i++) {
                Thread w = parked.get(i);
                if (w != null) {
                    LockSupport.unpark(w);
                }
            }
            return;
        }
        final long start = System.nanoTime();
        int spins = 0;
        while (generation == g) {
            if (broken) {
                throw new IllegalStateException("another thread of the recurrence failed");
            }
            if (++spins < SPINS) {
                Thread.onSpinWait();
                continue;
            }
            if (System.nanoTime() - start < SPIN_NANOS) {
                // on a busy machine the thread we wait for may be waiting for this very core
                Thread.yield();
                continue;
            }
            parked.set(party, Thread.currentThread());
            if (generation == g && !broken) {
                LockSupport.parkNanos(this, 1_000_000L);
            }
            parked.set(party, null);
        }
    }

    /** Releases every waiting thread with an exception, now and at every later {@link #await}. */
    void breakAll() {
        broken = true;
        for (int i = 0; i < parties; i++) {
            Thread w = parked.get(i);
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
    }
}
