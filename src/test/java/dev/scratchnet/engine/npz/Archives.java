package dev.scratchnet.engine.npz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds the well-formed and hostile archives the npz tests feed the reader, byte by byte where zip tools refuse. */
final class Archives {

    /** One zip entry to write: stored with its sizes in the local header, or deflated with a data descriptor. */
    record Entry(String name, byte[] bytes, boolean deflated) {

        static Entry stored(String name, byte[] bytes) {
            return new Entry(name, bytes, false);
        }

        static Entry deflated(String name, byte[] bytes) {
            return new Entry(name, bytes, true);
        }
    }

    private Archives() {
    }

    static byte[] zip(Entry... entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Entry entry : entries) {
                ZipEntry zipEntry = new ZipEntry(entry.name());
                if (!entry.deflated()) {
                    CRC32 crc = new CRC32();
                    crc.update(entry.bytes());
                    zipEntry.setMethod(ZipEntry.STORED);
                    zipEntry.setSize(entry.bytes().length);
                    zipEntry.setCompressedSize(entry.bytes().length);
                    zipEntry.setCrc(crc.getValue());
                }
                zip.putNextEntry(zipEntry);
                zip.write(entry.bytes());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A version 1.0 {@code .npy} with header {@code dict}, padded as NumPy pads it, followed by {@code data}. */
    static byte[] npy(String dict, byte[] data) {
        int padding = 64 - (10 + dict.length() + 1) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        byte[] start = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
                (byte) header.length(), (byte) (header.length() >>> 8)};
        return concat(start, header.getBytes(StandardCharsets.ISO_8859_1), data);
    }

    /** An {@code .npy} of little-endian float64 zeros with the given shape text, such as {@code (2, 3)}. */
    static byte[] zeros(String shape, int count) {
        return npy("{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }", new byte[count * 8]);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Replaces every occurrence of {@code from} by {@code to}, of equal length: renames an entry in both headers. */
    static byte[] replace(byte[] bytes, String from, String to) {
        byte[] target = from.getBytes(StandardCharsets.UTF_8);
        byte[] replacement = to.getBytes(StandardCharsets.UTF_8);
        byte[] result = bytes.clone();
        int replaced = 0;
        for (int i = 0; i + target.length <= result.length; i++) {
            if (Arrays.equals(result, i, i + target.length, target, 0, target.length)) {
                System.arraycopy(replacement, 0, result, i, replacement.length);
                replaced++;
            }
        }
        if (replaced == 0) {
            throw new IllegalStateException(from + " not found");
        }
        return result;
    }

    static byte[] resource(String name) {
        try (InputStream in = Archives.class.getResourceAsStream("/engine/npz/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /engine/npz/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
