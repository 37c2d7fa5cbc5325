package dev.scratchnet.dataset;

/** An IDX file that breaks the format; the message names the file and the fault. */
public class IdxFormatException extends IllegalArgumentException {

    private final String file;

    public IdxFormatException(String file, String fault) {
        super(file + ": " + fault);
        this.file = file;
    }

    public IdxFormatException(String file, String fault, Throwable cause) {
        super(file + ": " + fault, cause);
        this.file = file;
    }

    /** The name the file was read under. */
    public String file() {
        return file;
    }
}
