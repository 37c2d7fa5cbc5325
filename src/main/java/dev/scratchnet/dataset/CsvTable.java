package dev.scratchnet.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.scratchnet.web.InvalidField;

/**
 * A CSV table as uploaded: a header row, one label column and numeric feature columns. Fields may be quoted
 * ({@code "a, b"}, {@code ""} for a quote); blank lines are skipped. Rows count from 1 at the header, as an editor
 * shows them, and every fault names its row and column.
 */
record CsvTable(List<String> featureNames, double[] features, List<String> labels) {

    /** Limits to stop at while reading; {@code null} when reading back an upload that was already accepted. */
    record Limits(int maxRows, int maxColumns) {
    }

    int rows() {
        return labels.size();
    }

    int columns() {
        return featureNames.size();
    }

    /** Reads the table whose form field is {@code field}, taking labels from the column headed {@code labelColumn}. */
    static CsvTable read(String field, InputStream in, String labelColumn, Limits limits) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
        Parser parser = new Parser(field, labelColumn, limits);
        try {
            int row = 0;
            for (String line; (line = reader.readLine()) != null;) {
                row++;
                if (row == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (!line.isBlank()) {
                    parser.accept(row, line);
                }
            }
        } catch (CharacterCodingException e) {
            throw UploadRejectedException.malformed(field + " is not UTF-8 text", InvalidField.of(field), e);
        }
        return parser.finish();
    }

    /**
     * The largest magnitude a feature may have. Standardisation squares deviations and sums them over up to
     * max-rows rows; 1e150 squared is 1e300, far enough below Double.MAX_VALUE (1.8e308) to leave room for the sum.
     */
    static final double MAX_MAGNITUDE = 1e150;

    private static final class Parser {

        private final String field;
        private final String labelColumn;
        private final Limits limits;
        private List<String> header;
        private int labelIndex;
        private double[] features = new double[1024];
        private int valueCount;
        private final List<String> labels = new ArrayList<>();

        Parser(String field, String labelColumn, Limits limits) {
            this.field = field;
            this.labelColumn = labelColumn;
            this.limits = limits;
        }

        void accept(int row, String line) {
            List<String> cells = split(row, line);
            if (header == null) {
                readHeader(row, cells);
                return;
            }
            if (limits != null && labels.size() >= limits.maxRows()) {
                throw UploadRejectedException.tooLarge(field + " has more than " + limits.maxRows()
                        + " data rows (scratchnet.datasets.upload.max-rows)", InvalidField.of(field));
            }
            if (cells.size() != header.size()) {
                throw UploadRejectedException.malformedCell("row " + row + " has " + cells.size()
                        + " fields but the header has " + header.size(), field, row, null, cells.size());
            }
            int columns = header.size() - 1;
            if (valueCount + columns > features.length) {
                features = Arrays.copyOf(features, Math.max(features.length * 3 / 2, valueCount + columns));
            }
            for (int c = 0; c < cells.size(); c++) {
                String cell = cells.get(c);
                if (c == labelIndex) {
                    if (cell.isEmpty()) {
                        throw UploadRejectedException.malformedCell("row " + row + ", column " + (c + 1) + " ("
                                + header.get(c) + "): the label is empty", field, row, header.get(c), cell);
                    }
                    labels.add(cell);
                } else {
                    features[valueCount++] = number(row, c, cell);
                }
            }
        }

        private void readHeader(int row, List<String> cells) {
            Map<String, Integer> seen = new HashMap<>();
            for (int c = 0; c < cells.size(); c++) {
                String name = cells.get(c);
                if (name.isEmpty()) {
                    throw UploadRejectedException.malformedCell("row " + row + ", column " + (c + 1)
                            + ": the header is empty", field, row, null, name);
                }
                Integer before = seen.put(name, c);
                if (before != null) {
                    throw UploadRejectedException.malformedCell("row " + row + ": column " + (c + 1) + " repeats the "
                            + "header '" + name + "' of column " + (before + 1), field, row, name, name);
                }
            }
            if (limits != null && cells.size() - 1 > limits.maxColumns()) {
                throw UploadRejectedException.tooLarge(field + " has " + (cells.size() - 1) + " feature columns, "
                        + "more than " + limits.maxColumns() + " (scratchnet.datasets.upload.max-columns)",
                        InvalidField.of(field));
            }
            Integer index = seen.get(labelColumn);
            if (index == null) {
                throw UploadRejectedException.malformed("label '" + labelColumn + "' is not a column of " + field
                        + "; its header is " + cells, new InvalidField("label", labelColumn, cells));
            }
            if (cells.size() < 2) {
                throw UploadRejectedException.malformed(field + " has no feature column besides the label '"
                        + labelColumn + "'", InvalidField.of(field));
            }
            header = cells;
            labelIndex = index;
        }

        private double number(int row, int column, String cell) {
            double value;
            try {
                value = Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw UploadRejectedException.malformedCell("row " + row + ", column " + (column + 1) + " ("
                        + header.get(column) + "): '" + cell + "' is not a number", field, row, header.get(column),
                        cell);
            }
            if (!Double.isFinite(value)) {
                throw UploadRejectedException.malformedCell("row " + row + ", column " + (column + 1) + " ("
                        + header.get(column) + "): '" + cell + "' is not a finite number", field, row,
                        header.get(column), cell);
            }
            if (Math.abs(value) > MAX_MAGNITUDE) {
                throw UploadRejectedException.malformedCell("row " + row + ", column " + (column + 1) + " ("
                        + header.get(column) + "): '" + cell + "' is larger in magnitude than " + MAX_MAGNITUDE
                        + ", too large to standardise", field, row, header.get(column), cell);
            }
            return value;
        }

        /** Splits one line into trimmed cells, honouring double quotes. */
        private List<String> split(int row, String line) {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            for (int k = 0; k < line.length(); k++) {
                char ch = line.charAt(k);
                if (quoted) {
                    if (ch == '"' && k + 1 < line.length() && line.charAt(k + 1) == '"') {
                        cell.append('"');
                        k++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        cell.append(ch);
                    }
                } else if (ch == '"' && cell.toString().isBlank() && !wasQuoted) {
                    quoted = true;
                    wasQuoted = true;
                    cell.setLength(0);
                } else if (ch == ',') {
                    cells.add(wasQuoted ? cell.toString() : cell.toString().strip());
                    cell.setLength(0);
                    wasQuoted = false;
                } else if (!wasQuoted || !Character.isWhitespace(ch)) {
                    if (wasQuoted) {
                        throw UploadRejectedException.malformedCell("row " + row + ", column " + (cells.size() + 1)
                                + ": text after a closing quote", field, row, null, line);
                    }
                    cell.append(ch);
                }
            }
            if (quoted) {
                throw UploadRejectedException.malformedCell("row " + row + ", column " + (cells.size() + 1)
                        + ": a quote is not closed on this line", field, row, null, line);
            }
            cells.add(wasQuoted ? cell.toString() : cell.toString().strip());
            return cells;
        }

        CsvTable finish() {
            if (header == null) {
                throw UploadRejectedException.malformed(field + " is empty: expected a header row",
                        InvalidField.of(field));
            }
            if (labels.isEmpty()) {
                throw UploadRejectedException.malformed(field + " has a header but no data rows",
                        InvalidField.of(field));
            }
            List<String> names = new ArrayList<>(header);
            names.remove(labelIndex);
            return new CsvTable(List.copyOf(names), Arrays.copyOf(features, valueCount), List.copyOf(labels));
        }
    }
}
