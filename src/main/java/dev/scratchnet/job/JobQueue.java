package dev.scratchnet.job;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.scratchnet.engine.EpochResult;
import dev.scratchnet.storage.ScratchnetProperties;

/**
 * The bounded queue in front of {@code max-concurrent} worker threads that train the jobs; request threads only
 * enqueue. It starts with the jobs the registry found unfinished; at shutdown the workers stop between iterations
 * and leave their jobs RUNNING on disk, to resume at the next start. Until a first job comes, one more thread warms
 * the engine up ({@link EngineWarmUp}).
 */
@Component
class JobQueue implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobQueue.class);
    /** A worker stops within an iteration; this bounds the wait for one busy with an epoch's evaluation. */
    private static final long STOP_WAIT_MILLIS = 20_000;

    private final ScratchnetProperties.Jobs properties;
    private final JobRegistry registry;
    private final JobEvents events;
    private final JobRunner runner;
    private final Deque<TrainingJob> waiting = new ArrayDeque<>();
    private final List<Thread> workers = new ArrayList<>();
    private int running;
    private volatile boolean stopping;

    JobQueue(ScratchnetProperties properties, JobRegistry registry, JobEvents events, JobRunner runner) {
        this.properties = properties.jobs();
        this.registry = registry;
        this.events = events;
        this.runner = runner;
        waiting.addAll(registry.unfinished());
    }

    /**
     * What {@link #submit} did: queued a new job, or found the one an earlier request with the same key made.
     *
     * @param view the job as it was when submitted: QUEUED, even if a worker takes it up at once
     */
    record Submission(TrainingJob job, JobView view, boolean created) {
    }

    /**
     * Queues a checked, defaulted job, unless its idempotency key replays an earlier one. Running and waiting jobs
     * together may number {@code max-concurrent + queue-capacity}; past that, 429.
     */
    synchronized Submission submit(JobConfig config, String idempotencyKey) {
        Optional<TrainingJob> earlier = registry.replay(idempotencyKey, config);
        if (earlier.isPresent()) {
            return new Submission(earlier.get(), earlier.get().view(), false);
        }
        int limit = properties.maxConcurrent() + properties.queueCapacity();
        if (waiting.size() + running >= limit) {
            throw new QueueFullException(limit, retryAfterSeconds());
        }
        TrainingJob job = registry.create(config, idempotencyKey);
        waiting.addLast(job);
        notifyAll();
        return new Submission(job, job.view(), true);
    }

    /** Cancels a job: a queued one leaves the queue now, a running one stops at its next iteration. */
    TrainingJob cancel(String id) {
        TrainingJob job = registry.get(id);
        synchronized (this) {
            if (job.cancel(Instant.now())) {
                waiting.remove(job);
            }
        }
        return job;
    }

    @Override
    public synchronized void start() {
        stopping = false;
        for (int k = 1; k <= properties.maxConcurrent(); k++) {
            startWorker(this::work, "job-worker-" + k);
        }
        if (properties.warmUp()) {
            startWorker(this::warmUp, "job-warm-up");
        }
    }

    private void startWorker(Runnable task, String name) {
        Thread worker = new Thread(task, name);
        // Daemon, so a JVM that exits without closing the context is not kept alive; the files are safe either way.
        worker.setDaemon(true);
        workers.add(worker);
        worker.start();
    }

    /** Trains a throwaway network until the JIT has compiled the engine, unless a job comes first. */
    private void warmUp() {
        long start = System.nanoTime();
        try {
            int iterations = EngineWarmUp.train(EngineWarmUp.ITERATIONS, this::busyOrStopping);
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (iterations < EngineWarmUp.ITERATIONS) {
                log.info("Stopped warming up the training engine after {} of {} iterations in {} ms: a job came first"
                        + " or the service is stopping", iterations, EngineWarmUp.ITERATIONS, millis);
            } else {
                log.info("Warmed up the training engine: {} iterations in {} ms", iterations, millis);
            }
        } catch (RuntimeException e) {
            // Only the first job's speed depends on it: never the service's health.
            log.warn("Could not warm up the training engine", e);
        }
    }

    private synchronized boolean busyOrStopping() {
        return stopping || running > 0 || !waiting.isEmpty();
    }

    @Override
    public void stop() {
        List<Thread> stopped;
        synchronized (this) {
            stopping = true;
            notifyAll();
            stopped = List.copyOf(workers);
            workers.clear();
        }
        long deadline = System.currentTimeMillis() + STOP_WAIT_MILLIS;
        for (Thread worker : stopped) {
            try {
                worker.join(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        events.endAll();
    }

    @Override
    public synchronized boolean isRunning() {
        return !workers.isEmpty();
    }

    private void work() {
        while (true) {
            TrainingJob job;
            synchronized (this) {
                while (!stopping && waiting.isEmpty()) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (stopping) {
                    return;
                }
                job = waiting.pollFirst();
                running++;
            }
            try {
                runner.run(job, () -> stopping);
            } catch (Throwable e) {
                // run() fails the job itself; this is for an error in doing so (say, out of memory again). The
                // worker lives on: a dead one would leave every later job QUEUED for good.
                log.error("Worker could not settle job {}", job.id(), e);
            } finally {
                synchronized (this) {
                    running--;
                }
            }
        }
    }

    /** When the running job nearest its end should finish, from its epochs so far; 10 s when nothing is known. */
    private long retryAfterSeconds() {
        long soonest = Long.MAX_VALUE;
        for (TrainingJob job : registry.list()) {
            JobRecord record = job.record();
            if (record.status() == JobStatus.RUNNING && !record.epochs().isEmpty()) {
                double perEpoch = record.epochs().stream().mapToDouble(EpochResult::seconds).average().orElse(0);
                soonest = Math.min(soonest, (long) Math.ceil(perEpoch * (record.config().epochs()
                        - record.epochs().size())));
            }
        }
        return soonest == Long.MAX_VALUE ? 10 : Math.max(1, Math.min(3600, soonest));
    }
}
