package dev.scratchnet.job;

import static org.springframework.http.HttpStatus.BAD_REQUEST;

import java.util.List;

import org.springframework.http.ProblemDetail;

import dev.scratchnet.web.InvalidField;
import dev.scratchnet.web.ProblemException;

/** A job request that breaks a rule: 400 naming every field at fault, the value it had and what is allowed. */
class InvalidJobException extends ProblemException {

    InvalidJobException(List<InvalidField> fields, List<String> messages) {
        super(BAD_REQUEST, problem(fields, messages), null);
    }

    static InvalidJobException of(String field, Object rejected, List<String> allowed, String message) {
        return new InvalidJobException(List.of(new InvalidField(field, rejected, allowed)), List.of(message));
    }

    private static ProblemDetail problem(List<InvalidField> fields, List<String> messages) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(BAD_REQUEST, String.join("; ", messages));
        problem.setProperty(InvalidField.PROPERTY, fields);
        return problem;
    }
}
