package dev.scratchnet.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The key rule: writes need it, reads and the two computations are open, and nothing else slips through. */
class AccessTest {

    private record Case(String method, String path, Access access) {
    }

    @Test
    void everyRequestGetsTheAccessOfItsKind() {
        List<Case> cases = List.of(
                new Case("GET", "/models", Access.READ),
                new Case("HEAD", "/models/m1-a", Access.READ),
                new Case("GET", "/jobs/j1/events", Access.READ),
                new Case("POST", "/predict", Access.READ),
                new Case("POST", "/models/m1-a/evaluate", Access.READ),
                new Case("POST", "/models/{id}/evaluate", Access.READ),
                new Case("POST", "/models", Access.WRITE),
                new Case("DELETE", "/models/m1-a", Access.WRITE),
                new Case("POST", "/jobs", Access.WRITE),
                new Case("POST", "/jobs/j1/cancel", Access.WRITE),
                new Case("DELETE", "/jobs/j1", Access.WRITE),
                new Case("POST", "/datasets", Access.WRITE),
                new Case("DELETE", "/datasets/iris", Access.WRITE),
                new Case("PUT", "/predict", Access.WRITE),
                new Case("PATCH", "/models/m1-a", Access.WRITE),
                new Case("POST", "/predict/extra", Access.WRITE),
                new Case("POST", "/models//evaluate", Access.WRITE),
                new Case("POST", "/models/a/b/evaluate", Access.WRITE),
                new Case("POST", "/models/evaluate", Access.WRITE),
                new Case("DELETE", "/models/m1-a/evaluate", Access.WRITE),
                new Case("GET", "/actuator/health", Access.PUBLIC),
                new Case("GET", "/actuator/health/readiness", Access.PUBLIC),
                new Case("GET", "/actuator/info", Access.PUBLIC),
                new Case("GET", "/v3/api-docs", Access.PUBLIC),
                new Case("GET", "/swagger-ui/index.html", Access.PUBLIC),
                new Case("GET", "/actuator", Access.OPERATOR),
                new Case("GET", "/actuator/metrics", Access.OPERATOR),
                new Case("GET", "/actuator/prometheus", Access.OPERATOR),
                new Case("GET", "/actuator/healthz", Access.OPERATOR),
                new Case("POST", "/actuator/info", Access.PUBLIC),
                new Case("GET", "/", Access.PUBLIC),
                new Case("GET", "/index.html", Access.PUBLIC),
                new Case("GET", "/dashboard.js", Access.PUBLIC),
                new Case("GET", "/dashboard.css", Access.PUBLIC),
                new Case("POST", "/", Access.WRITE),
                new Case("GET", "/dashboard.json", Access.READ));

        for (Case c : cases) {
            assertThat(Access.of(c.method(), c.path())).as(c.method() + " " + c.path()).isEqualTo(c.access());
        }
        assertThat(cases).hasSizeGreaterThan(20);
    }
}
