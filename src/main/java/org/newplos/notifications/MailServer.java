package org.newplos.notifications;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
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
class MailServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MailServer.class);

    private final @Nullable JavaMailSender sender;
    private final String description;
    private final @Nullable SmtpConnections connections;

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
        connections = sender instanceof JavaMailSenderImpl impl ? new SmtpConnections(impl) : null;
        if (sender != null) {
            fastStreamProvider();
        }
        log.info(
                "Email: {}",
                sender == null ? "no SMTP server configured, emails are kept in the outbox" : "via " + description);
    }

    /** Whether an SMTP server is configured (else emails are kept). */
    boolean configured() {
        return sender != null;
    }

    /**
     * A new, empty message in the sender's session with the given Message-ID (kept when the message is
     * saved: see {@link SmtpConnections#send}; Spring's sender keeps a set Message-ID too).
     */
    MimeMessage newMessage(String messageId) throws MessagingException {
        MimeMessage message =
                sender != null ? sender.createMimeMessage() : new MimeMessage(Session.getInstance(new Properties()));
        message.setHeader("Message-ID", messageId);
        return message;
    }

    /**
     * Sends one message over a kept connection when there is one. Throws what the server or the network
     * answered ({@link MessagingException}, or Spring's {@link org.springframework.mail.MailException} for a
     * sender of another kind).
     */
    void send(MimeMessage message) throws MessagingException {
        if (connections != null) {
            connections.send(message);
        } else if (sender != null) {
            sender.send(message);
        } else {
            throw new IllegalStateException("no SMTP server configured");
        }
    }

    /**
     * Names Angus Mail's stream provider once for the JVM: without it, Jakarta Mail looks it up with a
     * {@link java.util.ServiceLoader} scan of the class path for every header block it parses or writes.
     */
    private static void fastStreamProvider() {
        String provider = "org.eclipse.angus.mail.util.MailStreamProvider";
        try {
            Class.forName(provider, false, MailServer.class.getClassLoader());
            System.getProperties().putIfAbsent("jakarta.mail.util.StreamProvider", provider);
        } catch (ClassNotFoundException e) {
            log.debug("Another Jakarta Mail implementation: its stream provider is looked up as usual");
        }
    }

    /** The server without its password, e.g. {@code smtp://user:****@host:587 (STARTTLS required)}. */
    String description() {
        return description;
    }

    @Override
    public void close() {
        if (connections != null) {
            connections.close();
        }
    }
}
