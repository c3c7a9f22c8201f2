package org.newplos.cli;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the application without its web server, for commands that need the database and the features,
 * and runs the command's work inside its root span.
 */
final class CommandContext {

    private CommandContext() {}

    /**
     * Starts the application, runs {@code work} inside the span {@code newplos <command>} (tag {@code
     * newplos.command}, the exit code, or the exception as the span's error; SQL statements are its
     * children) and closes the application. Closing shuts the OpenTelemetry SDK down, which exports the
     * spans still queued: they are sent before the process exits.
     */
    static int run(String command, Map<String, Object> properties, ToIntFunction<ConfigurableApplicationContext> work) {
        try (ConfigurableApplicationContext context = start(properties)) {
            Observation observation = Observation.createNotStarted("newplos.command", observations(context))
                    .contextualName("newplos " + command)
                    .lowCardinalityKeyValue("newplos.command", command)
                    .start();
            try (Observation.Scope scope = observation.openScope()) {
                int code = work.applyAsInt(context);
                observation.lowCardinalityKeyValue("newplos.exit_code", String.valueOf(code));
                return code;
            } catch (RuntimeException | Error e) {
                observation.error(e);
                throw e;
            } finally {
                observation.stop();
            }
        }
    }

    static int run(String command, ToIntFunction<ConfigurableApplicationContext> work) {
        return run(command, Map.of(), work);
    }

    static ObservationRegistry observations(ConfigurableApplicationContext context) {
        return context.getBeanProvider(ObservationRegistry.class).getIfAvailable(() -> ObservationRegistry.NOOP);
    }

    static ConfigurableApplicationContext start(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>();
        all.put("logging.level.root", "WARN");
        all.put("newplos.bootstrap-admin", "false");
        // A command does its work and exits: the dispatcher and the reminder scan run in the server only.
        all.put("newplos.notifications.scheduler-enabled", "false");
        all.put("spring.main.log-startup-info", "false");
        all.putAll(properties);
        // As command-line arguments, so they win over application.properties and the environment (a
        // -D spring.flyway.locations=... given to a command must not lose to the packaged default).
        String[] arguments = all.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(NewplosCommand.application)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .run(arguments);
    }
}
