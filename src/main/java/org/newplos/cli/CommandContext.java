package org.newplos.cli;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the application without its web server, for commands that need the database and the features. */
final class CommandContext {

    private CommandContext() {}

    static ConfigurableApplicationContext start(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>();
        all.put("logging.level.root", "WARN");
        all.put("newplos.bootstrap-admin", "false");
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

    static ConfigurableApplicationContext start() {
        return start(Map.of());
    }
}
