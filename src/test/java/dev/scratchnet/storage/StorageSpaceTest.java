package dev.scratchnet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/** How a full disk is recognised and refused: a real ENOSPC, the free-space floor, and the upload quotas. */
class StorageSpaceTest {

    private static final Path DEV_FULL = Path.of("/dev/full");

    @TempDir
    Path home;

    @Test
    void realNoSpaceFromDevFullIsStorageFull() {
        assumeTrue(Files.isWritable(DEV_FULL), "needs /dev/full (Linux), which answers every write with ENOSPC");
        IOException failure = null;
        try (OutputStream out = Files.newOutputStream(DEV_FULL)) {
            out.write(new byte[4096]);
            out.flush();
        } catch (IOException e) {
            failure = e;
        }
        assertThat(failure).as("a write to /dev/full").isNotNull();

        assertThat(StorageSpace.isNoSpace(failure)).as(failure.toString()).isTrue();
        assertThat(StorageSpace.isNoSpace(new UncheckedIOException("wrapped", failure))).isTrue();
        RuntimeException mapped = StorageSpace.fullOr(failure, new IllegalStateException("not this"));
        assertThat(mapped).isInstanceOf(StorageFullException.class);
        StorageFullException full = (StorageFullException) mapped;
        assertThat(full.getStatusCode()).isEqualTo(HttpStatus.INSUFFICIENT_STORAGE);
        assertThat(full.getBody().getDetail()).startsWith("The server's storage is full").doesNotContain("/dev")
                .doesNotContain("Exception");
    }

    @Test
    void otherWriteFailuresAreNotStorageFull() {
        AccessDeniedException denied = new AccessDeniedException(home.toString());
        IllegalStateException otherwise = new IllegalStateException("kept");

        assertThat(StorageSpace.isNoSpace(denied)).isFalse();
        assertThat(StorageSpace.fullOr(denied, otherwise)).isSameAs(otherwise);
    }

    @Test
    void writeBelowTheFloorIsRefusedWithoutNamingPaths() {
        StorageSpace space = space(DataSize.ofTerabytes(1_000_000));

        assertThatThrownBy(() -> space.require(1024)).isInstanceOfSatisfying(StorageFullException.class, full -> {
            assertThat(full.getBody().getDetail()).contains("this needs about 1.0 KB")
                    .contains("976.6 PB must stay free (scratchnet.storage.min-free-space)")
                    .doesNotContain(home.toString());
            assertThat(full.getBody().getProperties()).containsEntry("minFreeBytes", 1_000_000L << 40);
        });
    }

    @Test
    void writeAboveTheFloorIsAllowedEvenBeforeTheHomeExists() {
        space(DataSize.ofBytes(0)).require(1);
        new StorageSpace(home.resolve("not/yet"), new ScratchnetProperties.Storage(DataSize.ofBytes(0)),
                ScratchnetProperties.Limits.DEFAULT).require(1);
    }

    @Test
    void quotaRefusesPastItsLimitAndReleasedBytesMakeRoom() {
        StorageQuota quota = new StorageQuota("Uploaded datasets", "scratchnet.limits.stored-datasets", 1000);
        quota.count(600);

        assertThatThrownBy(() -> quota.reserve(401)).isInstanceOfSatisfying(StorageFullException.class, full -> {
            assertThat(full.getStatusCode()).isEqualTo(HttpStatus.INSUFFICIENT_STORAGE);
            assertThat(full.getBody().getDetail()).isEqualTo("Uploaded datasets may take 1000 bytes together "
                    + "(scratchnet.limits.stored-datasets); 600 bytes is in use and this upload needs 401 bytes "
                    + "more. Delete some first");
            assertThat(full.getBody().getProperties()).containsEntry("quotaBytes", 1000L)
                    .containsEntry("usedBytes", 600L);
        });
        quota.reserve(400);
        assertThat(quota.used()).isEqualTo(1000);
        quota.release(500);
        quota.reserve(500);
        assertThat(quota.used()).isEqualTo(1000);
    }

    private StorageSpace space(DataSize minFreeSpace) {
        return new StorageSpace(home, new ScratchnetProperties.Storage(minFreeSpace),
                ScratchnetProperties.Limits.DEFAULT);
    }
}
