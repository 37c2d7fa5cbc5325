package dev.scratchnet.dataset;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** What a dataset name and the paths made from it may look like, so that no name reaches outside its folder. */
final class DatasetName {

    /** Lowercase letters, digits, '-' and '_', starting with a letter or digit: safe as a folder name everywhere. */
    static final String PATTERN = "[a-z0-9][a-z0-9_-]{0,63}";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private DatasetName() {
    }

    static boolean isValid(String name) {
        return name != null && COMPILED.matcher(name).matches();
    }

    static boolean isPlainFileName(String name) {
        return name != null && !name.isBlank() && !name.contains("/") && !name.contains("\\") && !name.equals(".")
                && !name.equals("..");
    }

    static boolean isRelativeInside(String folder) {
        Path path = Path.of(folder).normalize();
        return !path.isAbsolute() && !path.startsWith("..") && !path.toString().isEmpty();
    }

    /** {@code parent/name}, refusing any name that is not valid or would resolve outside {@code parent}. */
    static Path resolveInside(Path parent, String name) {
        Path base = parent.toAbsolutePath().normalize();
        Path resolved = base.resolve(name).normalize();
        if (!isValid(name) || !resolved.getParent().equals(base)) {
            throw new IllegalArgumentException("'" + name + "' is not a valid dataset name (" + PATTERN + ")");
        }
        return resolved;
    }
}
