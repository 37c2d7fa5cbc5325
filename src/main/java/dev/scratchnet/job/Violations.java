package dev.scratchnet.job;

import java.util.ArrayList;
import java.util.List;

import dev.scratchnet.web.InvalidField;

/** The rules a job request breaks, gathered so that one 400 names all of them rather than the first. */
final class Violations {

    private final List<InvalidField> fields = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();

    void add(String field, Object rejected, List<String> allowed, String message) {
        fields.add(new InvalidField(field, rejected, allowed));
        // Two fields at fault for one reason (a loss that needs another output) share one sentence.
        if (!messages.contains(message)) {
            messages.add(message);
        }
    }

    boolean isEmpty() {
        return fields.isEmpty();
    }

    void throwIfAny() {
        if (!isEmpty()) {
            throw new InvalidJobException(fields, messages);
        }
    }
}
