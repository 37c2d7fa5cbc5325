package dev.scratchnet.job;

import static org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;

import dev.scratchnet.web.ProblemException;

/** As many event streams are open as the service keeps: 503, to come back when one has ended. */
class EventStreamsFullException extends ProblemException {

    private static final String RETRY_AFTER_SECONDS = "30";

    EventStreamsFullException(int limit) {
        super(SERVICE_UNAVAILABLE, ProblemDetail.forStatusAndDetail(SERVICE_UNAVAILABLE, "The service already has "
                + limit + " job event streams open (scratchnet.jobs.max-event-streams); retry in about "
                + RETRY_AFTER_SECONDS + " s or poll GET /jobs/{id}"), null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
}
