package org.newplos.notifications;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.jspecify.annotations.Nullable;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Open SMTP connections kept for the next message, as high-volume senders do: a connection (TCP, TLS, EHLO,
 * sign-in) costs more than the message it carries. One message at a time per connection; a connection idle
 * for longer than {@link #MAX_IDLE_MILLIS} or used {@link #MAX_MESSAGES} times is closed and replaced. A kept
 * connection the server has closed meanwhile is replaced and the message sent once more on a fresh one.
 */
final class SmtpConnections implements AutoCloseable {

    static final long MAX_IDLE_MILLIS = 10_000;
    static final int MAX_MESSAGES = 100;
    private static final int MAX_KEPT = 16;

    private final JavaMailSenderImpl sender;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    SmtpConnections(JavaMailSenderImpl sender) {
        this.sender = sender;
    }

    private static final class Connection {
        final Transport transport;
        long lastUsed = System.currentTimeMillis();
        int messages;

        Connection(Transport transport) {
            this.transport = transport;
        }
    }

    /** Sends one message; throws what the server or the network answered. */
    void send(MimeMessage message) throws MessagingException {
        if (message.getSentDate() == null) {
            message.setSentDate(new Date());
        }
        String messageId = message.getMessageID();
        message.saveChanges();
        if (messageId != null) {
            message.setHeader("Message-ID", messageId); // saving makes up a new one; the outbox's stays
        }
        Connection kept = take();
        if (kept != null) {
            try {
                deliver(kept, message);
                return;
            } catch (MessagingException e) {
                close(kept);
                if (!connectionLost(e)) {
                    throw e;
                }
                // The server closed the kept connection while it was idle: send once more on a fresh one.
            }
        }
        Connection fresh = open();
        try {
            deliver(fresh, message);
        } catch (MessagingException | RuntimeException e) {
            close(fresh);
            throw e;
        }
    }

    private void deliver(Connection connection, MimeMessage message) throws MessagingException {
        connection.transport.sendMessage(message, message.getAllRecipients());
        connection.messages++;
        connection.lastUsed = System.currentTimeMillis();
        if (closed || connection.messages >= MAX_MESSAGES || idle.size() >= MAX_KEPT) {
            close(connection);
        } else {
            idle.push(connection);
        }
    }

    private @Nullable Connection take() {
        Connection connection;
        while ((connection = idle.poll()) != null) {
            if (System.currentTimeMillis() - connection.lastUsed < MAX_IDLE_MILLIS) {
                return connection;
            }
            close(connection);
        }
        return null;
    }

    private Connection open() throws MessagingException {
        String protocol = sender.getProtocol() == null ? "smtp" : sender.getProtocol();
        Transport transport = sender.getSession().getTransport(protocol);
        transport.connect(sender.getHost(), sender.getPort(), sender.getUsername(), sender.getPassword());
        return new Connection(transport);
    }

    /** Whether a failure on a kept connection is the connection's, not the message's (no SMTP reply to it). */
    private static boolean connectionLost(MessagingException e) {
        String message = String.valueOf(e.getMessage());
        return !message.strip().matches("^[2-5]\\d\\d[ -].*") && !(e instanceof jakarta.mail.SendFailedException)
                || message.startsWith("421");
    }

    private static void close(Connection connection) {
        try {
            connection.transport.close();
        } catch (MessagingException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection connection;
        while ((connection = idle.poll()) != null) {
            close(connection);
        }
    }
}
