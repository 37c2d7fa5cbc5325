package dev.scratchnet.job;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The few threads that write every job's event streams. Each stream queues at most one drain at a time, so the work
 * queue never holds more than one task per open stream and nothing is rejected. A servlet write to a client that
 * stopped reading blocks its thread; a watchdog drops a stream whose send has blocked for {@code stuckAfter} and
 * lends the pool a thread for as long as that send stays blocked, so such a client holds up only itself. Those
 * stand-ins are bounded by the open streams, which {@link JobEvents} caps.
 */
final class EventSenders implements Executor {

    private final ThreadPoolExecutor pool;
    private final ScheduledThreadPoolExecutor watchdog;
    private final Set<JobStream> open = ConcurrentHashMap.newKeySet();
    private final long stuckAfterNanos;

    EventSenders(int threads, Duration stuckAfter) {
        this.stuckAfterNanos = stuckAfter.toNanos();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemonThreads("job-events-"));
        this.watchdog = new ScheduledThreadPoolExecutor(1, daemonThreads("job-events-watchdog-"));
        long period = Math.max(1, stuckAfterNanos / 4);
        watchdog.scheduleWithFixedDelay(this::dropStuck, period, period, TimeUnit.NANOSECONDS);
    }

    @Override
    public void execute(Runnable drain) {
        pool.execute(drain);
    }

    /** Watches the stream's sends until it closes. */
    void watch(JobStream stream) {
        open.add(stream);
    }

    void forget(JobStream stream) {
        open.remove(stream);
    }

    int openStreams() {
        return open.size();
    }

    /** A thread to stand in for one whose send is stuck; the stream gives it back when that send returns. */
    synchronized void lendThread() {
        pool.setMaximumPoolSize(pool.getMaximumPoolSize() + 1);
        pool.setCorePoolSize(pool.getCorePoolSize() + 1);
    }

    synchronized void returnThread() {
        pool.setCorePoolSize(pool.getCorePoolSize() - 1);
        pool.setMaximumPoolSize(pool.getMaximumPoolSize() - 1);
    }

    private void dropStuck() {
        long now = System.nanoTime();
        for (JobStream stream : open) {
            stream.dropIfStuck(now, stuckAfterNanos);
        }
    }

    private static CustomizableThreadFactory daemonThreads(String prefix) {
        CustomizableThreadFactory factory = new CustomizableThreadFactory(prefix);
        factory.setDaemon(true);
        return factory;
    }
}
