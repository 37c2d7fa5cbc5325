package dev.scratchnet.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds {@code .npz} archives for upload tests, hostile ones included, the way np.savez lays them out. */
final class Npz {

    private Npz() {
    }

    /** A version 1.0 {@code .npy}: magic, header dict padded to 64 bytes, then the data. */
    static byte[] npy(String shape, double... values) {
        ByteBuffer data = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double value : values) {
            data.putDouble(value);
        }
        return npy("{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }", data.array());
    }

    static byte[] npy(String dict, byte[] data) {
        int padding = 64 - (10 + dict.length() + 1) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(),
                (byte) (header.length() >>> 8)});
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(data);
        return out.toByteArray();
    }

    /** A zip of the named entries, stored (names and bytes alternate: name, bytes, name, bytes …). */
    static byte[] zip(Object... namesAndBytes) {
        return zip(false, namesAndBytes);
    }

    static byte[] deflatedZip(Object... namesAndBytes) {
        return zip(true, namesAndBytes);
    }

    private static byte[] zip(boolean deflated, Object... namesAndBytes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndBytes.length; i += 2) {
                byte[] content = (byte[]) namesAndBytes[i + 1];
                ZipEntry entry = new ZipEntry((String) namesAndBytes[i]);
                if (!deflated) {
                    CRC32 crc = new CRC32();
                    crc.update(content);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(content.length);
                    entry.setCompressedSize(content.length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(content);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
