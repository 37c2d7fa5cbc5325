package dev.scratchnet.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** One entry of a problem's {@code errors}: the request field at fault, the value it had, and what is allowed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A request field at fault", example = """
        {"field":"name","rejected":"../x","allowed":["[a-z0-9][a-z0-9_-]{0,63}"]}""")
public record InvalidField(String field, Object rejected, List<String> allowed) {

    /** The property name under which a problem detail carries its invalid fields. */
    public static final String PROPERTY = "errors";

    public InvalidField {
        allowed = allowed == null ? null : List.copyOf(allowed);
    }

    public static InvalidField of(String field) {
        return new InvalidField(field, null, null);
    }

    public static InvalidField of(String field, Object rejected) {
        return new InvalidField(field, rejected, null);
    }

    /** A problem detail with this field as its only entry of {@code errors}. */
    public ProblemDetail asProblem(HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty(PROPERTY, List.of(this));
        return problem;
    }
}
