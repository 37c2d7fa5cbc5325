package dev.scratchnet.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.scratchnet.dataset.UploadReader.Format;
import dev.scratchnet.dataset.UploadReader.Manifest;
import dev.scratchnet.storage.ScratchnetHome;
import dev.scratchnet.storage.ScratchnetProperties;
import dev.scratchnet.storage.ScratchnetProperties.Datasets;
import dev.scratchnet.storage.ScratchnetProperties.Download;
import dev.scratchnet.storage.ScratchnetProperties.Upload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** Uploaded datasets as stored on disk and held in memory, which must agree. */
class UploadedDatasetsTest {

    @TempDir
    Path home;

    @Test
    void deleteThatCannotRenameKeepsTheDatasetListed() throws Exception {
        Path stored = Files.createDirectories(home.resolve("datasets/uploaded/pairs"));
        Files.writeString(stored.resolve(UploadReader.CSV), "x,y\n1,0\n2,1\n3,0\n4,1\n");
        Files.writeString(stored.resolve(UploadReader.MANIFEST),
                JsonMapper.shared().writeValueAsString(new Manifest(Format.CSV, "y", 0.25, 0)));
        UploadedDatasets uploaded = new UploadedDatasets(properties(), new ScratchnetHome(home));
        assertThat(uploaded.find("pairs")).isPresent();
        Path folder = stored.getParent();
        try {
            assumeTrue(freeze(folder), "needs a folder that can be made unrenamable (chmod, or chattr +i as root)");

            assertThatThrownBy(() -> uploaded.delete("pairs")).isInstanceOf(IOException.class);
            assertThat(stored).exists();
            assertThat(uploaded.find("pairs")).isPresent();
        } finally {
            thaw(folder);
        }
    }

    private ScratchnetProperties properties() {
        return new ScratchnetProperties(home, new Datasets(List.of(home.resolve("datasets")),
                new Upload(DataSize.ofMegabytes(1), 1000, 100),
                new Download(Duration.ofSeconds(2), Duration.ofSeconds(2), DataSize.ofMegabytes(1), 5, List.of()),
                Map.of()));
    }

    /** Stops entries of {@code folder} from being renamed; root ignores permissions, so it needs chattr. */
    private static boolean freeze(Path folder) throws IOException, InterruptedException {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (!acceptsChanges(folder)) {
            return true;
        }
        chattr("+i", folder);
        return !acceptsChanges(folder);
    }

    private static void thaw(Path folder) throws IOException, InterruptedException {
        chattr("-i", folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static boolean acceptsChanges(Path folder) throws IOException {
        Path probe = folder.resolve(".probe");
        try {
            Files.createDirectory(probe);
        } catch (IOException e) {
            return false;
        }
        Files.delete(probe);
        return true;
    }

    private static void chattr(String flag, Path folder) throws InterruptedException {
        try {
            new ProcessBuilder("chattr", flag, folder.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            // No chattr here: freeze then reports that the folder stayed writable.
        }
    }
}
