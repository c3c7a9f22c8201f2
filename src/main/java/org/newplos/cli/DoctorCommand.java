package org.newplos.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.newplos.database.Check;
import org.newplos.database.DatabaseSettings;
import org.newplos.database.Doctor;
import org.newplos.database.ErrorTrackingCheck;
import org.newplos.database.TracingCheck;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.ConfigurableEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = {
            "Checks, in order, everything a deploy needs and prints PASS/WARN/FAIL with a one-line fix for each:",
            "configuration (secrets masked), server reachable, database exists, encoding, extensions, migration"
                    + " state (pending, failed, edited), readiness of a running instance, tracing"
                    + " (OTEL_EXPORTER_OTLP_ENDPOINT), error tracking (SENTRY_DSN). Changes nothing.",
            "Reads DATABASE_URL and the other settings like the server does. Answers within seconds even when"
                    + " the server is down."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no check failed (warnings allowed)", "1:at least one check failed", "2:invalid usage"})
class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the checks as JSON (for machines).")
    boolean json;

    @Option(
            names = "--server-url",
            paramLabel = "URL",
            description = "A running instance to ask for readiness (default http://localhost:$SERVER_PORT, 8080).")
    String serverUrl;

    @Option(
            names = {"-D", "--set"},
            paramLabel = "key=value",
            description = "Set a configuration property, e.g. -D newplos.migrate-on-start=false")
    Map<String, String> properties = new HashMap<>();

    @Override
    public Integer call() {
        // No application context here: keep library INFO lines (Flyway) off stdout, which may be JSON.
        LoggingSystem.get(DoctorCommand.class.getClassLoader())
                .setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);
        ConfigurableEnvironment environment = CliEnvironment.load(properties);
        String base =
                serverUrl != null ? serverUrl : "http://localhost:" + environment.getProperty("server.port", "8080");
        Map<String, String> variables = new HashMap<>();
        for (String name : List.of("OTEL_EXPORTER_OTLP_ENDPOINT", "SENTRY_DSN")) {
            String value = environment.getProperty(name);
            if (value != null) {
                variables.put(name, value);
            }
        }
        Doctor doctor = new Doctor(
                () -> DatabaseSettings.from(environment),
                base.replaceAll("/+$", "") + "/readyz",
                List.of(new TracingCheck(variables), new ErrorTrackingCheck(variables)));
        List<Check> checks = doctor.run();
        boolean failed = checks.stream().anyMatch(c -> c.status() == Check.Status.FAIL);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> document = new java.util.LinkedHashMap<>();
            document.put("ok", !failed);
            document.put("checks", checks);
            out.println(JsonMapper.builder().build().writeValueAsString(document));
        } else {
            for (Check check : checks) {
                out.printf("%-4s  %-16s %s%n", check.status(), check.name(), check.detail());
                if (!check.fix().isEmpty() && check.status() != Check.Status.PASS) {
                    out.printf("      %-16s fix: %s%n", "", check.fix());
                }
            }
            out.println(failed ? "Some checks FAILED." : "No check failed.");
        }
        out.flush();
        return failed ? 1 : 0;
    }
}
