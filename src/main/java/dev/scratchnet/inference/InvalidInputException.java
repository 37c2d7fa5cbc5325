package dev.scratchnet.inference;

import static org.springframework.http.HttpStatus.BAD_REQUEST;

import org.springframework.http.HttpStatus;

import dev.scratchnet.web.InvalidField;
import dev.scratchnet.web.ProblemException;

/** A prediction request whose inputs the model cannot take; the problem names the input and what is allowed. */
class InvalidInputException extends ProblemException {

    InvalidInputException(String detail, InvalidField field) {
        this(BAD_REQUEST, detail, field);
    }

    InvalidInputException(HttpStatus status, String detail, InvalidField field) {
        super(status, field.asProblem(status, detail), null);
    }
}
