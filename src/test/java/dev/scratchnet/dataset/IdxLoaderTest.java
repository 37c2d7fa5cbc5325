package dev.scratchnet.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.scratchnet.dataset.Dataset.Source;
import dev.scratchnet.storage.ScratchnetProperties.IdxFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading both splits of an IDX dataset, the training split on a second thread. */
class IdxLoaderTest {

    @TempDir
    Path folder;

    @Test
    void failedTestSplitWaitsForTheTrainingReaderBeforeThrowing() throws IOException {
        IdxBytes.writeDataset(folder, 6, 2);
        IdxFiles files = new IdxFiles(null, null, null, null);
        Files.delete(folder.resolve(files.testLabels().name()));
        CountDownLatch testFailing = new CountDownLatch(1);
        AtomicBoolean trainClosed = new AtomicBoolean();
        IdxLoader.Location location = file -> {
            if (file.equals(files.testLabels())) {
                testFailing.countDown();
            }
            InputStream in = Files.newInputStream(folder.resolve(file.name()));
            if (!file.equals(files.trainLabels())) {
                return in;
            }
            // Still reading the training split when the test split has already failed.
            awaitQuietly(testFailing);
            return new FilterInputStream(in) {
                @Override
                public void close() throws IOException {
                    super.close();
                    trainClosed.set(true);
                }
            };
        };

        assertThatThrownBy(() -> IdxLoader.load("half", Source.DIRECTORY, files, location, List.of("0", "1"), false))
                .isInstanceOf(NoSuchFileException.class);
        assertThat(trainClosed).isTrue();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
            // Gives a loader that did not wait time to return first, so the test sees the leak.
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
