package dev.scratchnet.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import dev.scratchnet.storage.ScratchnetProperties;

/**
 * Asks for {@code Authorization: Bearer <scratchnet.api-key>} where {@link Access} says so, comparing in constant
 * time. It runs before Spring MVC, so its 401 and 403 are written here as problem+json: Boot's {@code /error} would
 * answer in its older error format (spring-boot#33885).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiKeyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyFilter.class);
    private static final String BEARER = "Bearer ";

    /** The problem body; the filter runs outside MVC, so it has no ProblemDetail converter to hand. */
    record Problem(String type, String title, int status, String detail, String instance) {
    }

    private final byte[] keyDigest;
    private final boolean keyForReads;

    public ApiKeyFilter(ScratchnetProperties properties) {
        this.keyDigest = properties.apiKey() == null ? null : sha256(properties.apiKey());
        this.keyForReads = properties.apiKeyForReads();
        if (keyDigest == null && keyForReads) {
            throw new IllegalStateException("scratchnet.api-key-for-reads is true but no scratchnet.api-key "
                    + "(SCRATCHNET_API_KEY) is set: set one, or set api-key-for-reads to false");
        }
        if (keyDigest == null) {
            log.warn("No API key is set (scratchnet.api-key, environment variable SCRATCHNET_API_KEY): anyone who "
                    + "can reach this service may start jobs and upload or delete models and datasets; metrics and "
                    + "prometheus stay closed until a key is set");
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Access access = Access.of(request.getMethod(), path(request));
        boolean open = access == Access.PUBLIC || access == Access.READ && !keyForReads
                || access == Access.WRITE && keyDigest == null;
        if (open) {
            chain.doFilter(request, response);
        } else if (keyDigest == null) {
            refuse(request, response, HttpStatus.FORBIDDEN, "This endpoint is only served with an API key: set "
                    + "scratchnet.api-key (SCRATCHNET_API_KEY) and send Authorization: Bearer <key>");
        } else if (presentsKey(request.getHeader(HttpHeaders.AUTHORIZATION))) {
            chain.doFilter(request, response);
        } else {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, request.getHeader(HttpHeaders.AUTHORIZATION) == null
                    ? "Bearer realm=\"scratchnet\"" : "Bearer realm=\"scratchnet\", error=\"invalid_token\"");
            refuse(request, response, HttpStatus.UNAUTHORIZED, access == Access.WRITE
                    ? "This request changes state and needs Authorization: Bearer <scratchnet.api-key>"
                    : "This service needs Authorization: Bearer <scratchnet.api-key> for every request");
        }
    }

    /** The path as routed: decoded, with {@code ..} and {@code ;parameters} already removed by the container. */
    private static String path(HttpServletRequest request) {
        String path = request.getServletPath();
        if (request.getPathInfo() != null) {
            path += request.getPathInfo();
        }
        return path.isEmpty() ? "/" : path;
    }

    private boolean presentsKey(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        // Digests of equal length make the comparison's time independent of the key's length as well.
        return MessageDigest.isEqual(keyDigest, sha256(authorization.substring(BEARER.length()).trim()));
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
            String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(JsonMapper.shared().writeValueAsBytes(new Problem("about:blank",
                status.getReasonPhrase(), status.value(), detail, request.getRequestURI())));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
