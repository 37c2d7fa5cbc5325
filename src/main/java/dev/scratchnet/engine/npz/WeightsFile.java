package dev.scratchnet.engine.npz;

import dev.scratchnet.engine.Weights;
import dev.scratchnet.engine.Weights.Layer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A network's {@link Weights} as an {@code .npz} keyed like the book's sample weights: layer k is {@code Wk},
 * shape (inputs, outputs), and {@code bk}, shape (outputs,), so {@code W1 b1 W2 b2 W3 b3} for 784-50-100-10.
 */
public final class WeightsFile {

    private static final Pattern KEY = Pattern.compile("([Wb])([1-9][0-9]{0,5})");

    private WeightsFile() {
    }

    public static Weights read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    public static Weights read(InputStream in) throws IOException {
        return read(in, NpzLimits.DEFAULT);
    }

    /** Reads and checks every array before building the layers; leaves {@code in} open. */
    public static Weights read(InputStream in, NpzLimits limits) throws IOException {
        Map<String, NpyArray> arrays = new NpzReader(limits).read(in);
        int layerCount = checkKeys(arrays);
        List<Layer> layers = new ArrayList<>(layerCount);
        for (int k = 1; k <= layerCount; k++) {
            layers.add(layer(k, arrays.get("W" + k), arrays.get("b" + k), k > 1 ? layers.get(k - 2) : null));
        }
        return new Weights(layers);
    }

    /** Writes float64, so a network reloads exactly as it was saved. */
    public static void write(Weights weights, OutputStream out) throws IOException {
        write(weights, out, Precision.FLOAT64);
    }

    /** Writes {@code W1 b1 … Wn bn} and finishes the zip, leaving {@code out} open. */
    public static void write(Weights weights, OutputStream out, Precision precision) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        for (int k = 1; k <= weights.layers().size(); k++) {
            Layer layer = weights.layers().get(k - 1);
            // A diverged network is refused here rather than saved as a file that read would refuse.
            checkFinite("W" + k, layer.weights(), layer.outputs());
            checkFinite("b" + k, layer.biases(), 0);
            arrays.put("W" + k, NpyArray.matrix(layer.inputs(), layer.outputs(), layer.weights()));
            arrays.put("b" + k, NpyArray.vector(layer.biases()));
        }
        new NpzWriter(precision).write(arrays, out);
    }

    /** The number of layers, after refusing a missing or unexpected key. */
    private static int checkKeys(Map<String, NpyArray> arrays) {
        int layerCount = 1;
        for (String key : arrays.keySet()) {
            Matcher matcher = KEY.matcher(key);
            if (matcher.matches()) {
                layerCount = Math.max(layerCount, Integer.parseInt(matcher.group(2)));
            }
        }
        String expected = expectedKeys(layerCount);
        for (String key : arrays.keySet()) {
            Matcher matcher = KEY.matcher(key);
            if (!matcher.matches()) {
                throw new NpzFormatException("unexpected entry " + key + ".npy: expected only " + expected);
            }
        }
        for (int k = 1; k <= layerCount; k++) {
            for (String key : List.of("W" + k, "b" + k)) {
                if (!arrays.containsKey(key)) {
                    throw new NpzFormatException(key + ".npy missing: expected " + expected);
                }
            }
        }
        return layerCount;
    }

    private static String expectedKeys(int layerCount) {
        return switch (layerCount) {
            case 1 -> "W1 b1";
            case 2 -> "W1 b1 W2 b2";
            default -> "W1 b1 … W" + layerCount + " b" + layerCount;
        };
    }

    private static Layer layer(int k, NpyArray w, NpyArray b, Layer previous) {
        String name = "W" + k + ".npy";
        if (w.dimensions() != 2) {
            throw new NpzFormatException(name + ": expected a 2-D matrix (inputs, outputs), found shape "
                    + w.describeShape());
        }
        int rows = w.size(0);
        int columns = w.size(1);
        if (rows == 0 || columns == 0) {
            throw new NpzFormatException(name + ": expected at least one row and column, found shape "
                    + w.describeShape());
        }
        if (previous != null && rows != previous.outputs()) {
            throw new NpzFormatException(name + ": expected " + previous.outputs() + " rows to follow W" + (k - 1)
                    + " (" + previous.inputs() + "×" + previous.outputs() + "), found " + rows);
        }
        if (b.dimensions() != 1) {
            throw new NpzFormatException("b" + k + ".npy: expected a 1-D vector of " + columns
                    + " biases, found shape " + b.describeShape());
        }
        if (b.size(0) != columns) {
            throw new NpzFormatException("b" + k + ".npy: expected " + columns + " biases to match W" + k + "'s "
                    + columns + " columns, found " + b.size(0));
        }
        checkFinite("W" + k, w.values(), columns);
        checkFinite("b" + k, b.values(), 0);
        return new Layer(rows, columns, w.values(), b.values());
    }

    /** Refuses NaN and ±Infinity, naming the element as NumPy would index it; {@code columns} is 0 for a vector. */
    private static void checkFinite(String key, double[] values, int columns) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                String index = columns == 0 ? Integer.toString(i) : i / columns + ", " + i % columns;
                throw new NpzFormatException(key + ".npy[" + index + "] is " + values[i] + ": expected finite values");
            }
        }
    }
}
