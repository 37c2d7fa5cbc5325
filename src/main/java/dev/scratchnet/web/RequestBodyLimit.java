package dev.scratchnet.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import dev.scratchnet.storage.ScratchnetProperties;

/**
 * Caps every request body (scratchnet.limits): a declared {@code Content-Length} over the cap is a 413 before a byte
 * is read, and a chunked body is counted as it is read, the read that would pass the cap throwing a 413 instead. A
 * body still arriving after scratchnet.limits.body-time is a 408. A refused request's connection is closed rather than
 * drained (see {@link ConnectionDrop}): Tomcat would otherwise read up to max-swallow-size of the rest. Multipart
 * bodies are left to spring.servlet.multipart's limits, which Tomcat applies while parsing them.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RequestBodyLimit extends OncePerRequestFilter {

    /** Marks a request whose body is partly unread and must not be drained: ConnectionDrop closes its connection. */
    static final String DROP_CONNECTION = RequestBodyLimit.class.getName() + ".dropConnection";
    /** Unread bodies up to this size are drained as usual, so the connection stays open for the client's next request. */
    private static final long DRAIN_BYTES = 64 * 1024;

    private final long maxBody;
    private final long maxPredictBody;
    private final Duration bodyTime;

    public RequestBodyLimit(ScratchnetProperties properties) {
        this.maxBody = properties.limits().body().toBytes();
        this.maxPredictBody = properties.limits().predictBody().toBytes();
        this.bodyTime = properties.limits().bodyTime();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isMultipart(request)) {
            chain.doFilter(request, response);
            return;
        }
        long limit = limitFor(request);
        if (request.getContentLengthLong() > limit) {
            request.setAttribute(DROP_CONNECTION, Boolean.TRUE);
            refuse(request, response, tooLarge(limit).getBody());
            return;
        }
        BoundedRequest bounded = new BoundedRequest(request, limit, System.nanoTime() + bodyTime.toNanos());
        try {
            chain.doFilter(bounded, response);
        } catch (ServletException | IOException | RuntimeException e) {
            // Spring MVC answers a refusal through ProblemDetailsAdvice; this is for one thrown outside a handler.
            BodyRefusedException refusal = refusalIn(e);
            if (refusal == null || response.isCommitted()) {
                throw e;
            }
            response.resetBuffer();
            refuse(request, response, refusal.getBody());
        } finally {
            long declared = request.getContentLengthLong();
            boolean large = declared < 0 || declared > DRAIN_BYTES;
            if (response.getStatus() >= 400 && bounded.hasUnreadBody() && (bounded.refused() || large)) {
                // Only for error responses: Tomcat turns a 2xx into a 500 when told to stop reading. A small body
                // (a refused {} of a POST without its key) is cheaper to drain than a new connection is to open,
                // unless this filter refused it for trickling in.
                request.setAttribute(DROP_CONNECTION, Boolean.TRUE);
            }
        }
    }

    private long limitFor(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return "POST".equals(request.getMethod()) && "/predict".equals(path) ? maxPredictBody : maxBody;
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.regionMatches(true, 0, "multipart/", 0, "multipart/".length());
    }

    private static BodyRefusedException tooLarge(long limit) {
        return new BodyRefusedException(HttpStatus.CONTENT_TOO_LARGE,
                "The request body is larger than the limit of " + limit + " bytes");
    }

    private BodyRefusedException tooSlow() {
        return new BodyRefusedException(HttpStatus.REQUEST_TIMEOUT,
                "The request body took longer than the limit of " + bodyTime.toSeconds() + " s to arrive");
    }

    /** The refusal a failure carries among its causes, or null: Jackson wraps what the stream threw mid-field. */
    static BodyRefusedException refusalIn(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyRefusedException refusal) {
                return refusal;
            }
        }
        return null;
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        response.setStatus(problem.getStatus());
        // The rest of the body will not be read, so the connection cannot carry another request: say so.
        response.setHeader(HttpHeaders.CONNECTION, "close");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(JsonMapper.shared().writeValueAsBytes(new ApiKeyFilter.Problem(
                "about:blank", problem.getTitle(), problem.getStatus(), problem.getDetail(),
                request.getRequestURI())));
    }

    /**
     * A body refused part-way: 413 past the cap, 408 past the time. Unchecked, so that Jackson passes it through
     * rather than wrapping it as unreadable JSON, and ProblemDetailsAdvice answers it as problem+json.
     */
    static final class BodyRefusedException extends ProblemException {

        BodyRefusedException(HttpStatus status, String detail) {
            super(status, ProblemDetail.forStatusAndDetail(status, detail), null);
        }
    }

    /** The request with its body counted and timed; getReader reads through the same count. */
    private final class BoundedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private final long deadline;
        private BoundedInputStream input;
        private BufferedReader reader;

        BoundedRequest(HttpServletRequest request, long limit, long deadline) {
            super(request);
            this.limit = limit;
            this.deadline = deadline;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (input == null) {
                input = new BoundedInputStream(super.getInputStream());
            }
            return input;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }

        /** Whether reading the body went past the cap or the time. */
        boolean refused() {
            return input != null && input.refused;
        }

        boolean hasUnreadBody() {
            if (input != null) {
                return !input.isFinished();
            }
            String encoding = getHeader("Transfer-Encoding");
            return getContentLengthLong() > 0 || encoding != null && encoding.toLowerCase().contains("chunked");
        }

        private final class BoundedInputStream extends ServletInputStream {

            private final ServletInputStream in;
            private long count;
            private boolean refused;

            BoundedInputStream(ServletInputStream in) {
                this.in = in;
            }

            @Override
            public int read() throws IOException {
                int b = in.read();
                counted(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                // Ask for no more than one byte past the cap, so that a refusal has read almost nothing extra.
                int n = in.read(buffer, offset, (int) Math.min(length, limit - count + 1));
                counted(Math.max(n, 0));
                return n;
            }

            private void counted(int n) {
                count += n;
                if (count > limit) {
                    refused = true;
                    throw tooLarge(limit);
                }
                if (n > 0 && System.nanoTime() - deadline > 0 && !in.isFinished()) {
                    refused = true;
                    throw tooSlow();
                }
            }

            @Override
            public boolean isFinished() {
                return in.isFinished();
            }

            @Override
            public boolean isReady() {
                return in.isReady();
            }

            @Override
            public void setReadListener(ReadListener listener) {
                in.setReadListener(listener);
            }
        }
    }
}
