package dev.scratchnet.job;

import static org.springframework.http.HttpStatus.NOT_FOUND;

import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No job has the id asked for: never submitted, or deleted. */
class JobNotFoundException extends ErrorResponseException {

    JobNotFoundException(String id) {
        super(NOT_FOUND, ProblemDetail.forStatusAndDetail(NOT_FOUND, "No job with id " + id), null);
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
