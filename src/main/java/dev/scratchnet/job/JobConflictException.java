package dev.scratchnet.job;

import static org.springframework.http.HttpStatus.CONFLICT;

import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A request the job's status forbids (cancelling an ended job, deleting a live one), or a reused idempotency key. */
class JobConflictException extends ErrorResponseException {

    JobConflictException(String detail) {
        super(CONFLICT, ProblemDetail.forStatusAndDetail(CONFLICT, detail), null);
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
