package dev.scratchnet.inference;

import static org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE;

import org.springframework.http.ProblemDetail;

import dev.scratchnet.model.ModelNotFoundException;
import dev.scratchnet.web.ProblemException;

/** {@code /predict} before any model exists: a 503 whose detail says how to get one. */
class NoModelException extends ProblemException {

    NoModelException() {
        super(SERVICE_UNAVAILABLE, ProblemDetail.forStatusAndDetail(SERVICE_UNAVAILABLE,
                "No model to predict with yet: " + ModelNotFoundException.HOW_TO_GET_ONE), null);
    }
}
