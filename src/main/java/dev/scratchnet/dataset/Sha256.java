package dev.scratchnet.dataset;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as the lowercase hex that configuration and sha256sum use. */
final class Sha256 {

    private Sha256() {
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }

    /** Throws unless {@code digest} (consumed) matches {@code expected}, compared case-insensitively. */
    static void check(String file, String expected, MessageDigest digest) {
        String found = HexFormat.of().formatHex(digest.digest());
        if (!found.equalsIgnoreCase(expected.strip())) {
            throw new ChecksumMismatchException(file, expected, found);
        }
    }

    static boolean isValid(String hex) {
        return hex != null && hex.strip().matches("[0-9a-fA-F]{64}");
    }
}
