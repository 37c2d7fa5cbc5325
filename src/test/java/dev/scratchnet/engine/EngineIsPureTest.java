package dev.scratchnet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The engine is plain Java on ojAlgo: a reader can learn the mathematics without knowing Spring. The one other
 * import is the JDK's vector API, in the one class that the engine loads only when the JVM has that module.
 */
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
            String allowed = source.endsWith("VectorizedKernels.java")
                    ? "import (static )?(java|org\\.ojalgo|dev\\.scratchnet\\.engine|jdk\\.incubator\\.vector)\\..*"
                    : "import (static )?(java|org\\.ojalgo|dev\\.scratchnet\\.engine)\\..*";
            assertThat(Files.readAllLines(source)).as(source.toString())
                    .filteredOn(line -> line.startsWith("import "))
                    .allMatch(line -> line.matches(allowed));
        }
    }
}
