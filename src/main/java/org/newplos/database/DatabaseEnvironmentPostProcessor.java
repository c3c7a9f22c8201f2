package org.newplos.database;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Decides which PostgreSQL the application talks to, before anything else is configured:
 * {@code spring.datasource.url} if set; else {@code DATABASE_URL}; else the embedded server, started
 * from here in the background with its data under {@code NEWPLOS_DATA_DIR} (default {@code ./data}).
 */
class DatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String EMBEDDED_PROPERTY = "newplos.database.embedded";

    private final Log log;

    /** Boot hands in a deferred log: these lines are written once logging is set up. */
    DatabaseEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(DatabaseEnvironmentPostProcessor.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            return;
        }
        Map<String, Object> properties = new HashMap<>();
        String databaseUrl = environment.getProperty("DATABASE_URL");
        if (StringUtils.hasText(databaseUrl)) {
            DatabaseUrl url = DatabaseUrl.parse(databaseUrl);
            properties.put("spring.datasource.url", url.jdbcUrl());
            if (url.username() != null) {
                properties.put("spring.datasource.username", url.username());
            }
            if (url.password() != null) {
                properties.put("spring.datasource.password", url.password());
            }
        } else if (DatabaseSettings.Options.from(environment).embeddedEnabled()) {
            Path dataDir = Path.of(environment.getProperty("newplos.data-dir", "./data"), "postgres");
            int port = DatabaseSettings.Options.from(environment).embeddedPort();
            // Started in the background: it is ready by the time the lifecycle (or a command) connects, which
            // waits for it (EmbeddedPostgresServer.awaitStarted) — the first local start overlaps initdb with
            // the application's own start instead of adding them up.
            String jdbcUrl = EmbeddedPostgresServer.startInBackground(dataDir, port, log);
            // Stopped with the application context (after the connection pool closes), or at JVM exit.
            application.addListeners(new ApplicationListener<ContextClosedEvent>() {
                @Override
                public void onApplicationEvent(ContextClosedEvent event) {
                    EmbeddedPostgresServer.stopWhenStarted();
                }
            });
            properties.put("spring.datasource.url", jdbcUrl);
            properties.put("spring.datasource.username", "postgres");
            properties.put(EMBEDDED_PROPERTY, "true");
        }
        environment.getPropertySources().addFirst(new MapPropertySource("newplosDatabase", properties));
    }

    @Override
    public int getOrder() {
        // After the config files and the environment have been read, so NEWPLOS_* and DATABASE_URL are seen.
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}
