package dev.scratchnet.dataset;

/** A file whose SHA-256 is not the one its dataset's description gives: altered, truncated or a different release. */
public class ChecksumMismatchException extends IllegalStateException {

    public ChecksumMismatchException(String file, String expected, String found) {
        super(file + ": SHA-256 is " + found + ", expected " + expected);
    }
}
