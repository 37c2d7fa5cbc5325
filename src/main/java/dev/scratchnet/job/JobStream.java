package dev.scratchnet.job;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One client's stream of one job's events: offered without blocking, kept in order, and sent by at most one sender
 * thread at a time. A client more than {@code limit} events behind, or whose send blocks too long, is dropped rather
 * than buffered without end.
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

    /** Events sent per turn before the stream yields its thread to the other streams waiting for one. */
    private static final int BATCH = 256;

    private final String jobId;
    private final Sink sink;
    private final int limit;
    private final EventSenders senders;
    private final Consumer<JobStream> onClose;
    private final Queue<Event> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean finishing;
    private volatile boolean closed;
    /** When the send under way began; 0 when none is. Guarded by this, as are the two fields below. */
    private long sendingSince;
    private Throwable deferredError;
    private boolean stuck;

    JobStream(String jobId, Sink sink, int limit, EventSenders senders, Consumer<JobStream> onClose) {
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

    /**
     * Drops the stream if its send has blocked for {@code stuckAfterNanos}, and has the pool stand in a thread for
     * the blocked one until its send returns.
     */
    void dropIfStuck(long now, long stuckAfterNanos) {
        synchronized (this) {
            if (closed || stuck || sendingSince == 0 || now - sendingSince < stuckAfterNanos) {
                return;
            }
            stuck = true;
            senders.lendThread();
        }
        close(new IOException("The client read nothing for "
                + TimeUnit.NANOSECONDS.toSeconds(stuckAfterNanos) + " s"));
    }

    private void sendPending() {
        try {
            for (int sent = 0; sent < BATCH && !closed; sent++) {
                Event event = pending.poll();
                if (event == null) {
                    break;
                }
                size.decrementAndGet();
                send(event);
            }
            if (finishing && pending.isEmpty()) {
                complete();
            }
        } catch (IOException | IllegalStateException e) {
            // The client has gone; the container also reports it to the emitter.
            synchronized (this) {
                closed = true;
            }
            onClose.accept(this);
        } finally {
            draining.set(false);
        }
        // Events left after this turn, or offered while the last send was under way, go to the back of the line.
        if (!closed && (!pending.isEmpty() || finishing)) {
            drain();
        }
    }

    private void send(Event event) throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            sendingSince = System.nanoTime();
        }
        Throwable error;
        try {
            sink.send(event.name(), event.data());
        } finally {
            synchronized (this) {
                sendingSince = 0;
                error = deferredError;
                deferredError = null;
                if (stuck) {
                    stuck = false;
                    senders.returnThread();
                }
            }
        }
        if (error != null) {
            sink.completeWithError(error);
        }
    }

    private void complete() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        sink.complete();
        onClose.accept(this);
    }

    /**
     * Closes the stream with an error: now, or when the send under way returns, since that send holds the emitter's
     * lock and the caller may be a training thread or the watchdog.
     */
    private void close(Throwable reason) {
        boolean now;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            now = sendingSince == 0;
            if (!now) {
                deferredError = reason;
            }
        }
        pending.clear();
        onClose.accept(this);
        if (now) {
            sink.completeWithError(reason);
        }
    }
}
