package dev.scratchnet.model;

import org.springframework.http.HttpStatus;

import dev.scratchnet.web.InvalidField;
import dev.scratchnet.web.ProblemException;

/**
 * A model upload or evaluation request refused with the field at fault: form fields that are wrong or do not fit
 * together (400), a dataset not yet on this server (409), weights over the size this heap can hold (413), or an
 * {@code .npz} that is not a network's weights (422).
 */
class ModelRejectedException extends ProblemException {

    private ModelRejectedException(HttpStatus status, String detail, InvalidField field, Throwable cause) {
        super(status, field.asProblem(status, detail), cause);
    }

    static ModelRejectedException badRequest(String detail, InvalidField field) {
        return new ModelRejectedException(HttpStatus.BAD_REQUEST, detail, field, null);
    }

    static ModelRejectedException conflict(String detail, InvalidField field) {
        return new ModelRejectedException(HttpStatus.CONFLICT, detail, field, null);
    }

    static ModelRejectedException tooLarge(String detail, InvalidField field, Throwable cause) {
        return new ModelRejectedException(HttpStatus.CONTENT_TOO_LARGE, detail, field, cause);
    }

    static ModelRejectedException malformed(String detail, InvalidField field, Throwable cause) {
        return new ModelRejectedException(HttpStatus.UNPROCESSABLE_CONTENT, detail, field, cause);
    }
}
