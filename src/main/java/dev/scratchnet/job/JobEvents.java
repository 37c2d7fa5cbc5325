package dev.scratchnet.job;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.http.MediaType;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;


/**
 * The Server-Sent Events of {@code GET /jobs/{id}/events}: {@code progress} (throttled by the runner),
 * {@code epoch} for each finished epoch and {@code status} for each change. Publishing only queues the event; a
 * small pool of sender threads writes it, so a slow client never holds up training. A client that falls
 * {@value #MAX_PENDING} events behind is dropped.
 */
@Component
class JobEvents {

    static final String PROGRESS = "progress";
    static final String EPOCH = "epoch";
    static final String STATUS = "status";
    private static final int MAX_PENDING = 1024;
    private static final int MAX_SENDERS = 32;

    private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor senders = new ThreadPoolExecutor(0, MAX_SENDERS, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), daemonThreads());

    /** The payload of a {@code status} event. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StatusChange(JobStatus status, String modelId, String error) {
        static StatusChange of(JobRecord record) {
            return new StatusChange(record.status(), record.modelId(), record.error());
        }
    }

    /**
     * A stream that starts with the job's state as it is (its status, the epochs so far, its progress), goes on with
     * what happens next, and completes when the job ends.
     */
    SseEmitter subscribe(TrainingJob job) {
        // No timeout: the stream lasts as long as the job, which may be hours.
        SseEmitter emitter = new SseEmitter(0L);
        Subscriber subscriber = new Subscriber(job.id(), emitter);
        emitter.onCompletion(() -> remove(subscriber));
        emitter.onError(error -> remove(subscriber));
        synchronized (job) {
            JobRecord record = job.record();
            subscriber.offer(STATUS, StatusChange.of(record));
            record.epochs().forEach(epoch -> subscriber.offer(EPOCH, epoch));
            subscriber.offer(PROGRESS, job.progress());
            if (record.status().isEnded()) {
                subscriber.finish();
            } else {
                subscribers.computeIfAbsent(job.id(), id -> new CopyOnWriteArrayList<>()).add(subscriber);
            }
        }
        subscriber.drain();
        return emitter;
    }

    void publish(String jobId, String name, Object data) {
        for (Subscriber subscriber : subscribers.getOrDefault(jobId, List.of())) {
            subscriber.offer(name, data);
            subscriber.drain();
        }
    }

    /** Completes the job's streams once their queued events are sent. */
    void end(String jobId) {
        List<Subscriber> ended = subscribers.remove(jobId);
        if (ended != null) {
            ended.forEach(subscriber -> {
                subscriber.finish();
                subscriber.drain();
            });
        }
    }

    /** Completes every stream: at shutdown, so that open streams do not hold up the web server's graceful stop. */
    void endAll() {
        subscribers.keySet().forEach(this::end);
    }

    private void remove(Subscriber subscriber) {
        subscribers.computeIfPresent(subscriber.jobId, (id, list) -> {
            list.remove(subscriber);
            return list.isEmpty() ? null : list;
        });
    }

    private static CustomizableThreadFactory daemonThreads() {
        CustomizableThreadFactory factory = new CustomizableThreadFactory("job-events-");
        factory.setDaemon(true);
        return factory;
    }

    /** One client's stream: its events in order, sent by at most one sender thread at a time. */
    private final class Subscriber {

        final String jobId;
        private final SseEmitter emitter;
        private final Queue<SseEmitter.SseEventBuilder> pending = new ConcurrentLinkedQueue<>();
        private final AtomicInteger size = new AtomicInteger();
        private final AtomicBoolean draining = new AtomicBoolean();
        private volatile boolean finishing;
        private volatile boolean closed;

        Subscriber(String jobId, SseEmitter emitter) {
            this.jobId = jobId;
            this.emitter = emitter;
        }

        void offer(String name, Object data) {
            if (closed) {
                return;
            }
            if (size.incrementAndGet() > MAX_PENDING) {
                close(new IOException("Client fell " + MAX_PENDING + " events behind"));
                return;
            }
            pending.add(SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
        }

        void finish() {
            finishing = true;
        }

        void drain() {
            if (closed || !draining.compareAndSet(false, true)) {
                return;
            }
            try {
                senders.execute(this::sendPending);
            } catch (RejectedExecutionException e) {
                draining.set(false);
                close(e);
            }
        }

        private void sendPending() {
            try {
                for (SseEmitter.SseEventBuilder event = pending.poll(); event != null; event = pending.poll()) {
                    size.decrementAndGet();
                    emitter.send(event);
                }
                if (finishing && !closed) {
                    closed = true;
                    emitter.complete();
                }
            } catch (IOException | IllegalStateException e) {
                // The client has gone; the container reports it to the emitter, which removes this subscriber.
                closed = true;
                remove(this);
            } finally {
                draining.set(false);
            }
            // An event offered while the last send was under way found draining set and left it to this thread.
            if (!closed && (!pending.isEmpty() || finishing)) {
                drain();
            }
        }

        private void close(Exception reason) {
            closed = true;
            pending.clear();
            remove(this);
            emitter.completeWithError(reason);
        }
    }
}
