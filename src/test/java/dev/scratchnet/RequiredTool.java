package dev.scratchnet;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A program a test drives from outside the JVM (chromium, httpyac): missing, the test is skipped with the reason,
 * except on CI ({@code CI=true}), where .ci/run installs it and its absence must fail the build.
 */
public final class RequiredTool {

    private RequiredTool() {
    }

    /** Skips the test, or fails it on CI, when {@code present} is false. */
    public static void require(boolean present, String reason) {
        if (!present && "true".equals(System.getenv("CI"))) {
            fail(reason + "; CI=true, so .ci/run should have installed it");
        }
        assumeTrue(present, reason);
    }

    /** The executable of that name on the PATH, if any. */
    public static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator))
                .filter(folder -> !folder.isBlank())
                .map(folder -> Path.of(folder, name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
