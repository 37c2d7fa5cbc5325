package dev.scratchnet.dataset;

import org.springframework.http.HttpStatus;

import dev.scratchnet.web.InvalidField;
import dev.scratchnet.web.ProblemException;

/**
 * An upload refused with the field at fault: a form that does not fit together (400), content over a limit (413)
 * or content that is not a valid dataset (422, with the row and column when the fault has them).
 */
class UploadRejectedException extends ProblemException {

    private UploadRejectedException(HttpStatus status, String detail, InvalidField field, Throwable cause) {
        super(status, field.asProblem(status, detail), cause);
    }

    static UploadRejectedException badRequest(String detail, InvalidField field) {
        return new UploadRejectedException(HttpStatus.BAD_REQUEST, detail, field, null);
    }

    static UploadRejectedException tooLarge(String detail, InvalidField field) {
        return new UploadRejectedException(HttpStatus.CONTENT_TOO_LARGE, detail, field, null);
    }

    static UploadRejectedException malformed(String detail, InvalidField field) {
        return malformed(detail, field, null);
    }

    static UploadRejectedException malformed(String detail, InvalidField field, Throwable cause) {
        return new UploadRejectedException(HttpStatus.UNPROCESSABLE_CONTENT, detail, field, cause);
    }

    /** A fault at a CSV cell: rows count from 1 at the header, columns are named by their header. */
    static UploadRejectedException malformedCell(String detail, String field, int row, String column,
            Object rejected) {
        UploadRejectedException rejection = malformed(detail, InvalidField.of(field, rejected));
        rejection.getBody().setProperty("row", row);
        if (column != null) {
            rejection.getBody().setProperty("column", column);
        }
        return rejection;
    }
}
