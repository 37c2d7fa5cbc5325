package dev.scratchnet.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns an unreadable JSON body into a 400 problem that names the field at fault as the client wrote it
 * ({@code inputs[3][5]}): an unknown field with the known ones, a value of the wrong type, or malformed JSON with
 * its line and column. Jackson's own messages name Java types and its features, so they are not passed on.
 */
final class JsonProblems {

    /** The parser reports a repeated field only in its message (StreamReadFeature.STRICT_DUPLICATE_DETECTION). */
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate Object property \"(.*)\"");

    private JsonProblems() {
    }

    static ProblemDetail of(HttpMessageNotReadableException ex) {
        JacksonException jackson = find(ex);
        if (jackson == null) {
            return problem("The request body is missing or unreadable; send a JSON object", null);
        }
        String field = field(jackson);
        if (jackson instanceof UnrecognizedPropertyException unknown) {
            List<String> known = unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            return problem("Unknown field '" + field + "'; known fields: " + String.join(", ", known),
                    new InvalidField(field, null, known));
        }
        if (jackson instanceof MismatchedInputException mismatch) {
            String expected = expected(targetType(mismatch));
            return problem((field.isEmpty() ? "The body" : field) + " has the wrong type" + at(jackson)
                    + (expected == null ? "" : ": expected " + expected),
                    new InvalidField(field.isEmpty() ? "body" : field, null, expected == null ? null
                            : List.of(expected)));
        }
        if (jackson instanceof StreamReadException) {
            String message = jackson.getOriginalMessage();
            Matcher duplicate = message == null ? null : DUPLICATE.matcher(message);
            if (duplicate != null && duplicate.find()) {
                String name = (field.isEmpty() ? "" : field + ".") + duplicate.group(1);
                return problem("The field '" + name + "' appears twice" + at(jackson) + "; send it once",
                        InvalidField.of(name));
            }
            String reason = message != null && message.contains("Non-standard token")
                    ? "NaN and Infinity are not JSON numbers; send finite numbers"
                    : "malformed JSON (" + firstLine(message) + ")";
            return problem("The body is not valid JSON" + at(jackson) + ": " + reason,
                    field.isEmpty() ? null : InvalidField.of(field));
        }
        return problem("The JSON body could not be read" + at(jackson), field.isEmpty() ? null : InvalidField.of(field));
    }

    private static JacksonException find(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson) {
                return jackson;
            }
        }
        return null;
    }

    /** The JSON path of the fault: {@code inputs[3][5]}, {@code earlyStopping.patience}, or empty at the top. */
    static String field(JacksonException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Jackson names the array when one of its elements is wrong; the client needs the element's type. */
    private static Class<?> targetType(MismatchedInputException ex) {
        Class<?> type = ex.getTargetType();
        List<JacksonException.Reference> path = ex.getPath();
        boolean atElement = !path.isEmpty() && path.get(path.size() - 1).getPropertyName() == null;
        return type != null && type.isArray() && atElement ? type.getComponentType() : type;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (type.isArray() || List.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static String at(JacksonException ex) {
        TokenStreamLocation location = ex.getLocation();
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Jackson's first line, without the source description it appends in parentheses. */
    private static String firstLine(String message) {
        if (message == null) {
            return "unexpected input";
        }
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        int marker = line.indexOf(" (start marker at");
        return marker < 0 ? line : line.substring(0, marker);
    }

    private static ProblemDetail problem(String detail, InvalidField field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        List<InvalidField> fields = new ArrayList<>();
        if (field != null) {
            fields.add(field);
        }
        problem.setProperty(InvalidField.PROPERTY, fields);
        return problem;
    }
}
