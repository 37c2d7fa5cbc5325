package dev.scratchnet.inference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * The service's prediction meters: {@code scratchnet.predictions}, requests by model and outcome, and
 * {@code scratchnet.prediction.latency}, the time from taking the model to having the answer, by model. Only model
 * ids that exist become tags: a request for an unknown id counts under {@code none}.
 */
@Component
class PredictionMeters {

    static final String PREDICTIONS = "scratchnet.predictions";
    static final String LATENCY = "scratchnet.prediction.latency";
    static final String NO_MODEL = "none";

    /** How a prediction request ended. */
    enum Outcome {
        OK, INVALID_INPUT, NO_MODEL, UNKNOWN_MODEL;

        String tag() {
            return name().toLowerCase();
        }
    }

    private final MeterRegistry registry;

    PredictionMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    Counter requests(String modelId, Outcome outcome) {
        return Counter.builder(PREDICTIONS).description("Prediction requests by model and outcome")
                .tag("model", modelId).tag("outcome", outcome.tag()).register(registry);
    }

    Timer latency(String modelId) {
        return Timer.builder(LATENCY).description("Time to answer a prediction request, inputs checked and run")
                .tag("model", modelId).register(registry);
    }
}
