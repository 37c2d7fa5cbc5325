package dev.scratchnet.engine.npz;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Remembers the last bytes of a zip as they stream past, to check its end record once the entries are read.
 * {@link java.util.zip.ZipInputStream} reads local headers only and takes end-of-input for the end of the
 * archive, so without this a zip cut off after its last entry, or one whose directory lists other entries than
 * were streamed, would pass unnoticed.
 */
final class ZipTail extends FilterInputStream {

    private static final int END_SIGNATURE = 0x06054b50;
    private static final int ZIP64_END_SIGNATURE = 0x06064b50;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int END_BYTES = 22;
    private static final int ZIP64_END_BYTES = 56;
    private static final int ZIP64_LOCATOR_BYTES = 20;
    // The end record, its longest comment, and the zip64 records that may precede it.
    private static final int CAPACITY = END_BYTES + 0xffff + ZIP64_LOCATOR_BYTES + ZIP64_END_BYTES;

    private final byte[] ring = new byte[CAPACITY];
    private long count;

    ZipTail(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            ring[(int) (count++ % CAPACITY)] = (byte) b;
        }
        return b;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        int n = super.read(bytes, offset, length);
        for (int i = 0; i < n; i++) {
            ring[(int) (count++ % CAPACITY)] = bytes[offset + i];
        }
        return n;
    }

    /** Leaves the stream open: it belongs to the caller, as an upload belongs to the web layer. */
    @Override
    public void close() {
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] sink = new byte[(int) Math.min(n, 8192)];
        int read = read(sink, 0, sink.length);
        return Math.max(read, 0);
    }

    /**
     * Reads the rest of the input, the central directory, and checks that the end record closes it and counts
     * {@code entries} entries.
     */
    void verifyEnd(int entries, long maxDirectoryBytes) throws IOException {
        long directoryStart = count;
        byte[] sink = new byte[8192];
        while (read(sink, 0, sink.length) >= 0) {
            if (count - directoryStart > maxDirectoryBytes) {
                throw new NpzFormatException("expected at most " + maxDirectoryBytes
                        + " bytes of zip directory after the last entry, found more");
            }
        }
        ByteBuffer tail = tail();
        int end = findEnd(tail);
        if (end < 0) {
            throw new NpzFormatException("truncated zip: expected an end of central directory record after "
                    + entries + " entries, found none in the last " + tail.limit() + " bytes");
        }
        long declared = tail.getShort(end + 10) & 0xffff;
        long directoryEnd = (tail.getInt(end + 16) & 0xffffffffL) + (tail.getInt(end + 12) & 0xffffffffL);
        // A writer adds zip64 records when a count or offset overflows the end record's fields.
        if (end >= ZIP64_LOCATOR_BYTES + ZIP64_END_BYTES
                && tail.getInt(end - ZIP64_LOCATOR_BYTES) == ZIP64_LOCATOR_SIGNATURE) {
            int zip64End = end - ZIP64_LOCATOR_BYTES - ZIP64_END_BYTES;
            if (tail.getInt(zip64End) != ZIP64_END_SIGNATURE) {
                throw new NpzFormatException("corrupt zip: expected a zip64 end record before its locator");
            }
            declared = tail.getLong(zip64End + 32);
            directoryEnd = tail.getLong(zip64End + 48) + tail.getLong(zip64End + 40) + ZIP64_END_BYTES
                    + ZIP64_LOCATOR_BYTES;
        }
        if (declared != entries) {
            throw new NpzFormatException("corrupt zip: its directory lists " + declared + " entries, found "
                    + entries);
        }
        long endPosition = count - tail.limit() + end;
        if (directoryEnd != endPosition) {
            throw new NpzFormatException("corrupt zip: expected the directory to end at byte " + directoryEnd
                    + ", found its end record at byte " + endPosition);
        }
    }

    /** The last bytes read, oldest first, little-endian as zip is. */
    private ByteBuffer tail() {
        int size = (int) Math.min(count, CAPACITY);
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = ring[(int) ((count - size + i) % CAPACITY)];
        }
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Where the end record starts: the last signature whose comment length reaches exactly to the end. */
    private static int findEnd(ByteBuffer tail) {
        for (int at = tail.limit() - END_BYTES; at >= 0; at--) {
            int commentBytes = tail.getShort(at + 20) & 0xffff;
            if (tail.getInt(at) == END_SIGNATURE && at + END_BYTES + commentBytes == tail.limit()) {
                return at;
            }
        }
        return -1;
    }
}
