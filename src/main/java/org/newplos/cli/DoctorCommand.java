package org.newplos.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.newplos.database.Check;
import org.newplos.database.DatabaseSettings;
import org.newplos.database.Doctor;
import org.newplos.database.DoctorCheck;
import org.newplos.notifications.SmtpCheck;
import org.newplos.observability.TelemetryChecks;
import org.springframework.core.env.ConfigurableEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deploy investigation in one command: the database checks of issue B (org.newplos.database.Doctor)
 * followed by the observability checks of issue E (org.newplos.observability.TelemetryChecks). Reads the
 * configuration without starting the application, so it answers in seconds while the database is down.
 */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = {
            "Checks, in order, everything a deploy needs and prints PASS, WARN or FAIL with the fix for each:",
            "configuration (secrets masked), server reachable, database exists, encoding, extensions, migration"
                    + " state (pending, failed, edited), readiness of a running instance, tracing"
                    + " (OTEL_EXPORTER_OTLP_ENDPOINT), error tracking (SENTRY_DSN) and the SMTP server (NEWPLOS_SMTP_URL or"
                    + " SPRING_MAIL_*: connect, EHLO, STARTTLS, sign-in; no mail sent). Changes nothing.",
            "Unconfigured tracing/error tracking is a WARN; configured but unreachable is a FAIL.",
            "--send-test-events sends one test span and one test error event and reports whether each"
                    + " endpoint accepted it."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no check failed (warnings allowed)", "1:at least one check failed", "2:invalid usage"})
class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the checks as JSON (for machines).")
    boolean json;

    @Option(
            names = "--send-test-events",
            description = "Send a test span and a test error event to the configured endpoints and"
                    + " report whether they were accepted.")
    boolean sendTestEvents;

    @Option(
            names = "--server-url",
            paramLabel = "URL",
            description = "A running instance to ask for readiness (default http://localhost:$SERVER_PORT, 8080;"
                    + " only a given URL turns a not-ready answer into FAIL).")
    String serverUrl;

    @Option(
            names = {"-D", "--set"},
            paramLabel = "key=value",
            description = "Set a configuration property, e.g. -D newplos.database.migrate-on-start=false")
    Map<String, String> properties = new HashMap<>();

    @Override
    public Integer call() {
        CliEnvironment.quietLibraries(); // no application context: stdout may be JSON
        ConfigurableEnvironment environment = CliEnvironment.load(properties);
        TelemetryChecks telemetry = new TelemetryChecks(environment);
        List<Check> checks;
        if (sendTestEvents) {
            checks = telemetry.sendTestEvents();
        } else {
            String base = serverUrl != null
                    ? serverUrl
                    : "http://localhost:" + environment.getProperty("server.port", "8080");
            List<DoctorCheck> extra = new ArrayList<>();
            telemetry.check().forEach(check -> extra.add(() -> check));
            extra.add(() -> new SmtpCheck(environment).check());
            Doctor doctor = new Doctor(
                    () -> DatabaseSettings.from(environment), // bound once, when the doctor runs
                    base.replaceAll("/+$", "") + "/readyz",
                    serverUrl != null,
                    extra);
            checks = doctor.run();
        }
        boolean failed = checks.stream().anyMatch(c -> c.status() == Check.Status.FAIL);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("ok", !failed);
            document.put("checks", checks);
            out.println(JsonMapper.builder().build().writeValueAsString(document));
        } else {
            for (Check check : checks) {
                out.printf("%-4s %s: %s%n", check.status(), check.name(), check.detail());
                if (!check.fix().isEmpty() && check.status() != Check.Status.PASS) {
                    out.printf("     fix: %s%n", check.fix());
                }
            }
        }
        out.flush();
        return failed ? 1 : 0;
    }
}
