package org.newplos.notifications;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How email is sent ({@code newplos.mail.*}; env {@code NEWPLOS_MAIL_*}). The SMTP server is either
 * {@code smtpUrl} ({@code NEWPLOS_SMTP_URL}, see {@link SmtpUrl}) or Spring's {@code spring.mail.*}
 * ({@code SPRING_MAIL_HOST}, ...); with neither, emails are kept in the outbox, readable in the admin UI.
 *
 * @param from the sender address when a location has none of its own
 * @param fromName the sender name when a location has none of its own
 * @param connectTimeout the longest wait for the SMTP server to accept the connection
 * @param readTimeout the longest wait for each reply of the SMTP server (and for each write)
 * @param smtpUrl {@code smtp://user:password@host:587}, {@code smtps://...:465}, or empty
 */
@ConfigurationProperties("newplos.mail")
record MailSettings(
        @DefaultValue("newplos@localhost") String from,
        @DefaultValue("Newplos") String fromName,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @Nullable String smtpUrl) {

    MailSettings {
        if (!MailAddresses.valid(from)) {
            throw new IllegalArgumentException(
                    "newplos.mail.from (NEWPLOS_MAIL_FROM) must be an email address such as billing@example.com");
        }
        if (connectTimeout.isNegative()
                || connectTimeout.isZero()
                || readTimeout.isNegative()
                || readTimeout.isZero()) {
            throw new IllegalArgumentException("newplos.mail: connect-timeout and read-timeout must be positive");
        }
    }

    /** The SMTP URL, or null when none is set (blank counts as none). */
    @Nullable
    SmtpUrl smtp() {
        return smtpUrl == null || smtpUrl.isBlank() ? null : SmtpUrl.parse(smtpUrl);
    }
}
