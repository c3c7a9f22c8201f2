package org.newplos.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;
import org.springframework.util.StringUtils;

/**
 * The configuration as the server would read it (command-line -D settings, system properties, environment,
 * application.properties), without starting the application: for commands that must answer in seconds.
 */
final class CliEnvironment {

    private CliEnvironment() {}

    static ConfigurableEnvironment load(Map<String, String> overrides) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("commandLine", new HashMap<>(overrides)));
        try {
            ClassPathResource defaults = new ClassPathResource("application.properties");
            if (defaults.exists()) {
                environment.getPropertySources().addLast(new ResourcePropertySource("defaults", defaults));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ConfigurationPropertySources.attach(environment);
        return environment;
    }

    /** Whether a database is configured (else the embedded one, which only the application starts). */
    static boolean databaseConfigured(Environment environment) {
        return StringUtils.hasText(environment.getProperty("spring.datasource.url"))
                || StringUtils.hasText(environment.getProperty("DATABASE_URL"));
    }

    /** Without an application context nobody configures logging: keep library INFO lines (Flyway) off stdout. */
    static void quietLibraries() {
        LoggingSystem.get(CliEnvironment.class.getClassLoader())
                .setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);
    }
}
