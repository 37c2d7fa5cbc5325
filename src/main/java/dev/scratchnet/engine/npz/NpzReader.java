package dev.scratchnet.engine.npz;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads the float arrays of an {@code .npz} as {@code np.savez} and {@code np.savez_compressed} write it, streaming,
 * and refuses a hostile archive before it inflates: names, entry count and declared sizes are checked first, and
 * an entry stops at the first byte past what its header's shape needs.
 */
public final class NpzReader {

    private static final byte[] LOCAL_HEADER = {'P', 'K', 3, 4};
    private static final byte[] EMPTY_ARCHIVE = {'P', 'K', 5, 6};
    // 64 directory records with long names take a few KiB; anything near this is not an npz.
    private static final long MAX_DIRECTORY_BYTES = 1 << 20;
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private final NpzLimits limits;

    public NpzReader() {
        this(NpzLimits.DEFAULT);
    }

    public NpzReader(NpzLimits limits) {
        this.limits = limits;
    }

    /** The arrays keyed by entry name without {@code .npy}, in archive order. Leaves {@code in} open. */
    public Map<String, NpyArray> read(InputStream in) throws IOException {
        ZipTail tail = new ZipTail(in);
        PushbackInputStream start = new PushbackInputStream(tail, LOCAL_HEADER.length);
        checkSignature(start);
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(start)) {
            ZipEntry entry;
            while ((entry = nextEntry(zip, arrays.size())) != null) {
                String name = checkName(entry.getName(), arrays);
                if (arrays.size() == limits.maxEntries()) {
                    throw new NpzFormatException("expected at most " + limits.maxEntries() + " entries, found more at "
                            + name);
                }
                long budget = limits.maxTotalBytes() - total;
                if (entry.getSize() > budget) {
                    throw new NpzTooLargeException(name + ": zip declares " + entry.getSize() + " bytes, more than "
                            + "the " + budget + " left under the size limit of " + limits.maxTotalBytes());
                }
                NpyFile.Contents contents = readEntry(name, zip, budget, entry.getSize());
                total += contents.bytes();
                arrays.put(name.substring(0, name.length() - ".npy".length()), contents.array());
            }
        }
        tail.verifyEnd(arrays.size(), MAX_DIRECTORY_BYTES);
        return arrays;
    }

    private static void checkSignature(PushbackInputStream in) throws IOException {
        byte[] signature = in.readNBytes(LOCAL_HEADER.length);
        in.unread(signature);
        if (signature.length == 4 && Arrays.equals(signature, 0, 4, NpyHeader.MAGIC, 0, 4)) {
            throw new NpzFormatException("expected an .npz (a zip of .npy arrays, as np.savez writes),"
                    + " found a bare .npy");
        }
        if (!Arrays.equals(signature, LOCAL_HEADER) && !Arrays.equals(signature, EMPTY_ARCHIVE)) {
            throw new NpzFormatException("expected an .npz, a zip starting with 504b0304 (PK), found "
                    + (signature.length == 0 ? "no bytes" : HexFormat.of().formatHex(signature)));
        }
    }

    private static ZipEntry nextEntry(ZipInputStream zip, int read) throws IOException {
        try {
            return zip.getNextEntry();
        } catch (ZipException | EOFException e) {
            throw new NpzFormatException("corrupt or truncated zip after " + read + " entries: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // ZipInputStream reports some malformed local headers, such as a name that is not UTF-8, this way.
            throw new NpzFormatException("corrupt zip after " + read + " entries: " + e.getMessage(), e);
        }
    }

    private static NpyFile.Contents readEntry(String name, ZipInputStream zip, long budget, long declared)
            throws IOException {
        try {
            return NpyFile.read(name, zip, budget, declared);
        } catch (ZipException | EOFException e) {
            throw new NpzFormatException(name + ": corrupt or truncated zip entry: " + e.getMessage(), e);
        }
    }

    /** Refuses a name that could escape a folder if extracted, or that np.load would not read as an array. */
    private static String checkName(String name, Map<String, NpyArray> seen) {
        String problem = null;
        if (name.indexOf('\0') >= 0) {
            problem = "contains NUL";
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            problem = "contains a control character";
        } else if (name.indexOf('\\') >= 0) {
            problem = "contains a backslash";
        } else if (name.startsWith("/") || DRIVE.matcher(name).matches()) {
            problem = "is absolute";
        } else if (Arrays.asList(name.split("/", -1)).contains("..")) {
            problem = "contains '..'";
        } else if (!name.endsWith(".npy") || name.equals(".npy") || name.endsWith("/.npy")) {
            problem = "expected NAME.npy";
        } else if (seen.containsKey(name.substring(0, name.length() - ".npy".length()))) {
            problem = "appears twice";
        }
        if (problem != null) {
            throw new NpzFormatException("zip entry " + quote(name) + ": " + problem);
        }
        return name;
    }

    /** The name in quotes with control characters escaped and cut to 100 characters, fit for a message. */
    private static String quote(String name) {
        StringBuilder quoted = new StringBuilder("'");
        name.codePoints().limit(100).forEach(c -> {
            if (Character.isISOControl(c)) {
                quoted.append(String.format("\\u%04x", c));
            } else {
                quoted.appendCodePoint(c);
            }
        });
        return quoted.append(name.length() > 100 ? "…'" : "'").toString();
    }
}
