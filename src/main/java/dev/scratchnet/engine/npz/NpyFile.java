package dev.scratchnet.engine.npz;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/** Reads and writes one {@code .npy} array, counting every byte against a budget before it is read. */
final class NpyFile {

    /** The header size np.load accepts by default ({@code max_header_size}); a longer one is refused unread. */
    static final int MAX_HEADER_BYTES = 10_000;

    private static final int MAGIC_AND_VERSION = 8;
    private static final int CHUNK_BYTES = 8192;

    /** An array and the bytes it took, preamble and header included. */
    record Contents(NpyArray array, long bytes) {}

    private NpyFile() {
    }

    /**
     * Reads the array {@code entry} from {@code in}, which must end right after its data.
     *
     * @param budget        most bytes the entry may take
     * @param declaredBytes the size the zip declares for the entry, or -1 if it declares none
     */
    static Contents read(String entry, InputStream in, long budget, long declaredBytes) throws IOException {
        byte[] start = readExactly(entry, in, MAGIC_AND_VERSION + 2, "the .npy preamble");
        if (!Arrays.equals(start, 0, NpyHeader.MAGIC.length, NpyHeader.MAGIC, 0, NpyHeader.MAGIC.length)) {
            throw new NpzFormatException(entry + ": expected the .npy magic 934e554d5059 (\\x93NUMPY), found "
                    + HexFormat.of().formatHex(start, 0, NpyHeader.MAGIC.length));
        }
        int major = start[6];
        if (major < 1 || major > 3 || start[7] != 0) {
            throw new NpzFormatException(entry + ": expected .npy version 1.0, 2.0 or 3.0, found "
                    + (start[6] & 0xff) + "." + (start[7] & 0xff));
        }
        long headerLength = (start[8] & 0xff) | (start[9] & 0xff) << 8;
        int preamble = start.length;
        if (major > 1) {
            byte[] high = readExactly(entry, in, 2, "the .npy header length");
            headerLength |= ((high[0] & 0xffL) | (high[1] & 0xffL) << 8) << 16;
            preamble += 2;
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw new NpzFormatException(entry + ": expected a header of at most " + MAX_HEADER_BYTES
                    + " bytes, as np.load allows, found " + headerLength);
        }
        byte[] headerBytes = readExactly(entry, in, (int) headerLength, "the header its preamble announces");
        // Versions 1 and 2 hold latin-1 text; version 3 exists only to allow UTF-8.
        String text = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyHeader header = NpyHeader.parse(entry, text);
        if (header.elementCount() > NpyHeader.MAX_ELEMENTS) {
            throw new NpzFormatException(entry + ": shape " + header.describe() + " has more than "
                    + NpyHeader.MAX_ELEMENTS + " elements, the most a Java array holds");
        }
        long bytes = preamble + headerLength + header.dataBytes();
        if (bytes > budget) {
            throw new NpzTooLargeException(entry + ": shape " + header.describe() + " needs " + bytes
                    + " bytes, more than the " + budget + " left under the size limit");
        }
        if (declaredBytes >= 0 && declaredBytes != bytes) {
            throw new NpzFormatException(entry + ": zip declares " + declaredBytes + " bytes but shape "
                    + header.describe() + " needs " + bytes);
        }
        double[] values = readValues(entry, in, header);
        // Stop at the first byte past the data: an entry that inflates further is refused, not inflated to the end.
        if (in.read() >= 0) {
            throw new NpzFormatException(entry + ": data continues past the " + header.dataBytes()
                    + " bytes that shape " + header.describe() + " needs");
        }
        // The book's sample_weight.npz holds its W matrices in Fortran order: read them, hand out C order.
        if (header.fortranOrder()) {
            values = toCOrder(values, header.shape());
        }
        return new Contents(new NpyArray(header.shape(), values), bytes);
    }

    /** Reorders values whose first index varies fastest (Fortran) so that the last one does (C). */
    private static double[] toCOrder(double[] fortran, int[] shape) {
        int[] strides = new int[shape.length];
        for (int axis = shape.length - 1, stride = 1; axis >= 0; stride *= shape[axis], axis--) {
            strides[axis] = stride;
        }
        double[] c = new double[fortran.length];
        int[] index = new int[shape.length];
        int offset = 0;
        for (double value : fortran) {
            c[offset] = value;
            for (int axis = 0; axis < shape.length; axis++) {
                offset += strides[axis];
                if (++index[axis] < shape[axis]) {
                    break;
                }
                offset -= strides[axis] * shape[axis];
                index[axis] = 0;
            }
        }
        return c;
    }

    private static double[] readValues(String entry, InputStream in, NpyHeader header) throws IOException {
        int width = header.precision().bytes();
        double[] values = new double[(int) header.elementCount()];
        byte[] chunk = new byte[CHUNK_BYTES];
        ByteBuffer buffer = ByteBuffer.wrap(chunk).order(header.order());
        int index = 0;
        while (index < values.length) {
            int wanted = Math.min(CHUNK_BYTES / width, values.length - index) * width;
            int got = in.readNBytes(chunk, 0, wanted);
            if (got < wanted) {
                throw new NpzFormatException(entry + ": truncated: shape " + header.describe() + " needs "
                        + header.dataBytes() + " data bytes, found " + ((long) index * width + got));
            }
            for (int offset = 0; offset < wanted; offset += width) {
                values[index++] = width == 4 ? buffer.getFloat(offset) : buffer.getDouble(offset);
            }
        }
        return values;
    }

    private static byte[] readExactly(String entry, InputStream in, int length, String what) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new NpzFormatException(entry + ": truncated: expected " + length + " bytes of " + what
                    + ", found " + bytes.length);
        }
        return bytes;
    }

    /**
     * The {@code .npy} bytes of {@code array}: little-endian, C order, version 1.0 header.
     * Float32 narrows each value to the nearest float and refuses one that only fits a double.
     */
    static byte[] write(String entry, NpyArray array, Precision precision) {
        NpyHeader header = new NpyHeader(precision, ByteOrder.LITTLE_ENDIAN, false, array.shape());
        byte[] start = header.encode();
        double[] values = array.values();
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(start.length + header.dataBytes()))
                .order(ByteOrder.LITTLE_ENDIAN)
                .put(start);
        for (int i = 0; i < values.length; i++) {
            if (precision == Precision.FLOAT64) {
                buffer.putDouble(values[i]);
                continue;
            }
            float narrowed = (float) values[i];
            if (Float.isInfinite(narrowed) && !Double.isInfinite(values[i])) {
                throw new NpzFormatException(entry + "[" + i + "] = " + values[i] + ": expected a value within"
                        + " float32's range ±" + Float.MAX_VALUE + ", or save as FLOAT64");
            }
            buffer.putFloat(narrowed);
        }
        return buffer.array();
    }
}
