package org.newplos.notifications;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * The SMTP server this process sends through: {@code NEWPLOS_SMTP_URL} when set, else the sender Spring Boot
 * configures from {@code spring.mail.*} ({@code SPRING_MAIL_HOST}, ...), else none (emails are kept). A
 * malformed {@code NEWPLOS_SMTP_URL} stops the start with a message that names it (never its password).
 */
@Component
class MailServer {

    private static final Logger log = LoggerFactory.getLogger(MailServer.class);

    private final @Nullable JavaMailSender sender;
    private final String description;

    MailServer(MailSettings settings, ObjectProvider<JavaMailSender> springMail) {
        SmtpUrl url = settings.smtp();
        if (url != null) {
            sender = url.sender(settings.connectTimeout(), settings.readTimeout());
            description = url.describe();
        } else {
            sender = springMail.getIfAvailable();
            if (sender instanceof JavaMailSenderImpl impl) {
                String protocol = impl.getProtocol() == null ? "smtp" : impl.getProtocol();
                SmtpUrl.timeouts(
                        impl.getJavaMailProperties(), protocol, settings.connectTimeout(), settings.readTimeout());
                description = protocol + "://" + impl.getHost() + (impl.getPort() > 0 ? ":" + impl.getPort() : "")
                        + " (spring.mail)";
            } else {
                description = sender == null ? "none" : "spring.mail";
            }
        }
        log.info(
                "Email: {}",
                sender == null ? "no SMTP server configured, emails are kept in the outbox" : "via " + description);
    }

    /** The sender, or null when no SMTP server is configured. */
    @Nullable
    JavaMailSender sender() {
        return sender;
    }

    /** The server without its password, e.g. {@code smtp://user:****@host:587 (STARTTLS required)}. */
    String description() {
        return description;
    }
}
