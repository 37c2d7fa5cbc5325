package dev.scratchnet.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What an {@link Optimizer} remembers between updates: its kind's API name, the number of updates taken and its
 * per-parameter buffers (velocities, squared-gradient sums, moments), in the order the optimizer lists them.
 * The arrays are copied on the way in and on the way out, so a state never changes after it is taken.
 */
public record OptimizerState(String kind, long step, List<double[]> buffers) {

    public OptimizerState {
        Objects.requireNonNull(kind, "kind");
        if (step < 0) {
            throw new IllegalArgumentException("Expected a step count of 0 or more, found " + step);
        }
        buffers = deepCopy(buffers);
    }

    @Override
    public List<double[]> buffers() {
        return deepCopy(buffers);
    }

    /**
     * Splits the buffers into {@code slotCount} groups of one array per parameter array (Adam's m, then v), after
     * checking the state was taken from an optimizer of {@code expected} kind. Before the first update the
     * buffers are not yet allocated, so a state of step 0 has none.
     */
    double[][][] slots(OptimizerKind expected, int slotCount) {
        if (!kind.equals(expected.apiName())) {
            throw new IllegalArgumentException("Expected optimizer state of kind '" + expected.apiName()
                    + "' but found '" + kind + "'");
        }
        if ((slotCount == 0 || step == 0) && !buffers.isEmpty()) {
            throw new IllegalArgumentException("Expected no buffers in '" + kind + "' state of step " + step
                    + ", found " + buffers.size());
        }
        if (slotCount > 0 && step > 0 && buffers.isEmpty()) {
            throw new IllegalArgumentException("Expected buffers in '" + kind + "' state after " + step
                    + " steps, found none");
        }
        if (slotCount > 0 && buffers.size() % slotCount != 0) {
            throw new IllegalArgumentException("Expected " + slotCount + " buffers per parameter array in '" + kind
                    + "' state, found " + buffers.size() + " in all");
        }
        int perSlot = slotCount == 0 ? 0 : buffers.size() / slotCount;
        double[][][] slots = new double[slotCount][perSlot][];
        for (int s = 0; s < slotCount; s++) {
            for (int k = 0; k < perSlot; k++) {
                double[] buffer = buffers.get(s * perSlot + k);
                if (buffer.length != buffers.get(k).length) {
                    throw new IllegalArgumentException("Expected buffer " + (s * perSlot + k) + " of '" + kind
                            + "' state to hold " + buffers.get(k).length + " values like buffer " + k
                            + ", found " + buffer.length);
                }
                slots[s][k] = buffer.clone();
            }
        }
        return slots;
    }

    // Records compare arrays by identity; two states holding the same numbers should be equal.
    @Override
    public boolean equals(Object other) {
        return other instanceof OptimizerState that && kind.equals(that.kind) && step == that.step
                && buffers.size() == that.buffers.size() && buffersEqual(that.buffers);
    }

    private boolean buffersEqual(List<double[]> others) {
        for (int k = 0; k < buffers.size(); k++) {
            if (!Arrays.equals(buffers.get(k), others.get(k))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = Objects.hash(kind, step);
        for (double[] buffer : buffers) {
            hash = 31 * hash + Arrays.hashCode(buffer);
        }
        return hash;
    }

    // Lengths only: a real network's state holds tens of thousands of numbers.
    @Override
    public String toString() {
        return "OptimizerState[kind=" + kind + ", step=" + step + ", bufferLengths="
                + Arrays.toString(buffers.stream().mapToInt(buffer -> buffer.length).toArray()) + "]";
    }

    private static List<double[]> deepCopy(List<double[]> buffers) {
        List<double[]> copies = new ArrayList<>(buffers.size());
        for (double[] buffer : buffers) {
            copies.add(Objects.requireNonNull(buffer, "buffer").clone());
        }
        return List.copyOf(copies);
    }
}
