package dev.scratchnet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockMultipartFile;

import dev.scratchnet.web.InvalidField;

/** The parameter cap on {@code POST /models}, which keeps a tiny deflated upload from filling the heap. */
class ModelImportTest {

    @Test
    void deflatedZerosDeclaringMoreParametersThanTheCapAreRefusedBeforeInflating() {
        ModelImport imports = new ModelImport(null, null, 1_000_000);
        // 2 000 000 float32 zeros: 8 MB, far under the 256 MiB file limit, deflated to a few KiB.
        byte[] w1 = Npz.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2000, 1000), }",
                new byte[2000 * 1000 * Float.BYTES]);
        byte[] npz = Npz.deflatedZip("W1.npy", w1, "b1.npy", Npz.npy("(1000,)", new double[1000]));
        MockMultipartFile weights = new MockMultipartFile("weights", "w.npz", "application/octet-stream", npz);

        assertThatThrownBy(() -> imports.register(new ModelImport.Upload(weights, "sigmoid", "softmax", null, null,
                null))).isInstanceOfSatisfying(ModelRejectedException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
                    assertThat(e.getMessage()).startsWith("weights: W1.npy").contains("at most 1000000 parameters");
                    assertThat(e.getBody().getProperties().get(InvalidField.PROPERTY).toString())
                            .contains("field=weights");
                });
    }

    @Test
    void halfAGibibyteHeapTakesAboutFiveMillionParametersAndTheBooksNetworkEasily() {
        long booksNetwork = 784 * 50 + 50 + 50 * 100 + 100 + 100 * 10 + 10;

        assertThat(ModelImport.maxUploadValues(512L << 20)).isEqualTo(5_592_405).isGreaterThan(100 * booksNetwork);
    }
}
