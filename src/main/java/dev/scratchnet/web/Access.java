package dev.scratchnet.web;

import java.util.Set;

/**
 * Who may make a request when {@code scratchnet.api-key} is set. The rule is fail-closed: anything that is not a
 * read, nor one of the two computations that change nothing ({@code POST /predict} and
 * {@code POST /models/{id}/evaluate}), needs the key.
 */
enum Access {

    /**
     * Health, info, the API documentation and the dashboard's own files: always open, so probes and clients can find
     * their way. The dashboard holds no data; its API calls carry the key a visitor enters.
     */
    PUBLIC,
    /** Reads and the two computations: open unless {@code scratchnet.api-key-for-reads} is true. */
    READ,
    /** Requests that change state: jobs, model uploads and deletes, dataset uploads and deletes. */
    WRITE,
    /** Actuator endpoints beyond health and info (metrics, prometheus): the key, and refused when none is set. */
    OPERATOR;

    /** The files of src/main/resources/static: a browser cannot send a bearer key when it opens a page. */
    private static final Set<String> DASHBOARD = Set.of("/", "/index.html", "/dashboard.js",
            "/dashboard.css");

    /** The access a request needs; {@code path} is the decoded, normalised path (a template works too). */
    static Access of(String method, String path) {
        if (path.startsWith("/actuator")) {
            return isPublicActuator(path) ? PUBLIC : OPERATOR;
        }
        if (path.equals("/swagger-ui.html") || path.startsWith("/swagger-ui/") || path.equals("/v3/api-docs")
                || path.startsWith("/v3/api-docs/") || isDashboard(method, path)) {
            return PUBLIC;
        }
        return switch (method) {
            case "GET", "HEAD", "OPTIONS" -> READ;
            case "POST" -> path.equals("/predict") || isEvaluation(path) ? READ : WRITE;
            default -> WRITE;
        };
    }

    private static boolean isDashboard(String method, String path) {
        return method.equals("GET") && DASHBOARD.contains(path);
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
