package dev.scratchnet.inference;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gives {@code PredictRequest} an example Swagger UI can send as it is: a drawn "1" as 784 intensities. An
 * annotation cannot hold 784 numbers readably, and an abridged example would only earn a 400.
 */
@Configuration(proxyBeanMethods = false)
class PredictExample {

    @Bean
    OpenApiCustomizer predictRequestExample() {
        return openApi -> {
            Schema<?> schema = openApi.getComponents() == null || openApi.getComponents().getSchemas() == null ? null
                    : openApi.getComponents().getSchemas().get("PredictRequest");
            if (schema != null) {
                ObjectNode example = Json.mapper().createObjectNode();
                ArrayNode input = example.putArray("input");
                for (double value : drawnOne()) {
                    input.add(value);
                }
                schema.setExample(example);
            }
        };
    }

    /** A vertical stroke two pixels wide and twenty tall, centred as MNIST centres its digits. */
    static double[] drawnOne() {
        int side = DigitImage.SIDE;
        double[] pixels = new double[side * side];
        for (int y = 4; y < 24; y++) {
            pixels[y * side + 13] = 1.0;
            pixels[y * side + 14] = 1.0;
        }
        return pixels;
    }
}
