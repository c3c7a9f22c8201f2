package org.newplos.database;

import java.net.URI;
import java.util.Map;

/** Error tracking: is SENTRY_DSN set and well-formed? (Config only.) */
public final class ErrorTrackingCheck implements DoctorCheck {

    private final Map<String, String> environment;

    public ErrorTrackingCheck(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Check run() {
        String dsn = environment.get("SENTRY_DSN");
        if (dsn == null || dsn.isBlank()) {
            return Check.warn(
                    "error tracking",
                    "SENTRY_DSN is not set: unhandled errors are only logged",
                    "create a project in Sentry (or GlitchTip) and set SENTRY_DSN");
        }
        try {
            URI uri = URI.create(dsn.trim());
            if (uri.getHost() == null || uri.getUserInfo() == null) {
                throw new IllegalArgumentException("no key or host");
            }
            return Check.pass("error tracking", "SENTRY_DSN set for host " + uri.getHost());
        } catch (IllegalArgumentException e) {
            return Check.fail(
                    "error tracking",
                    "SENTRY_DSN is not a valid DSN (" + e.getMessage() + ")",
                    "copy the DSN from the project's settings: https://<key>@<host>/<project>");
        }
    }
}
