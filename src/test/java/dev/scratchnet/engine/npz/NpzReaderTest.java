package dev.scratchnet.engine.npz;

import static dev.scratchnet.engine.npz.Archives.Entry.deflated;
import static dev.scratchnet.engine.npz.Archives.Entry.stored;
import static dev.scratchnet.engine.npz.Archives.concat;
import static dev.scratchnet.engine.npz.Archives.npy;
import static dev.scratchnet.engine.npz.Archives.replace;
import static dev.scratchnet.engine.npz.Archives.resource;
import static dev.scratchnet.engine.npz.Archives.zeros;
import static dev.scratchnet.engine.npz.Archives.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Hostile and malformed archives: each is refused with a message naming what is wrong, before much is read. */
class NpzReaderTest {

    private static final byte[] VECTOR = zeros("(3,)", 3);

    @Test
    void nameWithParentSegmentIsRefused() {
        assertRefused(zip(stored("../W1.npy", VECTOR)), "zip entry '../W1.npy': contains '..'");
    }

    @Test
    void absoluteNameIsRefused() {
        assertRefused(zip(stored("/tmp/W1.npy", VECTOR)), "zip entry '/tmp/W1.npy': is absolute");
    }

    @Test
    void everyUnsafeOrForeignNameIsRefused() {
        Map<String, String> names = Map.of(
                "a\\..\\W1.npy", "contains a backslash",
                "W1\0.npy", "contains NUL",
                "C:/W1.npy", "is absolute",
                "w/../../W1.npy", "contains '..'",
                "W1.txt", "expected NAME.npy",
                ".npy", "expected NAME.npy",
                "W1/", "expected NAME.npy",
                "W1\n.npy", "contains a control character");
        int refused = 0;
        for (Map.Entry<String, String> name : names.entrySet()) {
            assertThatThrownBy(() -> read(zip(stored(name.getKey(), VECTOR))))
                    .as(name.getKey())
                    .isInstanceOf(NpzFormatException.class)
                    .hasMessageStartingWith("zip entry '")
                    .hasMessageEndingWith("': " + name.getValue());
            refused++;
        }
        assertThat(refused).isEqualTo(names.size()).isPositive();
    }

    @Test
    void duplicateEntryIsRefused() {
        byte[] archive = replace(zip(stored("W1.npy", VECTOR), stored("X1.npy", VECTOR)), "X1.npy", "W1.npy");

        assertRefused(archive, "zip entry 'W1.npy': appears twice");
    }

    @Test
    void tooManyEntriesAreRefused() {
        Archives.Entry[] entries = new Archives.Entry[65];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = stored("a" + i + ".npy", VECTOR);
        }

