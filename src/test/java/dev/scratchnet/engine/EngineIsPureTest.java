package dev.scratchnet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The engine is plain Java on ojAlgo: a reader can learn the mathematics without knowing Spring. */
class EngineIsPureTest {

    @Test
    void engineSourcesImportNeitherSpringNorOtherPackagesOfTheService() throws IOException {
        Path engine = Path.of("src/main/java/dev/scratchnet/engine");
        List<Path> sources;
        try (Stream<Path> files = Files.walk(engine)) {
            sources = files.filter(file -> file.toString().endsWith(".java")).toList();
        }

        assertThat(sources).hasSizeGreaterThan(20);
        for (Path source : sources) {
            assertThat(Files.readAllLines(source)).as(source.toString())
                    .noneMatch(line -> line.startsWith("import org.springframework")
                            || line.matches("import dev\\.scratchnet\\.(?!engine).*"));
        }
    }
}
