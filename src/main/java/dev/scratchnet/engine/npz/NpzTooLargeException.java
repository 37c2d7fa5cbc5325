package dev.scratchnet.engine.npz;

/** An {@code .npz} that is well formed as far as it was read, but holds more than {@link NpzLimits} allow. */
public class NpzTooLargeException extends NpzFormatException {

    public NpzTooLargeException(String message) {
        super(message);
    }
}
