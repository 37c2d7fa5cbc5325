package dev.scratchnet.engine;

/** Training stopped because the mini-batch loss stopped being a finite number. */
public class LossDivergedException extends ArithmeticException {

    public LossDivergedException(String message) {
        super(message);
    }
}
