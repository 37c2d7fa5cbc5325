package dev.scratchnet.job;

import static org.springframework.http.HttpStatus.BAD_REQUEST;
import static org.springframework.http.HttpStatus.CONTENT_TOO_LARGE;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Reads the body of {@code POST /jobs} strictly: unknown fields, a string where a number belongs, 1.5 where an
 * integer belongs or a number out of range are 400s naming the field, where Spring's lenient mapper would guess.
 */
final class JobRequestReader {

    /** A job's JSON is a few hundred bytes; anything near this is not a job. */
    static final int MAX_BYTES = 64 * 1024;

    private static final Map<Class<?>, String> TYPES = Map.of(String.class, "a string", Integer.class,
            "an integer", Long.class, "an integer", Double.class, "a number", Boolean.class, "true or false",
            List.class, "an array", JobConfig.EarlyStopping.class, "an object such as {\"patience\": 3}");
    private static final List<MediaType> JSON = List.of(MediaType.APPLICATION_JSON,
            new MediaType("application", "*+json"));
    private static final Pattern NUMBER = Pattern.compile("\\((-?[0-9.eE+-]+)\\)");

    private final JsonMapper strict;

    /**
     * Spring's mapper, so that what application.yml asks of every body (no unknown field, no repeated field, no
     * trailing text, no scalar coercion) holds here from the one place, plus what only /jobs needs: 1.5 is not an
     * integer, and a number or boolean is not a string.
     */
    JobRequestReader(JsonMapper mapper) {
        this.strict = mapper.rebuild()
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
    }

    /**
     * The request in the body; an empty body or {@code null} asks for every default, whatever its Content-Type
     * (curl's {@code -d ''} sends a form type). A non-empty body must be JSON, else 415.
     */
    JobConfig read(InputStream body, String contentType) throws IOException, HttpMediaTypeNotSupportedException {
        byte[] bytes = body.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new ErrorResponseException(CONTENT_TOO_LARGE, ProblemDetail.forStatusAndDetail(CONTENT_TOO_LARGE,
                    "A job's JSON body may be at most " + MAX_BYTES + " bytes"), null);
        }
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            return empty();
        }
        checkContentType(contentType);
        try {
            JobConfig request = strict.readValue(bytes, JobConfig.class);
            return request == null ? empty() : request;
        } catch (UnrecognizedPropertyException e) {
            throw InvalidJobException.of(path(e), e.getPropertyName(),
                    e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList(),
                    "Unknown field '" + path(e) + "'");
        } catch (MismatchedInputException e) {
            throw mismatch(e);
        } catch (InputCoercionException e) {
            String field = pointerToPath(((JsonParser) e.processor()).streamReadContext().pathAsPointer().toString());
            Matcher number = NUMBER.matcher(e.getOriginalMessage());
            throw InvalidJobException.of(field, number.find() ? number.group(1) : null, List.of("a 32-bit integer"),
                    field + " is out of range");
        } catch (StreamReadException e) {
            if (e.processor() != null && e.getOriginalMessage().startsWith("Duplicate")) {
                String field = pointerToPath(e.processor().streamReadContext().pathAsPointer().toString());
                throw InvalidJobException.of(field, null, List.of("once"), "Duplicate field '" + field + "'");
            }
            throw notJson(e);
        } catch (JacksonException e) {
            throw notJson(e);
        }
    }

    private static ErrorResponseException notJson(JacksonException e) {
        return new ErrorResponseException(BAD_REQUEST, ProblemDetail.forStatusAndDetail(BAD_REQUEST,
                "The body is not valid JSON: " + e.getOriginalMessage()), null);
    }


    /** No Content-Type is taken for JSON; any type other than JSON is not. */
    private static void checkContentType(String contentType) throws HttpMediaTypeNotSupportedException {
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            if (JSON.stream().noneMatch(json -> json.includes(type))) {
                throw new HttpMediaTypeNotSupportedException(type, JSON);
            }
        } catch (InvalidMediaTypeException e) {
            throw new HttpMediaTypeNotSupportedException(e.getMessage());
        }
    }

    private static InvalidJobException mismatch(MismatchedInputException e) {
        String field = path(e);
        if (field.isEmpty()) {
            return new InvalidJobException(List.of(), List.of("The body must be a JSON object of job fields"));
        }
        Class<?> target = e.getTargetType();
        String expected = TYPES.getOrDefault(target, target == null ? "another type" : target.getSimpleName());
        if (target != null && List.class.isAssignableFrom(target)) {
            expected = "an array of integers";
        }
        Object rejected = e instanceof InvalidFormatException invalid ? invalid.getValue() : null;
        return InvalidJobException.of(field, rejected, List.of(expected), field + " must be " + expected);
    }

    private static JobConfig empty() {
        return new JobConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    /** {@code hiddenSizes[1]}, {@code earlyStopping.patience}: the field as the request spells it. */
    private static String path(DatabindException e) {
        StringBuilder path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String pointerToPath(String pointer) {
        StringBuilder path = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.chars().allMatch(Character::isDigit)) {
                path.append('[').append(part).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(part);
            }
        }
        return path.toString();
    }
}
