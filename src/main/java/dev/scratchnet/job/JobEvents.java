package dev.scratchnet.job;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.http.MediaType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.scratchnet.storage.ScratchnetProperties;

/**
 * The Server-Sent Events of {@code GET /jobs/{id}/events}: {@code progress} (throttled by the runner),
 * {@code epoch} for each finished epoch and {@code status} for each change. Publishing only queues the event; a
 * small pool of sender threads writes it, so a slow client never holds up training or another client. A client that
 * falls more than {@value #MAX_PENDING} events behind, or whose send blocks for {@link #STUCK_AFTER}, is dropped;
 * past scratchnet.jobs.max-event-streams open streams a new one is refused (503), since each may hold a thread.
 */
@Component
class JobEvents {

    static final String PROGRESS = "progress";
    static final String EPOCH = "epoch";
    static final String STATUS = "status";
    private static final int MAX_PENDING = 1024;
    /** Sending is I/O, not computation: a few threads keep up with many readers. */
    private static final int SENDERS = 4;
    /** Far longer than a reading client's send takes, even on a slow link: one event is at most a few KB. */
    static final Duration STUCK_AFTER = Duration.ofSeconds(30);

    private final Map<String, List<JobStream>> streams = new ConcurrentHashMap<>();
    private final EventSenders senders;
    private final int maxStreams;

    @Autowired
    JobEvents(ScratchnetProperties properties) {
        this(new EventSenders(SENDERS, STUCK_AFTER), properties.jobs().maxEventStreams());
    }

    JobEvents() {
        this(new EventSenders(SENDERS, STUCK_AFTER), ScratchnetProperties.Jobs.DEFAULT.maxEventStreams());
    }

    JobEvents(EventSenders senders, int maxStreams) {
        this.senders = senders;
        this.maxStreams = maxStreams;
    }

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
        JobStream stream = subscribe(job, new EmitterSink(emitter));
        emitter.onCompletion(() -> remove(stream));
        emitter.onError(error -> remove(stream));
        return emitter;
    }

    /** Subscribes any sink; the HTTP stream is one, a test's recorder another. */
    JobStream subscribe(TrainingJob job, JobStream.Sink sink) {
        // Checked, then added: concurrent subscribers may pass the cap by a few, which is all it needs to hold.
        if (senders.openStreams() >= maxStreams) {
            throw new EventStreamsFullException(maxStreams);
        }
        JobStream stream;
        synchronized (job) {
            JobRecord record = job.record();
            // The snapshot may hold thousands of epochs; only what comes after it counts towards falling behind.
            stream = new JobStream(job.id(), sink, MAX_PENDING + record.epochs().size() + 2, senders, this::remove);
            stream.offer(STATUS, StatusChange.of(record));
            record.epochs().forEach(epoch -> stream.offer(EPOCH, epoch));
            stream.offer(PROGRESS, job.progress());
            senders.watch(stream);
            if (record.status().isEnded()) {
                stream.finish();
            } else {
                streams.computeIfAbsent(job.id(), id -> new CopyOnWriteArrayList<>()).add(stream);
            }
        }
        stream.drain();
        return stream;
    }

    void publish(String jobId, String name, Object data) {
        for (JobStream stream : streams.getOrDefault(jobId, List.of())) {
            stream.offer(name, data);
            stream.drain();
        }
    }

    /** Completes the job's streams once their queued events are sent. */
    void end(String jobId) {
        List<JobStream> ended = streams.remove(jobId);
        if (ended != null) {
            ended.forEach(stream -> {
                stream.finish();
                stream.drain();
            });
        }
    }

    /** Completes every stream: at shutdown, so that open streams do not hold up the web server's graceful stop. */
    void endAll() {
        streams.keySet().forEach(this::end);
    }

    /** A sink that writes Server-Sent Events to an HTTP response. */
    private record EmitterSink(SseEmitter emitter) implements JobStream.Sink {
        @Override
        public void send(String name, Object data) throws IOException {
            emitter.send(SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
        }

        @Override
        public void complete() {
            emitter.complete();
        }

        @Override
        public void completeWithError(Throwable reason) {
            emitter.completeWithError(reason);
        }
    }

    private void remove(JobStream stream) {
        senders.forget(stream);
        streams.computeIfPresent(stream.jobId(), (id, list) -> {
            list.remove(stream);
            return list.isEmpty() ? null : list;
        });
    }

}
