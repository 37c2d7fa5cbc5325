package dev.scratchnet.dataset;

import java.util.Arrays;

/**
 * Standardisation (x − mean) / standardDeviation per feature, fitted on a training split. A model keeps the scaling
 * of the dataset it was trained on, so prediction takes raw values. Image sets use {@link #identity(int)}: their
 * [0, 1] scaling is fixed and happens when samples are copied.
 */
public record FeatureScaling(double[] mean, double[] standardDeviation) {

    public FeatureScaling {
        if (mean.length != standardDeviation.length) {
            throw new IllegalArgumentException("Expected " + mean.length + " standard deviations to match the means "
                    + "but found " + standardDeviation.length);
        }
        mean = mean.clone();
        standardDeviation = standardDeviation.clone();
        for (int j = 0; j < mean.length; j++) {
            if (!Double.isFinite(mean[j]) || !(standardDeviation[j] > 0) || Double.isInfinite(standardDeviation[j])) {
                throw new IllegalArgumentException("Feature " + j + " needs a finite mean and a positive finite "
                        + "standard deviation, found " + mean[j] + " and " + standardDeviation[j]);
            }
        }
    }

    /** No change: mean 0 and deviation 1 for each of {@code size} features. */
    public static FeatureScaling identity(int size) {
        double[] ones = new double[size];
        Arrays.fill(ones, 1.0);
        return new FeatureScaling(new double[size], ones);
    }

    /**
     * Fits the scaling to {@code rows} rows of {@code columns} features (row-major): the mean and the population
     * standard deviation of each column, as scikit-learn's StandardScaler does. A constant column gets deviation 1,
     * so it becomes 0 instead of NaN.
     */
    public static FeatureScaling fit(double[] values, int rows, int columns) {
        double[] mean = new double[columns];
        double[] deviation = new double[columns];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                mean[j] += values[i * columns + j];
            }
        }
        for (int j = 0; j < columns; j++) {
            mean[j] /= rows;
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                double d = values[i * columns + j] - mean[j];
                deviation[j] += d * d;
            }
        }
        for (int j = 0; j < columns; j++) {
            deviation[j] = Math.sqrt(deviation[j] / rows);
            if (deviation[j] == 0) {
                deviation[j] = 1.0;
            }
        }
        return new FeatureScaling(mean, deviation);
    }

    public int size() {
        return mean.length;
    }

    public boolean isIdentity() {
        for (int j = 0; j < mean.length; j++) {
            if (mean[j] != 0 || standardDeviation[j] != 1) {
                return false;
            }
        }
        return true;
    }

    /** The scaled copy of one raw feature vector. */
    public double[] apply(double[] raw) {
        double[] scaled = raw.clone();
        applyInPlace(scaled, 0, 1);
        return scaled;
    }

    /** Scales {@code rows} feature vectors stored row-major in {@code values} from {@code offset}, in place. */
    public void applyInPlace(double[] values, int offset, int rows) {
        if (offset + (long) rows * mean.length > values.length) {
            throw new IllegalArgumentException("Expected " + rows + " rows of " + mean.length + " features from "
                    + offset + " but found " + (values.length - offset) + " values");
        }
        for (int i = 0; i < rows; i++) {
            int base = offset + i * mean.length;
            for (int j = 0; j < mean.length; j++) {
                values[base + j] = (values[base + j] - mean[j]) / standardDeviation[j];
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FeatureScaling that && Arrays.equals(mean, that.mean)
                && Arrays.equals(standardDeviation, that.standardDeviation);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(standardDeviation);
    }

    @Override
    public String toString() {
        return "FeatureScaling[mean=" + Arrays.toString(mean) + ", standardDeviation="
                + Arrays.toString(standardDeviation) + "]";
    }
}
