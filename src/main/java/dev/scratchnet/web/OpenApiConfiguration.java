package dev.scratchnet.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import dev.scratchnet.storage.ScratchnetProperties;

/**
 * The OpenAPI document at {@code /v3/api-docs} and Swagger UI at {@code /swagger-ui.html}: title, version, the
 * bearer scheme, and on each operation whether it needs the key, by the same {@link Access} rule the filter applies.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static final String BEARER_SCHEME = "apiKey";

    @Bean
    OpenAPI scratchnetOpenApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        return new OpenAPI()
                .info(new Info().title("scratchnet")
                        .version(properties == null ? "dev" : properties.getVersion())
                        .description("""
                                Trains the neural networks of "Deep Learning from Scratch" (ch. 2-6) on built-in, \
                                configured and uploaded datasets, keeps the models, and serves predictions.

                                Errors are application/problem+json; a refused field is named in `errors` with the \
                                value sent and what is allowed. When the service has an API key \
                                (scratchnet.api-key), requests that change state need `Authorization: Bearer <key>`; \
                                reads, POST /predict and POST /models/{id}/evaluate stay open unless \
                                scratchnet.api-key-for-reads is true. /actuator/health, /actuator/info and these \
                                documents are always open; /actuator/metrics and /actuator/prometheus need the key \
                                and are closed without one.""")
                        .license(new License().name("MIT")))
                .components(new Components().addSecuritySchemes(BEARER_SCHEME, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("The value of scratchnet.api-key (environment variable SCRATCHNET_API_KEY)")));
    }

    /** Marks the operations that need the key, so Swagger UI sends it where it is needed and only there. */
    @Bean
    OpenApiCustomizer securedOperations(ScratchnetProperties properties) {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.readOperationsMap().entrySet()) {
                    Access access = Access.of(entry.getKey().name(), path);
                    if (access == Access.WRITE || access == Access.OPERATOR
                            || access == Access.READ && properties.apiKeyForReads()) {
                        entry.getValue().setSecurity(List.of(new SecurityRequirement().addList(BEARER_SCHEME)));
                    }
                }
            });
        };
    }

    /**
     * Documents every 4xx and 5xx response as {@code application/problem+json} with the ProblemDetail schema, since
     * {@link ProblemDetailsAdvice} answers them all that way; controllers then state only what each code means.
     * Left to itself springdoc would describe an error with the operation's return type.
     */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            Map<String, Schema> schemas = ModelConverters.getInstance().read(ProblemDetail.class);
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            schemas.forEach(openApi.getComponents()::addSchemas);
            if (openApi.getPaths() == null) {
                return;
            }
            Content problem = new Content().addMediaType(MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    new io.swagger.v3.oas.models.media.MediaType().schema(
                            new Schema<>().$ref("#/components/schemas/" + ProblemDetail.class.getSimpleName())));
            openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
                if (operation.getResponses() == null) {
                    return;
                }
                operation.getResponses().forEach((code, response) -> {
                    boolean documented = response.getContent() != null
                            && response.getContent().containsKey(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    if (code.matches("[45]\\d\\d") && !documented) {
                        response.setContent(problem);
                    }
                });
            }));
        };
    }
}
