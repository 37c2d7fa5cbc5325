package dev.scratchnet.web;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.coyote.Processor;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.coyote.http11.Http11Processor;
import org.apache.tomcat.util.net.AbstractEndpoint.Handler.SocketState;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's HTTP/1.1 NIO protocol with a total deadline on each request's line and headers
 * (scratchnet.limits.header-time). Tomcat's connection timeout only bounds the gap between two reads, so headers
 * trickled a byte at a time would hold their connection open for ever; Tomcat has no setting for a total.
 *
 * <p>The clock is Tomcat's own: a request's start time, marked when the first byte of it (a blank line before it
 * included) is available to the parser, which for a pipelined request is when the one before it ended. While the
 * headers are unfinished the socket waits in Tomcat's poller for more bytes; the processor then shortens the socket's
 * read timeout to the time left, so that the poller's own timeout check closes it at the deadline. No thread, lock
 * or allocation is added: a request whose headers arrive in one read, which is nearly all of them, costs two field
 * reads. Once the headers are complete the deadline is gone and Tomcat's timeouts are restored before the request is
 * processed, so it never touches a request being processed or a response being written.
 *
 * <p>Tomcat creates its protocol by class name ({@link HeaderDeadline} names this one), hence public.
 */
public class HeaderDeadlineProtocol extends Http11NioProtocol {

    private static final Logger log = LoggerFactory.getLogger(HeaderDeadlineProtocol.class);

    private volatile long headerTimeNanos = TimeUnit.SECONDS.toNanos(10);

    /** Longest a request line and headers may take to arrive, from their first byte. */
    public void setHeaderTime(Duration headerTime) {
        if (headerTime.isNegative() || headerTime.isZero()) {
            throw new IllegalArgumentException("scratchnet.limits.header-time must be positive, found " + headerTime);
        }
        this.headerTimeNanos = headerTime.toNanos();
    }

    public Duration getHeaderTime() {
        return Duration.ofNanos(headerTimeNanos);
    }

    @Override
    protected Processor createProcessor() {
        return new DeadlineProcessor(this);
    }

    /**
     * Http11Processor with the deadline applied around {@link #service}, which Tomcat calls each time bytes arrive for
     * a request it has not yet started processing (and once more for every pipelined one).
     */
    private static final class DeadlineProcessor extends Http11Processor {

        private final HeaderDeadlineProtocol protocol;

        DeadlineProcessor(HeaderDeadlineProtocol protocol) {
            super(protocol, protocol.getAdapter());
            this.protocol = protocol;
        }

        @Override
        public SocketState service(SocketWrapperBase<?> socket) throws IOException {
            if (request.getStartTimeNanos() >= 0) {
                // Resuming unfinished headers: put back the read timeout Tomcat had set after their first byte, so
                // that if they complete now the body is read with it, not with what was left of the deadline.
                socket.setReadTimeout(protocol.getConnectionTimeout());
            }
            SocketState state = super.service(socket);
            long start = request.getStartTimeNanos();
            // LONG without async is how Http11Processor says "the request line or headers are incomplete". OPEN with a
            // start time means only blank lines arrived, for which Tomcat would let the processor go and forget the
            // start: a client sending "\r\n" now and then would never be cut. Keeping the processor (LONG) keeps the
            // start, as Tomcat does for any other partial request line. The one cost: a client that ends a request
            // with a stray blank line (allowed, and ignored) is disconnected header-time later if it sends nothing
            // else, rather than after the keep-alive timeout; it reconnects for its next request.
            boolean unfinished = start >= 0 && !isAsync() && (state == SocketState.LONG || state == SocketState.OPEN);
            if (!unfinished) {
                return state;
            }
            long left = start + protocol.headerTimeNanos - System.nanoTime();
            if (left <= 0) {
                log.debug("Closing {}: request headers unfinished after {}", socket.getRemoteAddr(),
                        protocol.getHeaderTime());
                return SocketState.CLOSED;
            }
            // The poller closes a socket waiting to read once now - lastRead > readTimeout; lastRead is the read that
            // just found no more bytes, so this fires at the deadline (within the poller's 1 s check interval).
            long leftMillis = TimeUnit.NANOSECONDS.toMillis(left) + 1;
            int connectionTimeout = protocol.getConnectionTimeout();
            socket.setReadTimeout(connectionTimeout > 0 ? Math.min(connectionTimeout, leftMillis) : leftMillis);
            return SocketState.LONG;
        }
    }
}
