package dev.scratchnet.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.scratchnet.ScratchnetApplication;

/**
 * Started without a key, the service says so at WARN: whoever reads the start-up log learns that anyone who can
 * reach the port may change its state. The application is started inside the test, so that its start-up is
 * captured rather than shared with, or hidden by, a cached test context.
 */
@ExtendWith(OutputCaptureExtension.class)
class MissingApiKeyWarningTest {

    @TempDir
    Path home;

    @Test
    void startingWithoutAKeyWarns(CapturedOutput output) {
        int before = output.getAll().length();
        try (ConfigurableApplicationContext context = start("")) {
            assertThat(output.getAll().substring(before)).contains("Started")
                    .containsPattern("WARN .*No API key is set");
        }
    }

    @Test
    void startingWithAKeyDoesNotWarn(CapturedOutput output) {
        int before = output.getAll().length();
        try (ConfigurableApplicationContext context = start("warning-key-5e17")) {
            assertThat(output.getAll().substring(before)).contains("Started").doesNotContain("No API key is set")
                    .doesNotContain("warning-key-5e17");
        }
    }

    /** Arguments, not default properties: application.yml's empty {@code api-key} would win over the latter. */
    private ConfigurableApplicationContext start(String key) {
        return new SpringApplicationBuilder(ScratchnetApplication.class)
                .run("--server.port=0", "--scratchnet.home=" + home, "--scratchnet.api-key=" + key);
    }
}
