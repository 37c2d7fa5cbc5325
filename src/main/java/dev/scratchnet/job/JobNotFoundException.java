package dev.scratchnet.job;

import static org.springframework.http.HttpStatus.NOT_FOUND;

import org.springframework.http.ProblemDetail;

import dev.scratchnet.web.ProblemException;

/** No job has the id asked for: never submitted, or deleted. */
class JobNotFoundException extends ProblemException {

    JobNotFoundException(String id) {
        super(NOT_FOUND, ProblemDetail.forStatusAndDetail(NOT_FOUND, "No job with id " + id), null);
    }
}
