package dev.scratchnet.job;

import static org.springframework.http.HttpStatus.CONFLICT;

import org.springframework.http.ProblemDetail;

import dev.scratchnet.web.ProblemException;

/** A request the job's status forbids (cancelling an ended job, deleting a live one), or a reused idempotency key. */
class JobConflictException extends ProblemException {

    JobConflictException(String detail) {
        super(CONFLICT, ProblemDetail.forStatusAndDetail(CONFLICT, detail), null);
    }
}
