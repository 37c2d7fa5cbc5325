package dev.scratchnet.engine.npz;

/** A {@code .npy} or {@code .npz} that this package refuses to read or write; the message says expected vs found. */
public class NpzFormatException extends IllegalArgumentException {

    public NpzFormatException(String message) {
        super(message);
    }

    public NpzFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
