package dev.scratchnet.storage;

import java.util.Locale;

/**
 * Test hook, inert in service: with the system property {@code scratchnet.crash-at=<write>:<step>} (for example
 * {@code model:renamed}) the JVM halts, as if the power were cut, when that write reaches that step. The crash-matrix
 * test ({@code CrashMatrixIT}) sets it on a forked JVM to prove each write leaves the old object or the new one and
 * no temporary file. Unset, each check is one comparison with a constant null.
 */
public final class CrashSwitch {

    /** Exit status of a halted JVM, so the test can tell the switch from any other death. */
    public static final int HALTED = 86;
    private static final String CRASH_AT = System.getProperty("scratchnet.crash-at");

    private CrashSwitch() {
    }

    /**
     * The durable writes. A staged one (a model) writes its files into a hidden folder and commits by renaming the
     * folder: its temporary steps are those of its last file, its rename that of the folder.
     */
    public enum Write {
        MODEL(true), CHECKPOINT(false), JOB(false), DATASET(false);

        private final boolean staged;

        Write(boolean staged) {
            this.staged = staged;
        }

        boolean staged() {
            return staged;
        }
    }

    /** The steps of a write, in order; the last is after the write is durable and before the caller answers. */
    public enum Step {
        TEMP_WRITTEN, TEMP_SYNCED, RENAMED, FOLDER_SYNCED, BEFORE_ANSWER;

        /** {@code temp-written}, as the property spells it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The property value that halts {@code write} at {@code step}. */
    public static String setting(Write write, Step step) {
        return write.name().toLowerCase(Locale.ROOT) + ":" + step.label();
    }

    /** Halts the JVM if the switch names this write and step; {@code write} null is an untagged write. */
    public static void reached(Write write, Step step) {
        if (CRASH_AT != null && write != null && CRASH_AT.equals(setting(write, step))) {
            Runtime.getRuntime().halt(HALTED);
        }
    }
}
