package org.newplos.database;

import java.util.Map;

/** Tracing: is OTEL_EXPORTER_OTLP_ENDPOINT set, and is anything listening there? (Config + TCP only.) */
public final class TracingCheck implements DoctorCheck {

    private final Map<String, String> environment;

    public TracingCheck(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Check run() {
        String endpoint = environment.get("OTEL_EXPORTER_OTLP_ENDPOINT");
        if (endpoint == null || endpoint.isBlank()) {
            return Check.warn(
                    "tracing",
                    "OTEL_EXPORTER_OTLP_ENDPOINT is not set: no traces leave this process",
                    "set OTEL_EXPORTER_OTLP_ENDPOINT (e.g. http://otel-collector:4318) and OTEL_SERVICE_NAME");
        }
        String problem = EndpointReachability.problem(endpoint, 4318, 1000);
        if (problem != null) {
            return Check.warn(
                    "tracing",
                    "OTLP endpoint " + endpoint + " is not reachable (" + problem + ")",
                    "start the collector or correct OTEL_EXPORTER_OTLP_ENDPOINT");
        }
        return Check.pass("tracing", "OTLP endpoint " + endpoint + " reachable");
    }
}
