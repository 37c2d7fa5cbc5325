package dev.scratchnet.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

import dev.scratchnet.storage.ScratchnetProperties.IdxFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MNIST as LeCun published it (the book's load_mnist) and the gates of DLfS ch. 2. */
class BuiltInDatasetsTest {

    @Test
    void mnistHasSixtyThousandTrainingAndTenThousandTestDigits() {
        Dataset mnist = BuiltInDatasets.mnist();

        assertThat(mnist.name()).isEqualTo("mnist");
        assertThat(mnist.source()).isEqualTo(Dataset.Source.BUILT_IN);
        assertThat(mnist.train().size()).isEqualTo(60_000);
        assertThat(mnist.test().size()).isEqualTo(10_000);
        assertThat(mnist.inputSize()).isEqualTo(28 * 28);
        assertThat(mnist.classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(mnist.scaling().isIdentity()).isTrue();
    }

    @Test
    void mnistLabelsStartAsTheBookShows() {
        Dataset mnist = BuiltInDatasets.mnist();

        assertThat(labels(mnist.train(), 5)).containsExactly(5, 0, 4, 1, 9);
        assertThat(labels(mnist.test(), 5)).containsExactly(7, 2, 1, 0, 4);
    }

    @Test
    void mnistPixelsAreScaledToUnitInterval() {
        LabelledSamples train = BuiltInDatasets.mnist().train();
        double[] row = new double[784 + 2];

        train.copyFeatures(0, row, 1);

        assertThat(row[0]).isZero();
        assertThat(Arrays.stream(row).allMatch(value -> value >= 0 && value <= 1)).isTrue();
        // The first training image, a 5, has its first ink at row 5, column 12: pixel value 3.
        assertThat(row[1 + 5 * 28 + 12]).isCloseTo(3 / 255.0, within(1e-15));
        assertThat(Arrays.stream(row).max().orElseThrow()).isEqualTo(1.0);
    }

    @Test
    void mnistIsLoadedOnceAndShared() {
        assertThat(BuiltInDatasets.mnist()).isSameAs(BuiltInDatasets.mnist());
    }

    @Test
    void alteredMnistFileIsRefusedByItsChecksum(@TempDir Path folder) throws IOException {
        for (IdxFile file : BuiltInDatasets.MNIST_FILES.all()) {
            try (InputStream in = BuiltInDatasets.MNIST_LOCATION.open(file)) {
                Files.copy(in, folder.resolve(file.name()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path labels = folder.resolve("t10k-labels-idx1-ubyte.gz");
        byte[] bytes = Files.readAllBytes(labels);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(labels, bytes);

        assertThatThrownBy(() -> BuiltInDatasets.mnist(folder))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageStartingWith("t10k-labels-idx1-ubyte.gz: SHA-256 is ")
                .hasMessageEndingWith(", expected b91679a0acfe4ba0e50a2437a903084cba1f5f92592b016a25a7dfd00455798b");
    }

    @Test
    void unalteredCopyOfMnistLoads(@TempDir Path folder) throws IOException {
        for (IdxFile file : BuiltInDatasets.MNIST_FILES.all()) {
            try (InputStream in = BuiltInDatasets.MNIST_LOCATION.open(file)) {
                Files.copy(in, folder.resolve(file.name()));
            }
        }

        assertThat(BuiltInDatasets.mnist(folder).test().label(0)).isEqualTo(7);
    }

    @Test
    void gatesHoldTheirTruthTables() {
        assertThat(gateOutputs("and")).containsExactly(0, 0, 0, 1);
        assertThat(gateOutputs("or")).containsExactly(0, 1, 1, 1);
        assertThat(gateOutputs("nand")).containsExactly(1, 1, 1, 0);
        assertThat(gateOutputs("xor")).containsExactly(0, 1, 1, 0);
    }

    @Test
    void gateInputsAreTheFourPairsInTheBooksOrder() {
        Dataset xor = BuiltInDatasets.logicGate("xor");
        double[] inputs = new double[8];
        for (int i = 0; i < 4; i++) {
            xor.train().copyFeatures(i, inputs, 2 * i);
        }

        assertThat(inputs).containsExactly(0, 0, 1, 0, 0, 1, 1, 1);
        assertThat(xor.test()).isSameAs(xor.train());
        assertThat(xor.classNames()).containsExactly("0", "1");
        assertThat(xor.train().oneHot(1)).containsExactly(0, 1);
    }

    @Test
    void unknownGateIsRefusedNamingTheGates() {
        assertThatThrownBy(() -> BuiltInDatasets.logicGate("nor")).hasMessageContaining("No logic gate named 'nor'");
    }

    private static int[] gateOutputs(String gate) {
        return labels(BuiltInDatasets.logicGate(gate).train(), 4);
    }

    private static int[] labels(LabelledSamples samples, int count) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = samples.label(i);
        }
        return labels;
    }
}
