package org.newplos.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newplos.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes manifests, the Dockerfile and compose.yaml probe what the application really serves:
 * the probe paths answer 200 here, on the port the app listens on by default.
 */
@IntegrationTest
class DeploymentManifestTests {

    static final Path K8S = Path.of("deploy/k8s");

    @Autowired
    MockMvcTester mvc;

    @Autowired
    Environment environment;

    @Test
    void probesUseTheAppsEndpointsAndPort() throws IOException {
        Map<String, Object> container = appContainer();
        Map<String, Object> port = list(container, "ports").get(0);
        assertThat(port).containsEntry("name", "http");
        int appPort = environment.getProperty("server.port", Integer.class, 8080);
        assertThat(port.get("containerPort")).isEqualTo(appPort);

        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            Map<String, Object> get = map(map(container, probe), "httpGet");
            assertThat(get.get("port")).as(probe).isIn("http", appPort);
            String path = (String) get.get("path");
            assertThat(path).as(probe).isEqualTo(probe.equals("readinessProbe") ? "/readyz" : "/livez");
            assertThat(mvc.get().uri(path).exchange()).as(probe + " " + path).hasStatusOk();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theImageAndComposeCheckTheSameEndpoints() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertThat(dockerfile)
                .contains("EXPOSE 8080", "SERVER_PORT=8080", "/readyz\"", "ARG BASE_IMAGE=eclipse-temurin:17-jre")
                .contains("NEWPLOS_DATABASE_EMBEDDED_ENABLED=false", "USER 10001");
        assertThat(mvc.get().uri("/readyz").exchange()).hasStatusOk();
        Map<String, Object> compose = yaml(Path.of("compose.yaml")).get(0);
        Map<String, Object> app = map(map(compose, "services"), "newplos");
        // loopback by default since issue 16 (finding 16): a TLS proxy on the host publishes it
        assertThat((List<Object>) app.get("ports"))
                .containsExactly("${NEWPLOS_BIND:-127.0.0.1}:${NEWPLOS_PORT:-8080}:8080");
        assertThat(map(map(app, "depends_on"), "postgres")).containsEntry("condition", "service_healthy");
        assertThat(map(map(compose, "services"), "postgres"))
                .doesNotContainKey("command")
                .extractingByKey("volumes")
                .asString()
                .doesNotContain("docker-entrypoint-initdb.d");
    }

    @Test
    @SuppressWarnings("unchecked")
    void deploymentIsReplicatedNonRootReadOnlyAndBudgeted() throws IOException {
        Map<String, Object> deployment = resource("deployment.yaml", "Deployment");
        assertThat((Integer) map(deployment, "spec").get("replicas")).isGreaterThanOrEqualTo(2);
        Map<String, Object> pod = map(map(map(deployment, "spec"), "template"), "spec");
        assertThat(map(pod, "securityContext")).containsEntry("runAsNonRoot", true);
        Map<String, Object> container = appContainer();
        assertThat(map(container, "securityContext"))
                .containsEntry("readOnlyRootFilesystem", true)
                .containsEntry("allowPrivilegeEscalation", false);
        assertThat(list(container, "volumeMounts"))
                .anySatisfy(
                        m -> assertThat(m).containsEntry("mountPath", "/tmp").containsEntry("name", "tmp"));
        assertThat(list(pod, "volumes")).anySatisfy(v -> assertThat(v).containsKey("emptyDir"));
        assertThat(map(map(container, "resources"), "limits")).containsKey("memory");
        assertThat(map(map(container, "resources"), "requests")).containsKeys("cpu", "memory");

        Object labels = map(map(map(deployment, "spec"), "selector"), "matchLabels");
        assertThat(map(map(resource("pdb.yaml", "PodDisruptionBudget"), "spec"), "selector"))
                .containsEntry("matchLabels", labels);
        Map<String, Object> service = map(resource("service.yaml", "Service"), "spec");
        assertThat(service).containsEntry("selector", labels);
        assertThat(list(service, "ports").get(0)).containsEntry("targetPort", "http");

        Map<String, Object> kustomization = resource("kustomization.yaml", "Kustomization");
        for (Object file : (List<?>) kustomization.get("resources")) {
            assertThat(K8S.resolve((String) file)).exists();
        }
        Map<String, Object> job = resource("migrate-job.yaml", "Job");
        Map<String, Object> migrate = list(map(map(map(job, "spec"), "template"), "spec"), "containers")
                .get(0);
        assertThat((List<Object>) migrate.get("args")).containsExactly("migrate");
    }

    static Map<String, Object> appContainer() throws IOException {
        Map<String, Object> deployment = resource("deployment.yaml", "Deployment");
        return list(map(map(map(deployment, "spec"), "template"), "spec"), "containers")
                .get(0);
    }

    static Map<String, Object> resource(String file, String kind) throws IOException {
        return yaml(K8S.resolve(file)).stream()
                .filter(document -> kind.equals(document.get("kind")))
                .findFirst()
                .orElseThrow(() -> new AssertionError(file + " has no " + kind));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> yaml(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(Files.readString(file))) {
            documents.add((Map<String, Object>) document);
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object parent, String key) {
        Object value = ((Map<String, Object>) parent).get(key);
        assertThat(value).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object parent, String key) {
        Object value = ((Map<String, Object>) parent).get(key);
        assertThat(value).as(key).isInstanceOf(List.class);
        return (List<Map<String, Object>>) value;
    }
}
