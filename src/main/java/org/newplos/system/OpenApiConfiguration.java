package org.newplos.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at /v3/api-docs (Swagger UI at /swagger-ui.html). Controllers give each operation an
 * {@code @Operation(summary, description)} and their request records an example; everything every operation
 * shares is added here, for new controllers too: both ways to sign in, and the problem+json errors the
 * filters and {@code ApiProblemHandler} answer with, chosen by HTTP method, path and request body. The
 * document is linted with Spectral in CI (docs/api.md, "Adding an endpoint").
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String PROBLEM_SCHEMA = "ProblemDetail";

    @Bean
    OpenAPI newplosOpenApi(@Value("${newplos.version:dev}") String version) {
        return new OpenAPI()
                .info(new Info()
                        .title("Newplos API")
                        .version(version)
                        .description("Plans, spaces, members and leases of a coworking space, studio or makerspace."
                                + " Errors are RFC 9457 problem+json.")
                        .contact(new Contact().name("Newplos")))
                .components(new Components()
                        .addSecuritySchemes(
                                "basic",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic")
                                        .description("A user's email and password"))
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("newplos API token")
                                        .description("A personal API token ('newplos create-token', or the"
                                                + " POST /api/v1/me/tokens)")))
                .addSecurityItem(new SecurityRequirement().addList("basic"))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    /** The error responses every operation can give, added to each operation that does not declare its own. */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            openApi.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
            if (openApi.getTags() != null) { // two controllers may share a tag: list it once, first description
                Map<String, Tag> tags = new LinkedHashMap<>();
                openApi.getTags().forEach(tag -> tags.putIfAbsent(tag.getName(), tag));
                openApi.setTags(new ArrayList<>(tags.values()));
            }
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths()
                    .forEach((path, item) -> item.readOperationsMap()
                            .forEach((method, operation) -> addProblems(path, method, operation)));
        };
    }

    static void addProblems(String path, PathItem.HttpMethod method, Operation operation) {
        boolean body = operation.getRequestBody() != null;
        boolean input = body
                || (operation.getParameters() != null
                        && !operation.getParameters().isEmpty());
        boolean write = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
        Map<String, String> problems = new LinkedHashMap<>();
        if (input) {
            problems.put("400", "Invalid input: the problem's errors name each field and what is wrong with it");
        }
        problems.put("401", "Not signed in: send HTTP Basic credentials or a bearer API token");
        problems.put("403", write ? "The user's role may not make this change" : "The user's role may not read this");
        if (path.contains("{")) {
            problems.put("404", "No such record");
        }
        if (write) {
            problems.put("409", "Conflicts with the current state (an overlap, a duplicate, a locked period, ...)");
        }
        if (body) {
            problems.put("413", "The request body is larger than allowed");
            problems.put("415", "The request body is not application/json");
        }
        problems.put("503", "The database is not ready (starting, migrating or unreachable); try again shortly");
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        problems.forEach((status, description) -> {
            if (!responses.containsKey(status)) {
                responses.addApiResponse(status, problem(description));
            }
        });
        operation.setResponses(responses);
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
    }

    /** RFC 9457 problem details, plus the field errors of an invalid input. */
    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        ObjectSchema fieldError = new ObjectSchema();
        fieldError.addProperty("field", new StringSchema().example("end"));
        fieldError.addProperty("message", new StringSchema().example("must be after start"));
        ObjectSchema problem = new ObjectSchema();
        problem.description("RFC 9457 problem details (application/problem+json)");
        problem.addProperty("type", new StringSchema().example("about:blank"));
        problem.addProperty("title", new StringSchema().example("Invalid input"));
        problem.addProperty("status", new IntegerSchema().example(400));
        problem.addProperty("detail", new StringSchema().example("end must be after start"));
        problem.addProperty("instance", new StringSchema().example("/api/v1/leases"));
        problem.addProperty(
                "errors",
                new ArraySchema().items(fieldError).description("For invalid input: each field and its problem"));
        return problem;
    }
}
