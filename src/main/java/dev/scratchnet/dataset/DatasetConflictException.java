package dev.scratchnet.dataset;

import static org.springframework.http.HttpStatus.CONFLICT;

import java.util.List;

import dev.scratchnet.web.InvalidField;
import org.springframework.http.ProblemDetail;

import dev.scratchnet.web.ProblemException;

/** A name already taken by another dataset, or a dataset that cannot be deleted because it is not an upload. */
class DatasetConflictException extends ProblemException {

    DatasetConflictException(String name, String detail) {
        super(CONFLICT, problem(name, detail), null);
    }

    private static ProblemDetail problem(String name, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(CONFLICT, detail);
        problem.setProperty(InvalidField.PROPERTY, List.of(InvalidField.of("name", name)));
        return problem;
    }
}
