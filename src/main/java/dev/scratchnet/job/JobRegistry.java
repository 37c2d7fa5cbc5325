package dev.scratchnet.job;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every job the service knows, loaded from {@link JobStore} at start-up, with the idempotency keys they were
 * submitted under. Ended jobs are listed as they were; the others are handed to the queue by {@link #unfinished}.
 */
@Component
class JobRegistry {

    private static final Logger log = LoggerFactory.getLogger(JobRegistry.class);
    /** Seeds stay below 2^53 so that JSON clients that read numbers as doubles get the seed exactly. */
    private static final long SEED_BOUND = 1L << 53;

    private final JobStore store;
    private final JobEvents events;
    private final Map<String, TrainingJob> jobs = new ConcurrentHashMap<>();
    private final Map<String, TrainingJob> byIdempotencyKey = new HashMap<>();
    private final List<TrainingJob> unfinished = new ArrayList<>();
    private long sequence;

    JobRegistry(JobStore store, JobEvents events, MeterRegistry meters) {
        this.store = store;
        this.events = events;
        load();
        for (JobStatus status : JobStatus.values()) {
            Gauge.builder("scratchnet.jobs", this, jobs -> jobs.count(status)).tag("status", status.name())
                    .description("Training jobs by status").register(meters);
        }
    }

    /**
     * The job an earlier request with this idempotency key created, if its request was the same (after defaults);
     * the same key with another request is a 409.
     */
    synchronized Optional<TrainingJob> replay(String idempotencyKey, JobConfig config) {
        TrainingJob earlier = idempotencyKey == null ? null : byIdempotencyKey.get(idempotencyKey);
        if (earlier != null && !earlier.record().requestDigest().equals(digest(config))) {
            throw new JobConflictException("Idempotency-Key '" + idempotencyKey + "' was used for job "
                    + earlier.id() + " with another request; use a new key for a new job");
        }
        return Optional.ofNullable(earlier);
    }

    /** A new queued job, saved before it is returned; without a seed it gets a random one, kept in its config. */
    synchronized TrainingJob create(JobConfig config, String idempotencyKey) {
        long next = sequence + 1;
        String id = "j" + next + "-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);
        JobConfig seeded = config.seed() != null ? config
                : config.withSeed(ThreadLocalRandom.current().nextLong(SEED_BOUND));
        JobRecord record = JobRecord.queued(id, next, seeded, Instant.now(), idempotencyKey, digest(config));
        store.save(record);
        sequence = next;
        return add(record);
    }

    TrainingJob get(String id) {
        TrainingJob job = jobs.get(id);
        if (job == null) {
            throw new JobNotFoundException(id);
        }
        return job;
    }

    /** Every job, newest first. */
    List<TrainingJob> list() {
        return jobs.values().stream()
                .sorted(Comparator.comparingLong((TrainingJob job) -> job.record().sequence()).reversed()).toList();
    }

    /** Deletes an ended job and its files; its idempotency key may then be used again. */
    synchronized void delete(String id) {
        TrainingJob job = get(id);
        job.checkDeletable();
        store.delete(id);
        jobs.remove(id);
        String key = job.record().idempotencyKey();
        if (key != null) {
            byIdempotencyKey.remove(key);
        }
    }

    /** The jobs found unfinished at start-up: those that were running first, then the queued, each in order. */
    List<TrainingJob> unfinished() {
        return List.copyOf(unfinished);
    }

    long count(JobStatus status) {
        return jobs.values().stream().filter(job -> job.record().status() == status).count();
    }

    private void load() {
        List<TrainingJob> queued = new ArrayList<>();
        for (JobRecord record : store.loadAll()) {
            sequence = Math.max(sequence, record.sequence());
            switch (record.status()) {
                case RUNNING -> unfinished.add(add(record.requeued()));
                case QUEUED -> queued.add(add(record));
                default -> {
                    // Left behind if the service stopped between saving the end and deleting the checkpoint.
                    store.deleteCheckpoint(record.id());
                    add(record);
                }
            }
        }
        int resuming = unfinished.size();
        unfinished.addAll(queued);
        if (!jobs.isEmpty()) {
            log.info("Loaded {} jobs: {} to resume, {} queued", jobs.size(), resuming, queued.size());
        }
    }

    private TrainingJob add(JobRecord record) {
        TrainingJob job = new TrainingJob(record, store, events);
        jobs.put(record.id(), job);
        if (record.idempotencyKey() != null) {
            byIdempotencyKey.put(record.idempotencyKey(), job);
        }
        return job;
    }

    /** SHA-256 of the request with its defaults filled in, so {} and the same fields spelled out are one request. */
    private static String digest(JobConfig config) {
        try {
            byte[] canonical = JsonMapper.shared().writeValueAsBytes(config);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
