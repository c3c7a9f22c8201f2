package org.newplos.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.newplos.observability.TelemetryChecks;
import org.newplos.observability.TelemetryChecks.Result;
import org.springframework.core.env.StandardEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Minimal doctor with the observability checks only (issue E); the database checks of issue B join
 * it when that work lands. The checks read the environment alone, so they answer while the database
 * is down.
 */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = {
            "Checks the setup and prints PASS, WARN or FAIL with the fix for each check:"
                    + " tracing (OTEL_EXPORTER_OTLP_ENDPOINT) and error tracking (SENTRY_DSN).",
            "Unconfigured is a WARN; configured but unreachable is a FAIL.",
            "--send-test-events sends one test span and one test error event and reports whether each"
                    + " endpoint accepted it."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no check failed (warnings allowed)", "1:at least one check failed", "2:invalid usage"})
class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--send-test-events",
            description = "Send a test span and a test error event to the configured endpoints and"
                    + " report whether they were accepted.")
    boolean sendTestEvents;

    @Override
    public Integer call() {
        TelemetryChecks checks = new TelemetryChecks(new StandardEnvironment());
        List<Result> results = sendTestEvents ? checks.sendTestEvents() : checks.check();
        PrintWriter out = spec.commandLine().getOut();
        for (Result result : results) {
            out.printf("%-4s %s: %s%n", result.status(), result.check(), result.detail());
            if (!result.fix().isEmpty()) {
                out.printf("     fix: %s%n", result.fix());
            }
        }
        out.flush();
        return TelemetryChecks.noFailures(results) ? 0 : 1;
    }
}
