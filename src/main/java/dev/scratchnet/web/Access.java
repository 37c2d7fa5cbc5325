package dev.scratchnet.web;

/**
 * Who may make a request when {@code scratchnet.api-key} is set. The rule is fail-closed: anything that is not a
 * read, nor one of the two computations that change nothing ({@code POST /predict} and
 * {@code POST /models/{id}/evaluate}), needs the key.
 */
enum Access {

    /** Health, info and the API documentation: always open, so probes and clients can find their way. */
    PUBLIC,
    /** Reads and the two computations: open unless {@code scratchnet.api-key-for-reads} is true. */
    READ,
    /** Requests that change state: jobs, model uploads and deletes, dataset uploads and deletes. */
    WRITE,
    /** Actuator endpoints beyond health and info (metrics, prometheus): the key, and refused when none is set. */
    OPERATOR;

    /** The access a request needs; {@code path} is the decoded, normalised path (a template works too). */
    static Access of(String method, String path) {
        if (path.startsWith("/actuator")) {
            return isPublicActuator(path) ? PUBLIC : OPERATOR;
        }
        if (path.equals("/swagger-ui.html") || path.startsWith("/swagger-ui/") || path.equals("/v3/api-docs")
                || path.startsWith("/v3/api-docs/")) {
            return PUBLIC;
        }
        return switch (method) {
            case "GET", "HEAD", "OPTIONS" -> READ;
            case "POST" -> path.equals("/predict") || isEvaluation(path) ? READ : WRITE;
            default -> WRITE;
        };
    }

    private static boolean isPublicActuator(String path) {
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/")
                || path.equals("/actuator/info");
    }

    /** {@code /models/{id}/evaluate} with {@code id} a single non-empty segment. */
    private static boolean isEvaluation(String path) {
        String prefix = "/models/";
        String suffix = "/evaluate";
        if (!path.startsWith(prefix) || !path.endsWith(suffix)) {
            return false;
        }
        String id = path.substring(prefix.length(), Math.max(prefix.length(), path.length() - suffix.length()));
        return !id.isEmpty() && id.indexOf('/') < 0;
    }
}
