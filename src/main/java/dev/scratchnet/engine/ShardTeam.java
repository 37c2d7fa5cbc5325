package dev.scratchnet.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Threads that run the shards of one phase of an iteration together: the caller and one helper per further core.
 * A training iteration has several phases of about a tenth of a millisecond; a pooled thread that parks between
 * them costs as much to wake as the work it would take, so helpers spin for a moment before they park.
 * <p>
 * Shard s runs on member s mod members (the caller is member 0): a phase over the same shards as an earlier one
 * finds its data in the cache of the core that wrote it. The rows of W1 that one core sums, differentiates and
 * updates never travel to the other, which two cores sharing them by turns made slower than one.
 * <p>
 * Unless a helper does not turn up: when another process has its core, it may be off it for milliseconds, and the
 * caller would spin all that time. A helper claims its shards when it starts a phase; the caller, done with its own,
 * runs any still unclaimed a tenth of a millisecond later. A shard gives the same bits on any thread.
 */
final class ShardTeam implements AutoCloseable {

    /** How long a helper keeps looking for the next phase before it parks. */
    private static final long SPIN_NANOS = 200_000;
    /**
     * How long the caller waits for a helper to claim its shards before it runs them itself: well above the time a
     * parked helper takes to wake, well below a time slice the OS gives another process.
     */
    private static final long TAKE_OVER_NANOS = 100_000;
    /** Shards are claimed as the bits of a long. */
    private static final int MAX_SHARDS = Long.SIZE;

    private final Thread[] helpers;
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile Phase current = new Phase(0, 0, shard -> { }, new AtomicLong());
    private volatile boolean closed;

    /** One phase: the task to run for each of its shards, and which of them a member has claimed. */
    private record Phase(long generation, int shards, IntConsumer task, AtomicLong claimed) {

        /** Claims the unclaimed shards among {@code wanted}, one bit per shard, and returns them. */
        long claim(long wanted) {
            while (true) {
                long before = claimed.get();
                long taken = wanted & ~before;
                if (taken == 0 || claimed.compareAndSet(before, before | taken)) {
                    return taken;
                }
            }
        }
    }

    /** A team using {@code cores} cores, the caller's among them. */
    ShardTeam(int cores) {
        this(cores, true);
    }

    /** With {@code startHelpers} false, a team whose helpers never turn up: for tests of the caller's take-over. */
    ShardTeam(int cores, boolean startHelpers) {
        helpers = new Thread[Math.max(0, cores - 1)];
        for (int h = 0; h < helpers.length; h++) {
            int member = h + 1;
            helpers[h] = new Thread(() -> help(member), "scratchnet-shard-" + member);
            helpers[h].setDaemon(true);
            if (startHelpers) {
                helpers[h].start();
            }
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
        if (count > MAX_SHARDS) {
            throw new IllegalArgumentException("A phase has at most " + MAX_SHARDS + " shards, found " + count);
        }
        Phase phase = new Phase(current.generation() + 1, count, task, new AtomicLong());
        failure.set(null);
        finished.set(0);
        current = phase;
        for (Thread helper : helpers) {
            LockSupport.unpark(helper);
        }
        work(phase, 0);
        long ownDone = System.nanoTime();
        boolean tookOver = false;
        while (finished.get() < count) {
            if (!tookOver && System.nanoTime() - ownDone > TAKE_OVER_NANOS) {
                runShards(phase, phase.claim(allShards(count)));
                tookOver = true;
            }
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

    /** Claims this member's shards of {@code phase}, all at once so none looks abandoned, then runs them. */
    private void work(Phase phase, int member) {
        long own = 0;
        for (int shard = member; shard < phase.shards(); shard += helpers.length + 1) {
            own |= 1L << shard;
        }
        runShards(phase, phase.claim(own));
    }

    private void runShards(Phase phase, long shards) {
        for (long left = shards; left != 0; left &= left - 1) {
            int shard = Long.numberOfTrailingZeros(left);
            try {
                phase.task().accept(shard);
            } catch (Throwable thrown) {
                failure.compareAndSet(null, thrown);
            } finally {
                finished.incrementAndGet();
            }
        }
    }

    private static long allShards(int count) {
        return count == Long.SIZE ? -1L : (1L << count) - 1;
    }
}
