package dev.scratchnet.inference;

import static org.springframework.http.HttpStatus.BAD_REQUEST;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import dev.scratchnet.web.InvalidField;

/** A prediction request whose inputs the model cannot take; the problem names the input and what is allowed. */
class InvalidInputException extends ErrorResponseException {

    InvalidInputException(String detail, InvalidField field) {
        this(BAD_REQUEST, detail, field);
    }

    InvalidInputException(HttpStatus status, String detail, InvalidField field) {
        super(status, problem(status, detail, field), null);
    }

    private static ProblemDetail problem(HttpStatus status, String detail, InvalidField field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty(InvalidField.PROPERTY, List.of(field));
        return problem;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
