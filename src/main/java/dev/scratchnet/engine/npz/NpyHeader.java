package dev.scratchnet.engine.npz;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dict at the start of an {@code .npy}: element type, byte order, memory order and shape of a float array.
 * Format: numpy.lib.format (NEP 1), versions 1.0 to 3.0.
 */
record NpyHeader(Precision precision, ByteOrder order, boolean fortranOrder, int[] shape) {

    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Most elements a Java array holds, about 2^31; NumPy allows more, but not within any sane size limit. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    private static final int ALIGNMENT = 64;
    // NumPy leaves room for the first axis to grow to 21 digits so an appending writer can rewrite the header in place.
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;

    /** The product of the sizes, saturating at {@link #MAX_ELEMENTS} + 1 so that many large axes cannot overflow. */
    long elementCount() {
        long count = 1;
        for (int size : shape) {
            count = Math.min(count * size, MAX_ELEMENTS + 1);
        }
        return count;
    }

    long dataBytes() {
        return elementCount() * precision.bytes();
    }

    /** NumPy's name for the element type, such as {@code <f4}. */
    String descr() {
        return (order == ByteOrder.LITTLE_ENDIAN ? "<" : ">") + precision.code();
    }

    /** "(784, 50) of <f4", for messages. */
    String describe() {
        return NpyArray.describe(shape) + " of " + descr();
    }

    /** The version 1.0 preamble and C-order header, byte for byte as {@code np.save} writes them. */
    byte[] encode() {
        String shapeText = NpyArray.describe(shape);
        StringBuilder dict = new StringBuilder("{'descr': '").append(descr())
                .append("', 'fortran_order': False, 'shape': ").append(shapeText).append(", }");
        if (shape.length > 0) {
            dict.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - Integer.toString(shape[0]).length()));
        }
        int preamble = MAGIC.length + 2 + 2;
        int textLength = dict.length() + 1;
        // Like NumPy: an already aligned header still gets a full 64 spaces.
        int padding = ALIGNMENT - (preamble + textLength) % ALIGNMENT;
        dict.append(" ".repeat(padding)).append('\n');
        int headerLength = textLength + padding;
        byte[] bytes = new byte[preamble + headerLength];
        System.arraycopy(MAGIC, 0, bytes, 0, MAGIC.length);
        bytes[6] = 1;
        bytes[7] = 0;
        bytes[8] = (byte) headerLength;
        bytes[9] = (byte) (headerLength >>> 8);
        byte[] text = dict.toString().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, bytes, preamble, text.length);
        return bytes;
    }

    /** Reads the header dict {@code text} of array {@code entry}, refusing anything but an f4 or f8 array. */
    static NpyHeader parse(String entry, String text) {
        Map<String, Object> dict = PythonLiteral.parseDict(entry, text);
        if (!dict.keySet().equals(KEYS)) {
            throw new NpzFormatException(entry + ": expected header keys " + sorted(KEYS) + ", found "
                    + sorted(dict.keySet()));
        }
        if (!(dict.get("descr") instanceof String descr)) {
            throw new NpzFormatException(entry + ": dtype " + PythonLiteral.repr(dict.get("descr"))
                    + " is structured: expected a plain float32 or float64 ('<f4', '<f8')");
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortranOrder)) {
            throw new NpzFormatException(entry + ": expected fortran_order True or False, found "
                    + PythonLiteral.repr(dict.get("fortran_order")));
        }
        return new NpyHeader(precision(entry, descr), order(descr), fortranOrder, shape(entry, dict.get("shape")));
    }

    private static Precision precision(String entry, String descr) {
        String code = descr.length() == 3 && "<>=|".indexOf(descr.charAt(0)) >= 0 ? descr.substring(1) : descr;
        for (Precision precision : Precision.values()) {
            if (precision.code().equals(code)) {
                return precision;
            }
        }
        throw new NpzFormatException(entry + ": dtype '" + descr + "' is not supported: expected float32 or float64"
                + " ('<f4', '<f8', '>f4', '>f8')" + (descr.contains("O") ? "; object arrays need pickle" : ""));
    }

    // '=' and '|' (and no prefix) mean native order to NumPy: the reading machine's, as np.load does.
    private static ByteOrder order(String descr) {
        return switch (descr.charAt(0)) {
            case '<' -> ByteOrder.LITTLE_ENDIAN;
            case '>' -> ByteOrder.BIG_ENDIAN;
            default -> ByteOrder.nativeOrder();
        };
    }

    private static int[] shape(String entry, Object value) {
        if (!(value instanceof PythonLiteral.Tuple tuple)) {
            throw new NpzFormatException(entry + ": expected shape to be a tuple such as (784, 50), found "
                    + PythonLiteral.repr(value));
        }
        List<Object> items = tuple.items();
        int[] shape = new int[items.size()];
        for (int axis = 0; axis < shape.length; axis++) {
            if (!(items.get(axis) instanceof Long size) || size > Integer.MAX_VALUE) {
                throw new NpzFormatException(entry + ": expected shape sizes up to " + Integer.MAX_VALUE
                        + ", found " + PythonLiteral.repr(items.get(axis)) + " on axis " + axis);
            }
            shape[axis] = size.intValue();
        }
        return shape;
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }
}
