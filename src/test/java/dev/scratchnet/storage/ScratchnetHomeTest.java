package dev.scratchnet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files are written completely or not at all, and folders only appear when written to. */
class ScratchnetHomeTest {

    @TempDir
    Path root;

    @Test
    void writesTheWholeContentAndCreatesFolders() throws IOException {
        Path target = root.resolve("a/b/file.txt");

        ScratchnetHome.writeAtomically(target, out -> out.write("complete".getBytes(StandardCharsets.UTF_8)));

        assertThat(target).hasContent("complete");
        assertThat(names(target.getParent())).containsExactly("file.txt");
    }

    @Test
    void failedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = root.resolve("file.txt");
        Files.writeString(target, "old");

        assertThatThrownBy(() -> ScratchnetHome.writeAtomically(target, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).hasMessage("disk full");

        assertThat(target).hasContent("old");
        assertThat(names(root)).containsExactly("file.txt");
    }

    @Test
    void writerThatClosesItsStreamStillGetsItsContentSynced() throws IOException {
        Path target = root.resolve("closed.txt");

        ScratchnetHome.writeAtomically(target, out -> {
            out.write("x".getBytes(StandardCharsets.UTF_8));
            out.close();
        });

        assertThat(target).hasContent("x");
    }

    @Test
    void startUpCleanupDeletesOnlyTheTemporaryFilesOfInterruptedWrites() throws IOException {
        Files.writeString(root.resolve("job.json"), "old");
        Files.writeString(root.resolve(".job.json-123.tmp"), "half");
        Files.writeString(root.resolve("notes.tmp"), "a user's");
        Files.createDirectories(root.resolve(".staging-m1/inner"));

        assertThat(ScratchnetHome.deleteTemporaryFiles(root)).containsExactly(".job.json-123.tmp");

        assertThat(names(root)).containsExactlyInAnyOrder("job.json", "notes.tmp", ".staging-m1");
    }

    @Test
    void crashSwitchIsOffUnlessItsPropertyIsSetAndNamesWriteAndStep() throws IOException {
        assertThat(System.getProperty("scratchnet.crash-at")).isNull();
        assertThat(CrashSwitch.setting(CrashSwitch.Write.CHECKPOINT, CrashSwitch.Step.BEFORE_ANSWER))
                .isEqualTo("checkpoint:before-answer");

        ScratchnetHome.writeAtomically(root.resolve("model.json"), CrashSwitch.Write.MODEL,
                out -> out.write('x'));

        assertThat(root.resolve("model.json")).hasContent("x");
    }

    @Test
    void foldersLiveUnderHomeAndAreNotCreatedByReading() {
        ScratchnetHome home = new ScratchnetHome(root.resolve("home"));

        assertThat(home.uploadedDatasets()).isEqualTo(root.resolve("home/datasets/uploaded"));
        assertThat(home.downloadedDatasets()).isEqualTo(root.resolve("home/datasets/downloaded"));
        assertThat(root.resolve("home")).doesNotExist();
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> paths = Files.list(folder)) {
            return paths.map(path -> path.getFileName().toString()).toList();
        }
    }

    @Test
    void createsMissingFoldersAndToleratesExistingOnes() throws IOException {
        Path deep = root.resolve("a/b/c");

        ScratchnetHome.createDirectories(deep);
        ScratchnetHome.createDirectories(deep);

        assertThat(deep).isDirectory();
        Files.writeString(root.resolve("file"), "x");
        assertThatThrownBy(() -> ScratchnetHome.createDirectories(root.resolve("file")))
                .isInstanceOf(IOException.class);
    }
}
