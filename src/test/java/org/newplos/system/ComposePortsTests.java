package org.newplos.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Issue 16, finding 16: compose.yaml publishes nothing on all interfaces unless the operator says so. */
class ComposePortsTests {

    @Test
    @SuppressWarnings("unchecked")
    void everyPublishedPortListensOnLoopbackByDefault() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("compose.yaml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        List<String> published = new ArrayList<>();
        services.forEach((name, service) -> {
            for (Object port : (List<Object>) service.getOrDefault("ports", List.of())) {
                published.add(name + " " + port);
            }
        });
        assertThat(published)
                .isNotEmpty()
                .allSatisfy(port -> assertThat(port)
                        .as("host address of %s", port)
                        .matches("\\S+ (127\\.0\\.0\\.1|\\$\\{[A-Z_]+:-127\\.0\\.0\\.1}):.+"));
    }
}
