package org.newplos.database;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.newplos.NewplosApplication;
import org.newplos.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the real application with its web server on a free port, and asks it over HTTP. */
final class LifecycleSupport {

    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LifecycleSupport() {}

    static ConfigurableApplicationContext start(String jdbcUrl, String user, String password, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password,
                "--newplos.database.retry-max-interval=1s",
                "--logging.level.root=WARN"));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(NewplosApplication.class).run(args.toArray(String[]::new));
    }

    static ConfigurableApplicationContext start(TestDatabase server, String database, String... extra) {
        return start(server.jdbcUrl(database), server.username(), server.password(), extra);
    }

    static HttpResponse<String> get(ConfigurableApplicationContext app, String path) {
        String port = app.getEnvironment().getProperty("local.server.port");
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static int status(ConfigurableApplicationContext app, String path) {
        return get(app, path).statusCode();
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static DatabaseSettings settings(String jdbcUrl, String user, String password, Map<String, Object> extra) {
        var environment = new org.springframework.core.env.StandardEnvironment();
        var properties = new java.util.HashMap<String, Object>(Map.of(
                "spring.datasource.url", jdbcUrl,
                "spring.datasource.username", user,
                "spring.datasource.password", password));
        properties.putAll(extra);
        environment
                .getPropertySources()
                .addFirst(new org.springframework.core.env.MapPropertySource("test", properties));
        return DatabaseSettings.from(environment);
    }
}
