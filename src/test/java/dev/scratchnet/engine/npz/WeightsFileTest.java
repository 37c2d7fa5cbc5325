package dev.scratchnet.engine.npz;

import static dev.scratchnet.engine.npz.Archives.Entry.stored;
import static dev.scratchnet.engine.npz.Archives.npy;
import static dev.scratchnet.engine.npz.Archives.resource;
import static dev.scratchnet.engine.npz.Archives.zeros;
import static dev.scratchnet.engine.npz.Archives.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scratchnet.engine.Weights;
import dev.scratchnet.engine.Weights.Layer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Weights to and from the W1 b1 … Wn bn npz; expected numbers are printed by make_fixtures.py beside the files. */
class WeightsFileTest {

    private static final Path SAMPLE_WEIGHTS = Path.of("../shared/reference/sample_weight.npz");

    private static final Weights SEVENTHS = new Weights(List.of(
            new Layer(2, 3, new double[] {1.0 / 7, 2.0 / 7, 3.0 / 7, 4.0 / 7, 5.0 / 7, 6.0 / 7},
                    new double[] {-1.0 / 3, 2.0 / 3, 1e-300}),
            new Layer(3, 2, new double[] {0, Math.PI, 2 * Math.PI, 3 * Math.PI, 4 * Math.PI, 5 * Math.PI},
                    new double[] {Math.E, -1e300})));

    @Test
    void bookSampleWeightsLoadAs784_50_100_10() throws IOException {
        assumeTrue(Files.exists(SAMPLE_WEIGHTS), "needs ../shared/reference/sample_weight.npz");

        Weights weights = WeightsFile.read(SAMPLE_WEIGHTS);

        // Its W matrices are stored in Fortran order; these elements show they come out in C order.
        assertThat(weights.sizes()).containsExactly(784, 50, 100, 10);
        double[] w1 = weights.layers().get(0).weights();
        assertThat(w1[1]).as("W1[0, 1]").isEqualTo(-0.007904390804469585);
        assertThat(w1[50]).as("W1[1, 0]").isEqualTo(-0.010297450236976147);
        assertThat(weights.layers().get(2).weights()[999]).as("W3[99, 9]").isEqualTo(0.03177173063158989);
        assertThat(weights.layers().get(2).biases()[0]).as("b3[0]").isEqualTo(-0.060239847749471664);
    }

    @Test
    void numpyFloat32FileLoadsAsExactDoublesOfItsFloats() throws IOException {
        Weights weights = read("tiny-f32.npz");

        assertThat(weights.sizes()).containsExactly(2, 3, 2);
        Layer first = weights.layers().get(0);
        Layer second = weights.layers().get(1);
        assertThat(first.weights()).containsExactly(0.10000000149011612, -0.20000000298023224, 0.30000001192092896,
                0.4000000059604645, 0.5, -0.6000000238418579);
        assertThat(first.biases()).containsExactly(0.009999999776482582, 0.019999999552965164, 0.029999999329447746);
        assertThat(second.weights()).containsExactly(1.5, -2.25, 3.125, -0.699999988079071, 0.0010000000474974513,
                42.0);
        assertThat(second.biases()).containsExactly(-0.5, 0.25);
    }

    @Test
    void numpyFloat64FileLoadsEveryBit() throws IOException {
        assertSameValues(read("tiny-f64.npz"), SEVENTHS);
    }

    @Test
    void numpyCompressedFileLoads() throws IOException {
        assertSameValues(read("tiny-compressed.npz"), SEVENTHS);
    }

    @Test
    void bigEndianArraysLoadLikeLittleEndianOnes() throws IOException {
        Weights weights = read("big-endian.npz");

        assertThat(weights.layers().get(0).weights()).containsExactly(0.10000000149011612, -0.20000000298023224,
                0.30000001192092896, 0.4000000059604645, 0.5, -0.6000000238418579);
        assertThat(weights.layers().get(1).weights()).containsExactly(1.5, -2.25, 3.125, -0.7, 0.001, 42.0);
        assertThat(weights.layers().get(1).biases()).containsExactly(-0.5, 0.25);
    }

    @Test
    void float64RoundTripKeepsEveryBit() throws IOException {
        assertSameValues(roundTrip(SEVENTHS, Precision.FLOAT64), SEVENTHS);
    }

    @Test
    void float32RoundTripKeepsTheNearestFloatOfEachValue() throws IOException {
        Weights doubles = new Weights(List.of(new Layer(1, 3, new double[] {1.0 / 7, Math.PI, -1e-300},
                new double[] {0.1, 1e30, -2.0 / 3})));

        Weights read = roundTrip(doubles, Precision.FLOAT32);

        assertThat(read.layers().get(0).weights()).containsExactly((float) (1.0 / 7), (float) Math.PI, -0.0);
        assertThat(read.layers().get(0).biases()).containsExactly(0.1f, 1e30f, (float) (-2.0 / 3));
    }

    @Test
    void float32RoundTripOfFloatValuesIsExact() throws IOException {
        Weights floats = read("tiny-f32.npz");

        assertSameValues(roundTrip(floats, Precision.FLOAT32), floats);
    }

    @Test
    void float32WriteRefusesValueBeyondFloatRange() {
        assertThatThrownBy(() -> WeightsFile.write(SEVENTHS, new ByteArrayOutputStream(), Precision.FLOAT32))
                .isInstanceOf(NpzFormatException.class)
                .hasMessageStartingWith("b2.npy[1] = -1.0E300");
    }

    @Test
    void writeRefusesNaN() {
        Weights diverged = new Weights(List.of(new Layer(1, 2, new double[] {0, Double.NaN}, new double[2])));

        assertThatThrownBy(() -> WeightsFile.write(diverged, new ByteArrayOutputStream()))
                .isInstanceOf(NpzFormatException.class)
                .hasMessage("W1.npy[0, 1] is NaN: expected finite values");
    }

