package dev.scratchnet.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The CSV dialect uploads accept and the row and column every fault names. */
class CsvTableTest {

    @Test
    void readsQuotedFieldsBomAndBlankLines() throws IOException {
        CsvTable table = read("\uFEFFa, \"b, c\",label\n\n1, 2,\"x \"\"y\"\"\"\r\n3,4e2,z\n", "label");

        assertThat(table.featureNames()).containsExactly("a", "b, c");
        assertThat(table.features()).containsExactly(1, 2, 3, 400);
        assertThat(table.labels()).containsExactly("x \"y\"", "z");
    }

    @Test
    void faultsNameRowAndColumn() {
        assertRejected("a,label\n1,x\n2\n", HttpStatus.UNPROCESSABLE_CONTENT, "row 3 has 1 fields but the header has 2");
        assertRejected("a,label\n1,x\nNaN,y\n", HttpStatus.UNPROCESSABLE_CONTENT,
                "row 3, column 1 (a): 'NaN' is not a finite number");
        assertRejected("a,label\n1,\n", HttpStatus.UNPROCESSABLE_CONTENT, "row 2, column 2 (label): the label is empty");
        assertRejected("a,a,label\n", HttpStatus.UNPROCESSABLE_CONTENT,
                "row 1: column 2 repeats the header 'a' of column 1");
        assertRejected("a,label\n\"1,x\n", HttpStatus.UNPROCESSABLE_CONTENT,
                "row 2, column 1: a quote is not closed on this line");
        assertRejected("", HttpStatus.UNPROCESSABLE_CONTENT, "file is empty: expected a header row");
        assertRejected("label\nx\n", HttpStatus.UNPROCESSABLE_CONTENT,
                "file has no feature column besides the label 'label'");
    }

    @Test
    void limitsAreContentTooLarge() {
        assertRejected("a,b,c,label\n", HttpStatus.CONTENT_TOO_LARGE, "file has 3 feature columns, more than 2 "
                + "(scratchnet.datasets.upload.max-columns)");
        assertRejected("a,label\n1,x\n2,x\n3,x\n4,x\n", HttpStatus.CONTENT_TOO_LARGE,
                "file has more than 3 data rows (scratchnet.datasets.upload.max-rows)");
    }

    private static void assertRejected(String csv, HttpStatus status, String detail) {
        assertThatThrownBy(() -> read(csv, "label"))
                .isInstanceOfSatisfying(UploadRejectedException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(status))
                .hasMessage(detail);
    }

    private static CsvTable read(String csv, String label) throws IOException {
        return CsvTable.read("file", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), label,
                new CsvTable.Limits(3, 2));
    }
}
