package org.newplos.observability;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * At start, one clear line when the configured OTLP endpoint does not answer, instead of an exporter
 * stack trace on every export (the exporters' own logging is turned off in application.properties).
 * Says nothing when tracing is not configured.
 */
@Component
class OtlpStartupCheck implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(OtlpStartupCheck.class);

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Environment environment = event.getApplicationContext().getEnvironment();
        String url = TelemetrySettings.tracesEndpoint(environment);
        Endpoint endpoint = Endpoint.parse(url);
        if (endpoint == null) {
            return;
        }
        Thread check = new Thread(
                () -> {
                    String problem = endpoint.unreachable(Duration.ofSeconds(3));
                    if (problem != null) {
                        log.warn(
                                "Tracing is configured but the OTLP endpoint {} is unreachable ({}); spans are dropped until"
                                        + " it answers. Check OTEL_EXPORTER_OTLP_ENDPOINT or run 'newplos doctor'.",
                                endpoint.url(),
                                problem);
                    } else {
                        log.info("Tracing: exporting spans to {}", endpoint.url());
                    }
                },
                "otlp-check");
        check.setDaemon(true);
        check.start();
    }
}
