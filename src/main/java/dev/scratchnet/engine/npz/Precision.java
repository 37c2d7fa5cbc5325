package dev.scratchnet.engine.npz;

/** The floating-point dtypes an array is stored in: NumPy's float32 ({@code f4}) and float64 ({@code f8}). */
public enum Precision {
    FLOAT32(4),
    FLOAT64(8);

    private final int bytes;

    Precision(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element: 4 or 8. */
    public int bytes() {
        return bytes;
    }

    /** NumPy's code for this dtype without its byte-order prefix: {@code f4} or {@code f8}. */
    String code() {
        return "f" + bytes;
    }
}