    @Test
    void nanWeightIsRefusedWithItsIndex() {
        byte[] w2 = ByteBuffer.allocate(6 * 8).order(ByteOrder.LITTLE_ENDIAN).putDouble(3 * 8, Double.NaN).array();
        byte[] archive = zip(stored("W1.npy", zeros("(2, 3)", 6)), stored("b1.npy", zeros("(3,)", 3)),
                stored("W2.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }", w2)),
                stored("b2.npy", zeros("(2,)", 2)));

        assertRefused(archive, "W2.npy[1, 1] is NaN: expected finite values");
    }

    @Test
    void infiniteBiasIsRefusedWithItsIndex() {
        byte[] b1 = ByteBuffer.allocate(3 * 8).order(ByteOrder.LITTLE_ENDIAN)
                .putDouble(2 * 8, Double.NEGATIVE_INFINITY).array();
        byte[] archive = zip(stored("W1.npy", zeros("(2, 3)", 6)),
                stored("b1.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", b1)));

        assertRefused(archive, "b1.npy[2] is -Infinity: expected finite values");
    }

    @Test
    void threeDimensionalWeightIsRefused() {
        assertRefused(zip(stored("W1.npy", zeros("(2, 3, 1)", 6)), stored("b1.npy", zeros("(3,)", 3))),
                "W1.npy: expected a 2-D matrix (inputs, outputs), found shape (2, 3, 1)");
    }

    @Test
    void weightsThatDoNotChainAreRefused() {
        byte[] archive = zip(stored("W1.npy", zeros("(784, 50)", 784 * 50)), stored("b1.npy", zeros("(50,)", 50)),
                stored("W2.npy", zeros("(60, 10)", 600)), stored("b2.npy", zeros("(10,)", 10)));

        assertRefused(archive, "W2.npy: expected 50 rows to follow W1 (784×50), found 60");
    }

    @Test
    void biasLengthDifferentFromColumnsIsRefused() {
        assertRefused(zip(stored("W1.npy", zeros("(2, 3)", 6)), stored("b1.npy", zeros("(4,)", 4))),
                "b1.npy: expected 3 biases to match W1's 3 columns, found 4");
    }

    @Test
    void biasMatrixIsRefused() {
        assertRefused(zip(stored("W1.npy", zeros("(2, 3)", 6)), stored("b1.npy", zeros("(1, 3)", 3))),
                "b1.npy: expected a 1-D vector of 3 biases, found shape (1, 3)");
    }

    @Test
    void emptyWeightIsRefused() {
        assertRefused(zip(stored("W1.npy", zeros("(0, 3)", 0)), stored("b1.npy", zeros("(3,)", 3))),
                "W1.npy: expected at least one row and column, found shape (0, 3)");
    }

    @Test
    void missingBiasIsRefusedNamingEveryExpectedKey() {
        byte[] archive = zip(stored("W1.npy", zeros("(2, 3)", 6)), stored("b1.npy", zeros("(3,)", 3)),
                stored("W2.npy", zeros("(3, 2)", 6)), stored("W3.npy", zeros("(2, 2)", 4)),
                stored("b3.npy", zeros("(2,)", 2)));

        assertRefused(archive, "b2.npy missing: expected W1 b1 … W3 b3");
    }

    @Test
    void emptyArchiveIsRefusedAsMissingW1() {
        assertRefused(zip(), "W1.npy missing: expected W1 b1");
    }

    @Test
    void extraKeyIsRefused() {
        byte[] archive = zip(stored("W1.npy", zeros("(2, 3)", 6)), stored("b1.npy", zeros("(3,)", 3)),
                stored("arr_0.npy", zeros("(3,)", 3)));

        assertRefused(archive, "unexpected entry arr_0.npy: expected only W1 b1");
    }

    @Test
    void fortranOrderMatrixLoadsInCOrder() throws IOException {
        Weights weights = read("fortran.npz");

        assertThat(weights.layers().get(0).weights()).containsExactly(0.1, -0.2, 0.3, 0.4, 0.5, -0.6);
        assertThat(weights.layers().get(1).weights()).containsExactly(1.5, -2.25, 3.125, -0.7, 0.001, 42.0);
    }

    @Test
    void integerFileIsRefusedNamingItsDtype() {
        assertRefused(resource("int.npz"), "W1.npy: dtype '<i8' is not supported");
    }

    @Test
    void objectFileIsRefusedWithoutUnpickling() {
        assertRefused(resource("object.npz"), "W1.npy: dtype '|O' is not supported");
    }

    private static Weights read(String fixture) throws IOException {
        return WeightsFile.read(new ByteArrayInputStream(resource(fixture)));
    }

    private static Weights roundTrip(Weights weights, Precision precision) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WeightsFile.write(weights, out, precision);
        return WeightsFile.read(new ByteArrayInputStream(out.toByteArray()));
    }

    private static void assertSameValues(Weights actual, Weights expected) {
        assertThat(actual.sizes()).containsExactly(expected.sizes());
        for (int k = 0; k < expected.layers().size(); k++) {
            assertThat(actual.layers().get(k).weights()).containsExactly(expected.layers().get(k).weights());
            assertThat(actual.layers().get(k).biases()).containsExactly(expected.layers().get(k).biases());
        }
    }

    private static void assertRefused(byte[] archive, String message) {
        assertThatThrownBy(() -> WeightsFile.read(new ByteArrayInputStream(archive)))
                .isInstanceOf(NpzFormatException.class)
                .hasMessageStartingWith(message);
    }
}
