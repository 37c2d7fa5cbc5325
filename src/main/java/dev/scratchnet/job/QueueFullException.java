package dev.scratchnet.job;

import static org.springframework.http.HttpStatus.TOO_MANY_REQUESTS;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;

import dev.scratchnet.web.ProblemException;

/** Every worker is busy and the queue is full: 429, with a {@code Retry-After} guessed from the running jobs. */
class QueueFullException extends ProblemException {

    QueueFullException(int limit, long retryAfterSeconds) {
        super(TOO_MANY_REQUESTS, ProblemDetail.forStatusAndDetail(TOO_MANY_REQUESTS, "The training queue is full: "
                + limit + " jobs are running or waiting (scratchnet.jobs.max-concurrent + queue-capacity); retry in "
                + "about " + retryAfterSeconds + " s"), null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    }
}
