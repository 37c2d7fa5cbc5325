package dev.scratchnet.dataset;

import static org.springframework.http.HttpStatus.NOT_FOUND;

import java.util.Collection;

import org.springframework.http.ProblemDetail;

import dev.scratchnet.web.ProblemException;

/** No dataset has the name asked for; the message lists the names there are. */
class DatasetNotFoundException extends ProblemException {

    DatasetNotFoundException(String name, Collection<String> known) {
        this("No dataset named '" + name + "'; known: " + String.join(", ", known));
    }

    private DatasetNotFoundException(String detail) {
        super(NOT_FOUND, ProblemDetail.forStatusAndDetail(NOT_FOUND, detail), null);
    }

    static DatasetNotFoundException notUploaded(String name, Collection<String> uploaded) {
        return new DatasetNotFoundException("No uploaded dataset named '" + name + "'; uploaded: "
                + (uploaded.isEmpty() ? "none" : String.join(", ", uploaded)));
    }
}
