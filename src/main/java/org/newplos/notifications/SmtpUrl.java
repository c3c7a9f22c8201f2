package org.newplos.notifications;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * A parsed {@code NEWPLOS_SMTP_URL}: {@code smtp://user:password@host:587} (STARTTLS, required when there is a
 * user: a password never goes out in clear), {@code smtps://user:password@host:465} (TLS from the first byte) or
 * {@code smtp://relay:25} (a local relay without sign-in, no STARTTLS unless asked). {@code ?starttls=required},
 * {@code optional} or {@code off} overrides the default. User and password are percent-decoded.
 */
record SmtpUrl(
        boolean implicitTls,
        String host,
        int port,
        @Nullable String username,
        @Nullable String password,
        StartTls startTls) {

    static final String VARIABLE = "NEWPLOS_SMTP_URL";
    private static final String EXAMPLE = "smtp://user:password@smtp.example.com:587 or smtps://user:password@host:465";

    /** Whether the connection is upgraded to TLS with STARTTLS after EHLO. */
    enum StartTls {
        /** Upgrade, or fail if the server does not offer it. */
        REQUIRED,
        /** Upgrade when the server offers it. */
        OPTIONAL,
        /** Never (a relay on a trusted network). */
        OFF
    }

    /** Thrown for a URL that cannot be used; its message names the variable and never holds the password. */
    static final class InvalidSmtpUrlException extends IllegalArgumentException {
        InvalidSmtpUrlException(String message) {
            super(message);
        }
    }

    static SmtpUrl parse(String value) {
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw invalid("it is not a valid URL (percent-encode special characters in the user and password,"
                    + " e.g. @ as %40)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("smtp") && !scheme.equals("smtps")) {
            throw invalid("the scheme must be smtp:// (STARTTLS) or smtps:// (implicit TLS)");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw invalid("it names no host (or the user and password hold unencoded special characters)");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (uri.getRawPath() != null
                && !uri.getRawPath().isEmpty()
                && !uri.getRawPath().equals("/")) {
            throw invalid("it has a path; only the host, port and ?starttls= are read");
        }
        String username = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            username = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
            if (username.isEmpty()) {
                throw invalid("the user name is empty");
            }
        }
        boolean implicitTls = scheme.equals("smtps");
        StartTls startTls = implicitTls ? StartTls.OFF : username != null ? StartTls.REQUIRED : StartTls.OFF;
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String parameter : query.split("&")) {
                String[] pair = parameter.split("=", 2);
                if (!pair[0].equals("starttls") || pair.length != 2) {
                    throw invalid("unknown parameter '" + decode(pair[0]) + "' (only ?starttls=required|optional|off)");
                }
                startTls = switch (pair[1].toLowerCase()) {
                    case "required", "true" -> StartTls.REQUIRED;
                    case "optional" -> StartTls.OPTIONAL;
                    case "off", "false", "none" -> StartTls.OFF;
                    default -> throw invalid("starttls must be required, optional or off");
                };
                if (implicitTls && startTls != StartTls.OFF) {
                    throw invalid("smtps:// is TLS from the start; starttls applies to smtp:// only");
                }
            }
        }
        int port = uri.getPort() != -1 ? uri.getPort() : implicitTls ? 465 : username != null ? 587 : 25;
        return new SmtpUrl(implicitTls, host, port, username, password, startTls);
    }

    /** The server as {@code doctor} and the logs show it: no password. */
    String describe() {
        return (implicitTls ? "smtps://" : "smtp://") + (username == null ? "" : username + ":****@") + host + ":"
                + port
                + (implicitTls
                        ? " (TLS)"
                        : startTls == StartTls.OFF
                                ? ""
                                : " (STARTTLS " + startTls.name().toLowerCase() + ")");
    }

    /** A sender for this server with the given timeouts (connect, and read/write of each reply). */
    JavaMailSenderImpl sender(Duration connectTimeout, Duration readTimeout) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        String protocol = implicitTls ? "smtps" : "smtp";
        sender.setProtocol(protocol);
        sender.setHost(host);
        sender.setPort(port);
        sender.setUsername(username);
        sender.setPassword(password);
        sender.setDefaultEncoding("UTF-8");
        Properties properties = new Properties();
        String prefix = "mail." + protocol + ".";
        properties.setProperty(prefix + "auth", String.valueOf(username != null));
        properties.setProperty(prefix + "starttls.enable", String.valueOf(startTls != StartTls.OFF));
        properties.setProperty(prefix + "starttls.required", String.valueOf(startTls == StartTls.REQUIRED));
        if (implicitTls || startTls != StartTls.OFF) {
            properties.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        timeouts(properties, protocol, connectTimeout, readTimeout);
        sender.setJavaMailProperties(properties);
        return sender;
    }

    /** Sets connect, read and write timeouts unless they are set already. */
    static void timeouts(Properties properties, String protocol, Duration connect, Duration read) {
        String prefix = "mail." + protocol + ".";
        properties.putIfAbsent(prefix + "connectiontimeout", String.valueOf(connect.toMillis()));
        properties.putIfAbsent(prefix + "timeout", String.valueOf(read.toMillis()));
        properties.putIfAbsent(prefix + "writetimeout", String.valueOf(read.toMillis()));
    }

    @Override
    public String toString() {
        return describe();
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("a % in it is not followed by two hexadecimal digits");
        }
    }

    private static InvalidSmtpUrlException invalid(String reason) {
        return new InvalidSmtpUrlException(
                VARIABLE + " is not usable: " + reason + ". Expected the form " + EXAMPLE + ".");
    }
}
