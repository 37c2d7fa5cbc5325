package dev.scratchnet.inference;

import java.util.List;

import org.springframework.http.HttpStatus;

import dev.scratchnet.web.InvalidField;
import dev.scratchnet.web.ProblemException;

/**
 * An image {@code /predict} will not classify: too large (413), of a type it does not read (415), or not decodable,
 * blank or unusable by the model (422). The problem names the {@code image} field.
 */
class ImageRejectedException extends ProblemException {

    static final String FIELD = "image";

    private ImageRejectedException(HttpStatus status, String detail, Object rejected, List<String> allowed,
            Throwable cause) {
        super(status, new InvalidField(FIELD, rejected, allowed).asProblem(status, detail), cause);
    }

    static ImageRejectedException tooLarge(String detail, Object rejected, String allowed) {
        return new ImageRejectedException(HttpStatus.CONTENT_TOO_LARGE, detail, rejected, List.of(allowed), null);
    }

    static ImageRejectedException unsupported(String detail, Object rejected) {
        return new ImageRejectedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, detail, rejected,
                List.of("image/png", "image/jpeg"), null);
    }

    static ImageRejectedException undecodable(String detail, Throwable cause) {
        return new ImageRejectedException(HttpStatus.UNPROCESSABLE_CONTENT, detail, null, null, cause);
    }
}
