package dev.scratchnet.job;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One client's stream of one job's events: offered without blocking, kept in order, and sent by at most one sender
 * thread at a time. A client more than {@code limit} events behind is dropped rather than buffered without end.
 */
final class JobStream {

    /** Where the events go: an HTTP response, or a test's recorder. */
    interface Sink {
        void send(String name, Object data) throws IOException;

        void complete();

        void completeWithError(Throwable reason);
    }

    private record Event(String name, Object data) {
    }

    private final String jobId;
    private final Sink sink;
    private final int limit;
    private final Executor senders;
    private final Consumer<JobStream> onClose;
    private final Queue<Event> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean finishing;
    private volatile boolean closed;

    JobStream(String jobId, Sink sink, int limit, Executor senders, Consumer<JobStream> onClose) {
        this.jobId = jobId;
        this.sink = sink;
        this.limit = limit;
        this.senders = senders;
        this.onClose = onClose;
    }

    String jobId() {
        return jobId;
    }

    boolean isClosed() {
        return closed;
    }

    /** Queues an event; never blocks, since the caller may be a training thread. */
    void offer(String name, Object data) {
        if (closed) {
            return;
        }
        if (size.incrementAndGet() > limit) {
            close(new IOException("The client fell more than " + limit + " events behind"));
            return;
        }
        pending.add(new Event(name, data));
    }

    /** Completes the stream once the queued events are sent. */
    void finish() {
        finishing = true;
    }

    /** Has a sender thread send what is queued, unless one is at it already. */
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
            for (Event event = pending.poll(); event != null; event = pending.poll()) {
                size.decrementAndGet();
                sink.send(event.name(), event.data());
            }
            if (finishing && !closed) {
                closed = true;
                sink.complete();
            }
        } catch (IOException | IllegalStateException e) {
            // The client has gone; the container also reports it to the emitter.
            closed = true;
            onClose.accept(this);
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
        onClose.accept(this);
        sink.completeWithError(reason);
    }
}