        assertRefused(zip(entries), "expected at most 64 entries, found more at a64.npy");
    }

    @Test
    void zipBombStopsAtTheFirstByteBeyondItsShape() throws IOException {
        byte[] bomb = bomb("W1.npy", zeros("(2, 2)", 4), 100 << 20);
        CountingStream in = new CountingStream(new ByteArrayInputStream(bomb));

        assertThatThrownBy(() -> new NpzReader().read(in))
                .isInstanceOf(NpzFormatException.class)
                .hasMessage("W1.npy: data continues past the 32 bytes that shape (2, 2) of <f8 needs");
        assertThat(bomb.length).isGreaterThan(50_000);
        assertThat(in.count).as("compressed bytes read").isLessThan(4096);
    }

    @Test
    void declaredSizeBeyondShapeIsRefusedBeforeReadingData() {
        byte[] padded = concat(zeros("(2, 2)", 4), new byte[1000]);

        assertRefused(zip(stored("W1.npy", padded)),
                "W1.npy: zip declares 1160 bytes but shape (2, 2) of <f8 needs 160");
    }

    @Test
    void shapeBeyondSizeLimitIsRefusedBeforeReadingData() {
        byte[] huge = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (10000, 10000), }", new byte[16]);

        assertRefused(zip(deflated("W1.npy", huge)), "W1.npy: shape (10000, 10000) of <f4 needs 400000128 bytes,"
                + " more than the 268435456 left under the size limit");
    }

    @Test
    void shapeBeyondJavaArraysIsRefused() {
        byte[] huge = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296, 8), }",
                new byte[16]);

        assertRefused(zip(deflated("W1.npy", huge)), "W1.npy: expected shape sizes up to 2147483647, found"
                + " 4294967296 on axis 0");
        byte[] many = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2147483647, 2147483647, 8), }",
                new byte[16]);
        assertRefused(zip(deflated("W1.npy", many)), "W1.npy: shape (2147483647, 2147483647, 8) of <f8 has more than"
                + " 2147483639 elements");
    }

    @Test
    void totalSizeLimitIsConfigurable() {
        byte[] archive = resource("tiny-f64.npz");

        assertThatThrownBy(() -> new NpzReader(new NpzLimits(64, 500)).read(new ByteArrayInputStream(archive)))
                .isInstanceOf(NpzFormatException.class)
                .hasMessageContaining("left under the size limit");
    }

    @Test
    void zipCutInsideAnEntryIsRefused() {
        byte[] archive = resource("tiny-f64.npz");

        assertRefused(Arrays.copyOf(archive, 150), "W1.npy: corrupt or truncated zip entry");
    }

    @Test
    void zipCutInsideItsEndRecordIsRefused() {
        byte[] archive = resource("tiny-f64.npz");

        assertRefused(Arrays.copyOf(archive, archive.length - 10), "truncated zip: expected an end of central"
                + " directory record after 4 entries");
    }

    @Test
    void corruptedDataFailsItsChecksum() {
        byte[] archive = zip(stored("W1.npy", VECTOR));
        archive[30 + "W1.npy".length() + VECTOR.length - 1] = 1;

        assertRefused(archive, "W1.npy: corrupt or truncated zip entry: invalid entry CRC");
    }

    @Test
    void entryWithoutNumpyMagicIsRefused() {
        byte[] notNpy = "NOTNPY, just some text".getBytes();

        assertRefused(zip(stored("W1.npy", notNpy)), "W1.npy: expected the .npy magic 934e554d5059 (\\x93NUMPY),"
                + " found 4e4f544e5059");
    }

    @Test
    void fileThatIsNoZipIsRefused() {
        assertRefused("hello".getBytes(), "expected an .npz, a zip starting with 504b0304 (PK), found 68656c6c");
    }

    @Test
    void bareNpyIsRefusedAsNotAnNpz() {
        assertRefused(VECTOR, "expected an .npz (a zip of .npy arrays, as np.savez writes), found a bare .npy");
    }

    @Test
    void headerLongerThanNumpyAllowsIsRefusedUnread() {
        byte[] npy = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, 0, 0, 0, 0x40};

        assertRefused(zip(stored("W1.npy", npy)), "W1.npy: expected a header of at most 10000 bytes, as np.load"
                + " allows, found 1073741824");
    }

    @Test
    void unknownNpyVersionIsRefused() {
        byte[] npy = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 4, 0, 0, 0};

        assertRefused(zip(stored("W1.npy", npy)), "W1.npy: expected .npy version 1.0, 2.0 or 3.0, found 4.0");
    }

    @Test
    void objectDtypeIsRefused() {
        assertRefused(zip(stored("W1.npy", npy("{'descr': '|O', 'fortran_order': False, 'shape': (3,), }",
                new byte[24]))), "W1.npy: dtype '|O' is not supported");
    }

    @Test
    void integerDtypeIsRefused() {
        assertRefused(zip(stored("b1.npy", npy("{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }",
                new byte[12]))), "b1.npy: dtype '<i4' is not supported: expected float32 or float64");
    }

    @Test
    void structuredDtypeIsRefused() {
        assertRefused(zip(stored("W1.npy", npy("{'descr': [('x', '<f4')], 'fortran_order': False, 'shape': (3,), }",
                new byte[12]))), "W1.npy: dtype [('x', '<f4')] is structured");
    }

    @Test
    void headerWithMissingKeyIsRefused() {
        assertRefused(zip(stored("W1.npy", npy("{'descr': '<f8', 'shape': (3,), }", new byte[24]))),
                "W1.npy: expected header keys [descr, fortran_order, shape], found [descr, shape]");
    }

    @Test
    void headerThatIsNoDictIsRefused() {
        assertRefused(zip(stored("W1.npy", npy("__import__('os').system('x')", new byte[0]))),
                "W1.npy: header is not the Python dict NumPy writes: expected '{' at offset 0, found '_'");
    }

    @Test
    void deeplyNestedHeaderIsRefused() {
        String nested = "(".repeat(4000) + ")".repeat(4000);

        assertRefused(zip(stored("W1.npy", npy("{'shape': " + nested + "}", new byte[0]))),
                "W1.npy: header nests deeper than 8 levels");
    }

    @Test
    void fortranOrderArrayOfThreeAxesComesOutInCOrder() throws IOException {
        NpyArray array = read(resource("fortran-3d.npz")).get("a");

        assertThat(array.shape()).containsExactly(2, 3, 4);
        double[] expected = new double[24];
        Arrays.setAll(expected, i -> i);
        assertThat(array.values()).containsExactly(expected);
    }

    @Test
    void everyCutOfAnArchiveIsRefused() {
        int refused = 0;
        for (String fixture : List.of("tiny-f64.npz", "tiny-compressed.npz")) {
            byte[] archive = resource(fixture);
            for (int length = 0; length < archive.length; length++) {
                byte[] cut = Arrays.copyOf(archive, length);
                assertThatThrownBy(() -> read(cut)).as(fixture + " cut to " + length)
                        .isInstanceOf(NpzFormatException.class);
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(1000);
    }

    @Test
    void everyFlippedByteIsRefusedOrHarmless() {
        int cases = 0;
        for (String fixture : List.of("tiny-f32.npz", "tiny-compressed.npz")) {
            byte[] archive = resource(fixture);
            for (int at = 0; at < archive.length; at++) {
                for (int mask : new int[] {0x01, 0x80, 0xff}) {
                    byte[] flipped = archive.clone();
                    flipped[at] ^= (byte) mask;
                    try {
                        read(flipped);
                    } catch (NpzFormatException expected) {
                        assertThat(expected.getMessage()).isNotBlank();
                    } catch (Exception other) {
                        String flip = fixture + " with byte " + at + " ^ " + mask;
                        throw new AssertionError(flip + " threw " + other, other);
                    }
                    cases++;
                }
            }
        }
        assertThat(cases).isGreaterThan(1000);
    }

    private static Map<String, NpyArray> read(byte[] archive) throws IOException {
        return new NpzReader().read(new ByteArrayInputStream(archive));
    }

    private static void assertRefused(byte[] archive, String message) {
        assertThatThrownBy(() -> read(archive))
                .isInstanceOf(NpzFormatException.class)
                .hasMessageStartingWith(message);
    }

    /** A deflated entry holding {@code npy} followed by {@code zeros} zero bytes: a few KiB that inflate to MiBs. */
    private static byte[] bomb(String name, byte[] npy, int zeros) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(npy);
            byte[] block = new byte[1 << 20];
            for (int written = 0; written < zeros; written += block.length) {
                zip.write(block);
            }
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** Counts the bytes the reader takes from the upload. */
    private static final class CountingStream extends FilterInputStream {

        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b >= 0 ? 1 : 0;
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int n = super.read(bytes, offset, length);
            count += Math.max(n, 0);
            return n;
        }
    }
}
