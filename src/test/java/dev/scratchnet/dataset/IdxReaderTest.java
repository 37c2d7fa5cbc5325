package dev.scratchnet.dataset;

import static dev.scratchnet.dataset.IdxBytes.file;
import static dev.scratchnet.dataset.IdxBytes.gzip;
import static dev.scratchnet.dataset.IdxBytes.images;
import static dev.scratchnet.dataset.IdxBytes.labels;
import static dev.scratchnet.dataset.IdxBytes.plus;
import static dev.scratchnet.dataset.IdxBytes.withoutLast;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.management.ThreadMXBean;

import dev.scratchnet.storage.ScratchnetProperties.IdxFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every fault of the IDX format, in files the test writes raw and gzip-compressed. */
class IdxReaderTest {

    @TempDir
    Path folder;

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void readsImagesRowMajorAsBytes(boolean gzipped) throws IOException {
        IdxImages read = readImages("images", images(3, 2, 2), gzipped);

        assertThat(read.count()).isEqualTo(3);
        assertThat(read.rows()).isEqualTo(2);
        assertThat(read.columns()).isEqualTo(2);
        assertThat(read.pixels()).containsExactly(0, 1, 2, 3, 1, 2, 3, 4, 2, 3, 4, 5);
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void readsLabels(boolean gzipped) throws IOException {
        assertThat(readLabels("labels", labels(5, 0, 4, 1, 9), gzipped, 10)).containsExactly(5, 0, 4, 1, 9);
    }

    @Test
    void detectsGzipByItsMagicBytesNotByName() throws IOException {
        Path misnamed = folder.resolve("labels.raw");
        Files.write(misnamed, gzip(labels(7, 2)));

        try (InputStream in = Files.newInputStream(misnamed)) {
            assertThat(IdxReader.readLabels("labels.raw", in, 10)).containsExactly(7, 2);
        }
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void refusesBadMagicNumber(boolean gzipped) {
        byte[] bytes = file(0x12340803, new int[] {1, 1, 1}, new byte[1]);

        assertThatThrownBy(() -> readImages("bad-magic", bytes, gzipped))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage("bad-magic: magic number 0x12340803 is not IDX (images start with 0x00000803)");
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void refusesTypeOtherThanUnsignedByte(boolean gzipped) {
        byte[] floats = file(0x00000D03, new int[] {1, 1, 1}, new byte[4]);

        assertThatThrownBy(() -> readImages("floats", floats, gzipped))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageStartingWith("floats: data type 0x0D is not unsigned byte (0x08)");
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void refusesWrongDimensionCount(boolean gzipped) {
        assertThatThrownBy(() -> readImages("train-labels-idx1-ubyte", labels(1, 2), gzipped))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageStartingWith("train-labels-idx1-ubyte: has 1 dimensions but images have 3");
        assertThatThrownBy(() -> readLabels("images-as-labels", images(1, 2, 2), gzipped, 10))
                .hasMessageStartingWith("images-as-labels: has 3 dimensions but labels have 1");
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void refusesShortPayload(boolean gzipped) {
        assertThatThrownBy(() -> readImages("short", withoutLast(images(2, 3, 3), 5), gzipped))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage("short: payload is 13 bytes but the header (2×3×3) promises 18");
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void refusesTrailingBytes(boolean gzipped) {
        assertThatThrownBy(() -> readLabels("long", plus(labels(1, 2, 3), 4), gzipped, 10))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage("long: has bytes after the 3-byte payload that the header (3) promises");
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void refusesLabelOutOfRange(boolean gzipped) {
        byte[] bytes = labels(0, 1, 2, 3, 4, 5, 6, 12, 8);

        assertThatThrownBy(() -> readLabels("train-labels-idx1-ubyte.gz", bytes, gzipped, 10))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage("train-labels-idx1-ubyte.gz: label 12 at index 7 is outside 0..9");
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void refusesHeaderCutShort(boolean gzipped) {
        assertThatThrownBy(() -> readImages("stub", new byte[] {0, 0, 8}, gzipped))
                .hasMessage("stub: is 3 bytes long, too short for an IDX header");
        assertThatThrownBy(() -> readImages("half-header", withoutLast(images(1, 1, 1), 6), gzipped))
                .hasMessage("half-header: header ends after 7 of the 12 bytes that give its dimensions");
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void refusesZeroOrNegativeDimension(boolean gzipped) {
        assertThatThrownBy(() -> readImages("empty", file(IdxReader.IMAGES_MAGIC, new int[] {0, 28, 28},
                new byte[0]), gzipped))
                .hasMessage("empty: dimension 1 is 0, expected a positive size");
    }

    @Test
    void refusesHeaderPromisingMoreThanOneArray() {
        byte[] huge = file(IdxReader.IMAGES_MAGIC, new int[] {100_000, 1000, 1000}, new byte[0]);

        assertThatThrownBy(() -> readImages("huge", huge, false)).hasMessageStartingWith("huge: header promises more");
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void headerPromisingTwoGigabytesCostsOnlyTheBytesSent(boolean gzipped) {
        byte[] liar = file(IdxReader.LABELS_MAGIC, new int[] {2_000_000_000}, new byte[10]);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        assertThatThrownBy(() -> readLabels("liar", liar, gzipped, 10))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage("liar: payload is 10 bytes but the header (2000000000) promises 2000000000");
        assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(64L << 20);
    }

    @Test
    void streamIsClosedWhenItFailsBeforeTheHeader() {
        AtomicInteger closes = new AtomicInteger();
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }

            @Override
            public void close() {
                closes.incrementAndGet();
            }
        };
        IdxLoader.Location location = file -> failing;

        assertThatThrownBy(() -> IdxLoader.header(new IdxFile("images", null), location, true))
                .hasMessage("disk gone");
        assertThat(closes).hasPositiveValue();
        closes.set(0);
        assertThatThrownBy(() -> IdxReader.readLabels("labels", failing, 10)).hasMessage("disk gone");
        assertThat(closes).hasValue(1);
    }

    @Test
    void refusesTruncatedGzip() {
        byte[] whole = gzip(images(5, 28, 28));
        byte[] truncated = withoutLast(whole, whole.length / 2);

        assertThatThrownBy(() -> readImages("cut.gz", truncated, false))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageStartingWith("cut.gz: truncated or corrupt gzip data");
    }

    @Test
    void refusesGzipMissingItsTrailer() {
        byte[] whole = gzip(labels(1, 2, 3));

        assertThatThrownBy(() -> readLabels("no-trailer.gz", withoutLast(whole, 4), false, 10))
                .hasMessageStartingWith("no-trailer.gz: truncated or corrupt gzip data");
    }

    @Test
    void refusesImagesAndLabelsThatDisagreeInCount() throws IOException {
        Files.write(folder.resolve("images"), images(3, 2, 2));
        Files.write(folder.resolve("labels"), gzip(labels(1, 2)));
        IdxLoader.Location location = file -> Files.newInputStream(folder.resolve(file.name()));

        assertThatThrownBy(() -> IdxLoader.readPair(new IdxFile("images", null), new IdxFile("labels", null),
                location, 10, false))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage("images: has 3 images but labels has 2 labels");
    }

    @Test
    void readsHeaderAloneForListings() throws IOException {
        try (InputStream in = new ByteArrayInputStream(gzip(images(7, 4, 3)))) {
            IdxHeader header = IdxReader.readHeader("h", in, true);

            assertThat(header.count()).isEqualTo(7);
            assertThat(header.itemSize()).isEqualTo(12);
        }
    }

    private IdxImages readImages(String name, byte[] bytes, boolean gzipped) throws IOException {
        try (InputStream in = write(name, bytes, gzipped)) {
            return IdxReader.readImages(name, in);
        }
    }

    private byte[] readLabels(String name, byte[] bytes, boolean gzipped, int classCount) throws IOException {
        try (InputStream in = write(name, bytes, gzipped)) {
            return IdxReader.readLabels(name, in, classCount);
        }
    }

    private InputStream write(String name, byte[] bytes, boolean gzipped) throws IOException {
        Path path = folder.resolve(name);
        Files.write(path, gzipped ? gzip(bytes) : bytes);
        return Files.newInputStream(path);
    }
}
