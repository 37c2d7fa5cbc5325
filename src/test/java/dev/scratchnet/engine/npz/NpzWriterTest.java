package dev.scratchnet.engine.npz;

import static dev.scratchnet.engine.npz.Archives.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scratchnet.engine.Weights;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** What we write is what np.savez writes: each entry byte for byte, so np.load reads it back. */
class NpzWriterTest {

    @Test
    void float64EntriesMatchNumpyByteForByte() throws IOException {
        byte[] numpy = resource("tiny-f64.npz");

        assertThat(entries(rewrite(numpy, Precision.FLOAT64))).containsExactlyEntriesOf(entries(numpy));
    }

    @Test
    void float32EntriesMatchNumpyByteForByte() throws IOException {
        byte[] numpy = resource("tiny-f32.npz");

        assertThat(entries(rewrite(numpy, Precision.FLOAT32))).containsExactlyEntriesOf(entries(numpy));
    }

    @Test
    void equalWeightsGiveEqualFiles() throws IOException {
        byte[] numpy = resource("tiny-f64.npz");

        assertThat(rewrite(numpy, Precision.FLOAT64)).isEqualTo(rewrite(numpy, Precision.FLOAT64));
    }

    @Test
    void headerIsPaddedToSixtyFourBytesAsNumpyPadsIt() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new NpzWriter().write(Map.of("x", NpyArray.matrix(784, 50, new double[784 * 50])), out);

        // Copied from np.save(np.zeros((784, 50))): 21 - 3 growth spaces, then padding to 128 bytes.
        String header = new String(entries(out.toByteArray()).get("x.npy"), 0, 128, StandardCharsets.ISO_8859_1);
        assertThat(header).isEqualTo("\u0093NUMPY\u0001\u0000v\u0000{'descr': '<f8', 'fortran_order': False,"
                + " 'shape': (784, 50), }" + " ".repeat(55) + "\n");
    }

    @Test
    void keyThatIsNoPlainNameIsRefused() {
        Map<String, NpyArray> arrays = Map.of("../W1", NpyArray.vector(new double[1]));

        assertThatThrownBy(() -> new NpzWriter().write(arrays, new ByteArrayOutputStream()))
                .isInstanceOf(NpzFormatException.class)
                .hasMessageStartingWith("array key '../W1': expected letters, digits");
    }

    private static byte[] rewrite(byte[] numpy, Precision precision) throws IOException {
        Weights weights = WeightsFile.read(new ByteArrayInputStream(numpy));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WeightsFile.write(weights, out, precision);
        return out.toByteArray();
    }

    private static Map<String, byte[]> entries(byte[] archive) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }
}
