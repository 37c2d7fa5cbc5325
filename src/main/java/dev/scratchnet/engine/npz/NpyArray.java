package dev.scratchnet.engine.npz;

import java.util.Arrays;

/**
 * One array of an {@code .npz}: its NumPy shape and its elements in C order, widened to double.
 * A float32 element becomes the exact double of that float. Like {@code Weights.Layer}, the arrays are shared,
 * not copied, so a 784×50 matrix is not duplicated on its way through.
 */
public record NpyArray(int[] shape, double[] values) {

    public NpyArray {
        long count = 1;
        for (int size : shape) {
            if (size < 0) {
                throw new IllegalArgumentException("Expected sizes ≥ 0, found shape " + describe(shape));
            }
            count *= size;
        }
        if (count != values.length) {
            throw new IllegalArgumentException("Shape " + describe(shape) + " needs " + count
                    + " values but found " + values.length);
        }
    }

    /** A 1-D array, NumPy shape {@code (n,)}. */
    public static NpyArray vector(double[] values) {
        return new NpyArray(new int[] {values.length}, values);
    }

    /** A 2-D array in C order, NumPy shape {@code (rows, columns)}. */
    public static NpyArray matrix(int rows, int columns, double[] values) {
        return new NpyArray(new int[] {rows, columns}, values);
    }

    public int dimensions() {
        return shape.length;
    }

    /** Size of axis {@code axis}: for a matrix, 0 is rows and 1 is columns. */
    public int size(int axis) {
        return shape[axis];
    }

    /** The shape as Python prints it: {@code (784, 50)}, {@code (50,)}, {@code ()}. */
    public String describeShape() {
        return describe(shape);
    }

    static String describe(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        return Arrays.toString(shape).replace('[', '(').replace(']', ')');
    }
}
