package dev.scratchnet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged service started as the container starts it ({@link ImageRecipe}), in its own OS process, with a
 * small JSON client for its API.
 */
final class ServiceProcess implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path log;
    private final List<String> healthcheck;
    private final Map<String, String> environment;
    private final String apiKey;
    private final URI base;

    private ServiceProcess(Process process, Path log, List<String> healthcheck, Map<String, String> environment,
            String apiKey, int port) {
        this.process = process;
        this.log = log;
        this.healthcheck = healthcheck;
        this.environment = environment;
        this.apiKey = apiKey;
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    /**
     * Starts the image's entry point in {@code app} with the image's environment, where {@code overrides} (home,
     * port, key) win as {@code docker run -e} would; variables of the test's own environment that configure
     * scratchnet or Spring are left out.
     */
    static ServiceProcess start(ImageRecipe image, Path app, Map<String, String> overrides, String apiKey, int port,
            Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(image.command()).directory(app.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("SCRATCHNET_") || name.startsWith("SPRING_")
                || name.startsWith("SERVER_") || name.startsWith("JAVA_TOOL_OPTIONS") || name.equals("JDK_JAVA_OPTIONS"));
        environment.putAll(image.environment());
        environment.putAll(overrides);
        return new ServiceProcess(builder.start(), log, image.healthcheck(app), Map.copyOf(environment), apiKey, port);
    }

    /** Runs the image's HEALTHCHECK until it passes; fails early if the process dies. */
    void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the service exited with " + process.exitValue() + "; log:\n" + logTail());
            }
            ProcessBuilder check = new ProcessBuilder(healthcheck).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            check.environment().putAll(environment);
            Process probe = check.start();
            if (probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                return;
            }
            probe.destroyForcibly();
            Thread.sleep(250);
        }
        throw new AssertionError("the HEALTHCHECK did not pass within " + timeout + "; log:\n" + logTail());
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return send(request(path).GET(), 200);
    }

    JsonNode post(String path, Object body, int expectedStatus) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), expectedStatus);
    }

    JsonNode post(String path, byte[] body, String contentType) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), 200);
    }

    /** SIGKILL on Linux: no shutdown hook, no flush, as when the machine loses power or the OOM killer strikes. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as {@code docker stop} sends; returns the exit code, or -1 if it had not stopped after 60 s. */
    int stop() throws InterruptedException {
        process.destroy();
        return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + apiKey).header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest.Builder request, int expectedStatus) throws IOException, InterruptedException {
        HttpRequest built = request.build();
        HttpResponse<String> response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError(built.method() + " " + built.uri() + " answered " + response.statusCode()
                    + ", expected " + expectedStatus + ": " + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }
}
