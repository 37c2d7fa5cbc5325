package dev.scratchnet.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Threads that run the shards of one phase of an iteration together: the caller and one helper per further core.
 * A training iteration has several phases of about a tenth of a millisecond; a pooled thread that parks between
 * them costs as much to wake as the work it would take, so helpers spin for a moment before they park.
 * <p>
 * Shard s always runs on member s mod members (the caller is member 0): a phase over the same shards as an earlier
 * one finds its data in the cache of the core that wrote it. The rows of W1 that one core sums, differentiates and
 * updates never travel to the other, which two cores sharing them by turns made slower than one.
 */
final class ShardTeam implements AutoCloseable {

    /** How long a helper keeps looking for the next phase before it parks. */
    private static final long SPIN_NANOS = 200_000;

    private final Thread[] helpers;
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile Phase current = new Phase(0, 0, shard -> { });
    private volatile boolean closed;

    /** One phase: the task to run for each of its shards. */
    private record Phase(long generation, int shards, IntConsumer task) {
    }

    /** A team using {@code cores} cores, the caller's among them. */
    ShardTeam(int cores) {
        helpers = new Thread[Math.max(0, cores - 1)];
        for (int h = 0; h < helpers.length; h++) {
            int member = h + 1;
            helpers[h] = new Thread(() -> help(member), "scratchnet-shard-" + member);
            helpers[h].setDaemon(true);
            helpers[h].start();
        }
    }

    /** Runs {@code task} for shards 0 .. count-1 and returns when all are done, rethrowing the first failure. */
    void run(int count, IntConsumer task) {
        if (helpers.length == 0 || count == 1) {
            for (int s = 0; s < count; s++) {
                task.accept(s);
            }
            return;
        }
        Phase phase = new Phase(current.generation() + 1, count, task);
        failure.set(null);
        finished.set(0);
        current = phase;
        for (Thread helper : helpers) {
            LockSupport.unpark(helper);
        }
        work(phase, 0);
        while (finished.get() < count) {
            Thread.onSpinWait();
        }
        Throwable thrown = failure.get();
        if (thrown instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread helper : helpers) {
            LockSupport.unpark(helper);
        }
    }

    private void help(int member) {
        long seen = 0;
        while (true) {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (current.generation() == seen && !closed) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(this, 1_000_000);
                }
            }
            if (closed) {
                // Woken by close, not by a phase: the current one is done and must not run twice.
                return;
            }
            Phase phase = current;
            seen = phase.generation();
            work(phase, member);
        }
    }

    /** Runs this member's shards of {@code phase}. */
    private void work(Phase phase, int member) {
        for (int shard = member; shard < phase.shards(); shard += helpers.length + 1) {
            try {
                phase.task().accept(shard);
            } catch (Throwable thrown) {
                failure.compareAndSet(null, thrown);
            } finally {
                finished.incrementAndGet();
            }
        }
    }
}
