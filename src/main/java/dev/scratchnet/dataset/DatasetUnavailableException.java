package dev.scratchnet.dataset;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import dev.scratchnet.web.ProblemException;

/**
 * A known dataset that cannot be used now: its files are in none of the places searched (409), or downloading or
 * reading them failed (503). The problem lists where the files were looked for.
 */
class DatasetUnavailableException extends ProblemException {

    DatasetUnavailableException(HttpStatus status, String detail, List<String> searchedPaths, Throwable cause) {
        super(status, problem(status, detail, searchedPaths), cause);
    }

    private static ProblemDetail problem(HttpStatus status, String detail, List<String> searchedPaths) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("searchedPaths", searchedPaths);
        return problem;
    }
}
