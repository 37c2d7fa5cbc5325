package dev.scratchnet.engine.npz;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes float arrays as an {@code .npz} that {@code np.load} reads: one stored {@code NAME.npy} entry per array,
 * little-endian, C order, version 1.0 headers, as {@code np.savez} writes them.
 */
public final class NpzWriter {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}");
    // np.savez stamps every entry with the earliest DOS date; so do we, and equal weights give equal files.
    private static final LocalDateTime DOS_EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0);

    private final Precision precision;

    /** Writes float64, which keeps every double the engine computed. */
    public NpzWriter() {
        this(Precision.FLOAT64);
    }

    public NpzWriter(Precision precision) {
        this.precision = precision;
    }

    /** Writes {@code arrays} in map order as {@code KEY.npy} entries and finishes the zip, leaving {@code out} open. */
    public void write(Map<String, NpyArray> arrays, OutputStream out) throws IOException {
        for (String key : arrays.keySet()) {
            if (!KEY.matcher(key).matches() || key.contains("..")) {
                throw new NpzFormatException("array key '" + key + "': expected letters, digits, '_', '.' or '-',"
                        + " as in W1 or arr_0");
            }
        }
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Map.Entry<String, NpyArray> array : arrays.entrySet()) {
            String name = array.getKey() + ".npy";
            byte[] bytes = NpyFile.write(name, array.getValue(), precision);
            CRC32 crc = new CRC32();
            crc.update(bytes);
            ZipEntry entry = new ZipEntry(name);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(bytes.length);
            entry.setCompressedSize(bytes.length);
            entry.setCrc(crc.getValue());
            entry.setTimeLocal(DOS_EPOCH);
            zip.putNextEntry(entry);
            zip.write(bytes);
            zip.closeEntry();
        }
        // finish, not close: closing would close the caller's stream.
        zip.finish();
        zip.flush();
    }
}
