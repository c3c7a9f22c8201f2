package org.newplos.observability;

import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.SentryOptions;
import io.sentry.protocol.Message;
import java.time.Duration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

/**
 * Reports a failed CLI command to Sentry when {@code SENTRY_DSN} is set, and waits (briefly) until it
 * is sent, since the process exits right after. The command's Spring context is already closed by
 * then, so the SDK is set up here from the environment, with the same scrubbing as the server.
 */
public final class CommandErrors {

    private static final Duration FLUSH = Duration.ofSeconds(5);

    private CommandErrors() {}

    public static void report(String command, Throwable error) {
        report(command, error, new StandardEnvironment());
    }

    static void report(String command, Throwable error, Environment environment) {
        String dsn = TelemetrySettings.sentryDsn(environment);
        if (dsn == null) {
            return;
        }
        boolean started = false;
        if (!Sentry.isEnabled()) {
            Sentry.init(options -> configure(options, dsn, environment));
            started = true;
        }
        try {
            SentryEvent event = new SentryEvent(error);
            event.setLevel(SentryLevel.ERROR);
            Message message = new Message();
            message.setFormatted("newplos " + command + " failed");
            event.setMessage(message);
            event.setTransaction("newplos " + command);
            event.setTag("newplos.command", command);
            Sentry.captureEvent(event);
            Sentry.flush(FLUSH.toMillis());
        } finally {
            if (started) {
                Sentry.close();
            }
        }
    }

    static void configure(SentryOptions options, String dsn, Environment environment) {
        options.setDsn(dsn);
        options.setRelease(environment.getProperty("sentry.release", "newplos@" + Versions.current()));
        options.setEnvironment(environment.getProperty("sentry.environment", "production"));
        options.setSendDefaultPii(false);
        options.setBeforeSend((event, hint) -> SecretScrubber.scrub(event));
        options.setEnableUncaughtExceptionHandler(false);
        options.setShutdownTimeoutMillis(FLUSH.toMillis());
    }
}
