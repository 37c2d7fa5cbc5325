package dev.scratchnet.inference;

import java.util.List;

import org.springframework.http.HttpStatus;

import dev.scratchnet.web.InvalidField;

/**
 * The checks on JSON inputs, each refusal naming the input as the client wrote it ({@code input},
 * {@code inputs[3]}, {@code inputs[3][17]}): exactly one of input and inputs, at most the configured number of rows,
 * each as long as the input layer, finite, and for a pixel model within [0, 1].
 */
final class InputCheck {

    private static final List<String> ONE_OF = List.of("exactly one of input and inputs");

    private InputCheck() {
    }

    /** The request's inputs as rows, once every check has passed. */
    static double[][] rows(PredictRequest request, Predictor.Serving model, int maxInputs) {
        double[] input = request.input();
        double[][] inputs = request.inputs();
        if (input == null && inputs == null) {
            throw new InvalidInputException("Send exactly one of input (one vector) and inputs (a list of them); "
                    + "found neither", new InvalidField("input", null, ONE_OF));
        }
        if (input != null && inputs != null) {
            throw new InvalidInputException("Send exactly one of input and inputs; found both",
                    new InvalidField("inputs", null, ONE_OF));
        }
        if (input != null) {
            check(input, "input", model);
            return new double[][] {input};
        }
        if (inputs.length == 0) {
            throw new InvalidInputException("inputs is empty: send at least one input",
                    new InvalidField("inputs", "[]", List.of("1 to " + maxInputs + " inputs")));
        }
        if (inputs.length > maxInputs) {
            throw new InvalidInputException(HttpStatus.CONTENT_TOO_LARGE, "inputs holds " + inputs.length
                    + " inputs, more than the limit of " + maxInputs,
                    new InvalidField("inputs", inputs.length + " inputs", List.of("at most " + maxInputs)));
        }
        for (int i = 0; i < inputs.length; i++) {
            check(inputs[i], "inputs[" + i + "]", model);
        }
        return inputs;
    }

    private static void check(double[] row, String field, Predictor.Serving model) {
        int expected = model.inputSize();
        if (row == null || row.length != expected) {
            String found = row == null ? "null" : row.length == 1 ? "1 value" : row.length + " values";
            throw new InvalidInputException(field + ": model " + model.id() + " takes " + expected
                    + " values, found " + found, new InvalidField(field, found, List.of(expected + " values")));
        }
        for (int j = 0; j < row.length; j++) {
            double value = row[j];
            if (!Double.isFinite(value)) {
                // Written as text: JSON has no spelling for NaN or Infinity.
                throw new InvalidInputException(field + "[" + j + "] is " + value + ": expected a finite number",
                        new InvalidField(field + "[" + j + "]", Double.toString(value), List.of("finite numbers")));
            }
            if (model.pixels() && (value < 0.0 || value > 1.0)) {
                throw new InvalidInputException(field + "[" + j + "] is " + value + ": model " + model.id()
                        + " takes pixel intensities from 0 to 1", new InvalidField(field + "[" + j + "]", value,
                        List.of("0 to 1")));
            }
        }
    }
}
