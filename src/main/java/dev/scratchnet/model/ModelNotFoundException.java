package dev.scratchnet.model;

import static org.springframework.http.HttpStatus.NOT_FOUND;

import org.springframework.http.ProblemDetail;

import dev.scratchnet.web.ProblemException;

/** No model has the id asked for, or no model exists yet; the detail says how to find or make one. */
public class ModelNotFoundException extends ProblemException {

    /** How a client gets a first model, quoted by every "no model yet" answer. */
    public static final String HOW_TO_GET_ONE = "train one with POST /jobs (e.g. {\"dataset\": \"mnist\"}) or "
            + "register an .npz trained elsewhere with POST /models";

    private ModelNotFoundException(String detail) {
        super(NOT_FOUND, ProblemDetail.forStatusAndDetail(NOT_FOUND, detail), null);
    }

    public static ModelNotFoundException byId(String id) {
        return new ModelNotFoundException("No model with id '" + id + "'; GET /models lists them");
    }

    static ModelNotFoundException noneYet() {
        return new ModelNotFoundException("There is no model yet: " + HOW_TO_GET_ONE);
    }
}
