package dev.scratchnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every request in http/*.http, run by httpyac against the started service with an API key set, so the files'
 * Authorization headers and their status assertions (error cases included) are checked on every build.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = "scratchnet.api-key=" + HttpRequestFilesTest.API_KEY)
@ServiceHome.Fresh
class HttpRequestFilesTest {

    static final String API_KEY = "http-files-test-key";

    private static final Path HTTP_FILES = Path.of("http");
    private static final List<String> AREAS = List.of("datasets", "jobs", "models", "operations", "predict");
    private static final long TIMEOUT_MINUTES = 5;
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) requests? processed \\(([^)]*)\\)");

    @LocalServerPort
    int port;

    @Test
    void everyExampleRequestAnswersTheStatusItsFileExpects() throws IOException, InterruptedException {
        Optional<Path> httpyac = RequiredTool.onPath("httpyac");
        RequiredTool.require(httpyac.isPresent(), "needs httpyac on the PATH (npm install -g httpyac@6.16.7)");
        List<Path> files = requestFiles();
        assertThat(files).extracting(file -> file.getFileName().toString())
                .containsExactlyElementsOf(AREAS.stream().map(area -> area + ".http").toList());

        List<String> command = new ArrayList<>(List.of(httpyac.get().toString(), "send"));
        files.forEach(file -> command.add(file.toString()));
        command.addAll(List.of("--all", "--no-color", "--output", "short", "--output-failed", "exchange",
                "--var", "host=http://127.0.0.1:" + port, "apiKey=" + API_KEY));
        Path log = Files.createDirectories(Path.of("target", "httpyac")).resolve("send.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);

        assertThat(finished).as("httpyac finished within %d minutes; output in %s", TIMEOUT_MINUTES, log).isTrue();
        assertThat(process.exitValue()).as("httpyac's exit code; its output:%n%s", output).isZero();
        Matcher summary = SUMMARY.matcher(output);
        assertThat(summary.find()).as("httpyac's summary line in:%n%s", output).isTrue();
        int processed = Integer.parseInt(summary.group(1));
        assertThat(summary.group(2)).as("httpyac's summary").isEqualTo(processed + " succeeded");
        // A file that parsed to nothing would also exit 0: each area has several requests.
        assertThat(processed).isGreaterThanOrEqualTo(5 * AREAS.size());
    }

    private static List<Path> requestFiles() throws IOException {
        try (Stream<Path> files = Files.list(HTTP_FILES)) {
            return files.filter(file -> file.toString().endsWith(".http")).sorted().toList();
        }
    }
}
