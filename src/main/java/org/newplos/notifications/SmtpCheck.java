package org.newplos.notifications;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Properties;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;
import org.newplos.database.Check;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * What {@code newplos doctor} says about the SMTP server: connects, says EHLO, upgrades with STARTTLS when
 * configured and signs in when there is a user, then quits — no mail is sent. Works from the environment
 * alone ({@code NEWPLOS_SMTP_URL}, else {@code spring.mail.*}). Not configured is a WARN (emails are kept);
 * configured but unreachable, refusing TLS or the sign-in, a FAIL with the fix.
 */
public final class SmtpCheck {

    static final String NAME = "smtp";
    private static final String SET_URL = "set NEWPLOS_SMTP_URL=smtp://user:password@smtp.example.com:587"
            + " (smtps://...:465 for TLS from the start), or SPRING_MAIL_HOST, SPRING_MAIL_PORT, ...";

    private final Environment environment;

    public SmtpCheck(Environment environment) {
        this.environment = environment;
    }

    public Check check() {
        MailSettings settings;
        SmtpUrl url;
        try {
            settings = Binder.get(environment).bindOrCreate("newplos.mail", MailSettings.class);
            url = settings.smtp();
        } catch (SmtpUrl.InvalidSmtpUrlException e) {
            return new Check(
                    NAME,
                    Check.Status.FAIL,
                    String.valueOf(e.getMessage()),
                    SET_URL + "; percent-encode special characters in the user and password");
        } catch (RuntimeException e) {
            return new Check(
                    NAME,
                    Check.Status.FAIL,
                    "newplos.mail settings are not usable: " + rootMessage(e),
                    "fix NEWPLOS_MAIL_FROM, NEWPLOS_MAIL_CONNECT_TIMEOUT or NEWPLOS_MAIL_READ_TIMEOUT");
        }
        JavaMailSenderImpl sender;
        String server;
        if (url != null) {
            sender = url.sender(settings.connectTimeout(), settings.readTimeout());
            server = url.describe();
        } else {
            MailProperties spring = Binder.get(environment)
                    .bind("spring.mail", MailProperties.class)
                    .orElse(null);
            if (spring == null || spring.getHost() == null || spring.getHost().isBlank()) {
                return new Check(
                        NAME,
                        Check.Status.WARN,
                        "not configured: emails are kept in the outbox and shown in the admin UI, none is sent",
                        SET_URL);
            }
            sender = springSender(spring, settings);
            server = sender.getProtocol() + "://"
                    + (spring.getUsername() == null ? "" : spring.getUsername() + ":****@") + sender.getHost()
                    + ":" + (sender.getPort() > 0 ? sender.getPort() : 25) + " (spring.mail)";
        }
        return connect(sender, server);
    }

    private static Check connect(JavaMailSenderImpl sender, String server) {
        try (Transport transport = sender.getSession().getTransport(sender.getProtocol())) {
            transport.connect(sender.getHost(), sender.getPort(), sender.getUsername(), sender.getPassword());
            String reply = lastReply(transport);
            return new Check(
                    NAME,
                    Check.Status.PASS,
                    server + " answered EHLO" + (sender.getUsername() == null ? "" : " and accepted the sign-in")
                            + (reply == null ? "" : ": " + reply) + " (no mail sent)",
                    "");
        } catch (AuthenticationFailedException e) {
            return fail(server + " refused the sign-in: " + oneLine(e), "check the user and password");
        } catch (MessagingException e) {
            Throwable cause = rootCause(e);
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return fail(
                        "cannot reach " + server + ": " + cause,
                        "start the SMTP server, or correct the host and port (firewall, DNS)");
            }
            if (cause instanceof SocketTimeoutException) {
                return fail(
                        server + " did not answer in time: " + cause,
                        "check the host and port (a firewall that drops packets), or raise NEWPLOS_MAIL_CONNECT_TIMEOUT");
            }
            if (cause instanceof SSLException || oneLine(e).contains("STARTTLS")) {
                return fail(
                        "TLS with " + server + " failed: " + oneLine(e),
                        "use smtps:// for port 465, smtp:// with STARTTLS for 587; ?starttls=off only for a relay on a"
                                + " trusted network");
            }
            return fail(server + " answered with an error: " + oneLine(e), "check the host, port and TLS settings");
        }
    }

    private static JavaMailSenderImpl springSender(MailProperties spring, MailSettings settings) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(spring.getHost());
        if (spring.getPort() != null) {
            sender.setPort(spring.getPort());
        }
        sender.setUsername(spring.getUsername());
        sender.setPassword(spring.getPassword());
        sender.setProtocol(spring.getProtocol());
        Properties properties = new Properties();
        properties.putAll(spring.getProperties());
        if (spring.getSsl().isEnabled()) {
            properties.setProperty("mail." + spring.getProtocol() + ".ssl.enable", "true");
        }
        SmtpUrl.timeouts(properties, spring.getProtocol(), settings.connectTimeout(), settings.readTimeout());
        sender.setJavaMailProperties(properties);
        return sender;
    }

    /** The server's last reply (to EHLO, or to the sign-in), when the transport tells it. */
    private static @Nullable String lastReply(Transport transport) {
        try {
            Object reply =
                    transport.getClass().getMethod("getLastServerResponse").invoke(transport);
            return reply == null
                    ? null
                    : oneLine(reply.toString().lines().findFirst().orElse(""));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Check fail(String detail, String fix) {
        return new Check(NAME, Check.Status.FAIL, detail, fix);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (true) {
            Throwable next = t instanceof MessagingException m && m.getNextException() != null
                    ? m.getNextException()
                    : t.getCause();
            if (next == null || next == t) {
                return t;
            }
            t = next;
        }
    }

    private static String rootMessage(Throwable e) {
        return oneLine(rootCause(e));
    }

    private static String oneLine(Object o) {
        String text = o instanceof Throwable t
                ? (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage())
                : String.valueOf(o);
        return text.strip().replaceAll("\\s+", " ");
    }
}
