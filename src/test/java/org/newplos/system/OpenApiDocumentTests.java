package org.newplos.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newplos.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The served OpenAPI document describes every operation: a summary and a description, both ways to sign in,
 * the problem+json errors, an example for each request body. Writes it to target/openapi.json, which .ci/run
 * lints with Spectral (.spectral.yaml).
 */
@IntegrationTest
class OpenApiDocumentTests {

    @Autowired
    MockMvcTester mvc;

    @Test
    void everyOperationIsDescribedWithItsErrorsAndBothWaysToSignIn() throws IOException {
        String body = mvc.get().uri("/v3/api-docs").exchange().getResponse().getContentAsString();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/openapi.json"), body);
        JsonNode doc = JsonMapper.builder().build().readTree(body);

        assertThat(doc.at("/components/securitySchemes/basic/scheme").asString())
                .isEqualTo("basic");
        assertThat(doc.at("/components/securitySchemes/bearer/scheme").asString())
                .isEqualTo("bearer");
        assertThat(doc.at("/components/schemas/ProblemDetail/properties").has("detail"))
                .isTrue();

        List<String> problems = new ArrayList<>();
        doc.get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(op -> {
                    String where = op.getKey().toUpperCase() + " " + path.getKey();
                    JsonNode operation = op.getValue();
                    if (operation.path("summary").asString("").isBlank()) {
                        problems.add(where + ": no summary");
                    }
                    if (operation.path("description").asString("").isBlank()) {
                        problems.add(where + ": no description");
                    }
                    for (String status : List.of("401", "403", "503")) {
                        if (!operation.at("/responses/" + status + "/content").has("application/problem+json")) {
                            problems.add(where + ": no problem+json " + status);
                        }
                    }
                    JsonNode requestBody = operation.path("requestBody");
                    if (!requestBody.isMissingNode()) {
                        requestBody.path("content").forEach(media -> {
                            JsonNode schema = media.path("schema");
                            String ref = schema.path("$ref").asString("");
                            JsonNode resolved = ref.isEmpty() ? schema : doc.at(ref.substring(1));
                            if (!media.has("example") && !media.has("examples") && !resolved.has("example")) {
                                problems.add(where + ": no request body example");
                            }
                        });
                    }
                }));
        assertThat(problems).isEmpty();
    }
}
