package dev.scratchnet.web;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A refusal that carries its own problem+json body. The message is the body's detail, so a log line says what the
 * client was told rather than Spring's generic "status and reason" text.
 */
public abstract class ProblemException extends ErrorResponseException {

    protected ProblemException(HttpStatusCode status, ProblemDetail body, Throwable cause) {
        super(status, body, cause);
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
