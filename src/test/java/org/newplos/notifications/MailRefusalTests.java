package org.newplos.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * What the mail channel makes of an SMTP server's refusals, against a scripted SMTP server on a local port:
 * a recipient refused for good (5xx) is dead at once, refused for now (4xx) is tried again; and a malformed
 * {@code NEWPLOS_SMTP_URL} stops the start naming the variable, never the password.
 */
class MailRefusalTests {

    @Test
    void aRecipientRefusedForGoodIsDeadAndOneRefusedForNowFails() throws Exception {
        try (ScriptedSmtp smtp = new ScriptedSmtp("550 5.1.1 <gone@example.com>: Recipient address rejected")) {
            Delivery delivery = channel(smtp.port()).send(payment("gone@example.com"));
            assertThat(delivery.outcome()).isEqualTo(Delivery.Outcome.DEAD);
            assertThat(delivery.detail())
                    .startsWith("the SMTP server refused gone@example.com: 550 5.1.1")
                    .contains("Recipient address rejected");
        }
        try (ScriptedSmtp smtp = new ScriptedSmtp("451 4.3.0 Mailbox temporarily unavailable")) {
            Delivery delivery = channel(smtp.port()).send(payment("busy@example.com"));
            assertThat(delivery.outcome()).isEqualTo(Delivery.Outcome.FAILED);
            assertThat(delivery.detail()).contains("451 4.3.0");
        }
    }

    @Test
    void withoutAnSmtpUrlSpringBootsMailSenderIsUsedWithOurTimeouts() throws Exception {
        try (ScriptedSmtp smtp = new ScriptedSmtp("250 2.1.5 ok")) {
            JavaMailSenderImpl boot = new JavaMailSenderImpl();
            boot.setHost("127.0.0.1");
            boot.setPort(smtp.port());
            StaticListableBeanFactory beans = new StaticListableBeanFactory();
            beans.addBean("mailSender", boot);
            MailSettings settings = new MailSettings(
                    "desk@newplos.test", "Newplos", Duration.ofSeconds(3), Duration.ofSeconds(7), null);
            MailServer server = new MailServer(settings, beans.getBeanProvider(JavaMailSender.class));
            assertThat(server.description()).isEqualTo("smtp://127.0.0.1:" + smtp.port() + " (spring.mail)");
            assertThat(boot.getJavaMailProperties())
                    .containsEntry("mail.smtp.connectiontimeout", "3000")
                    .containsEntry("mail.smtp.timeout", "7000");
            Delivery delivery =
                    new MailChannel(server, new MailTemplates(null, settings), null).send(payment("ada@example.com"));
            assertThat(delivery.outcome()).as(delivery.detail()).isEqualTo(Delivery.Outcome.SENT);
            assertThat(delivery.detail()).contains("<outbox-1@newplos.test>");
            server.close();
        }
    }

    @Test
    void aMalformedSmtpUrlStopsTheStartNamingTheVariableNotThePassword() {
        MailSettings settings = new MailSettings(
                "desk@newplos.test", "Newplos", Duration.ofSeconds(1), Duration.ofSeconds(1), "smtp:/ops:hunter2@");
        assertThatThrownBy(() -> new MailServer(settings, noSpringMail()))
                .hasMessageContaining("NEWPLOS_SMTP_URL")
                .hasMessageNotContaining("hunter2");
    }

    private static MailChannel channel(int port) {
        MailSettings settings = new MailSettings(
                "desk@newplos.test",
                "Newplos",
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                "smtp://127.0.0.1:" + port);
        // No location and no attachment in these messages: the templates need no database.
        return new MailChannel(new MailServer(settings, noSpringMail()), new MailTemplates(null, settings), null);
    }

    private static org.springframework.beans.factory.ObjectProvider<JavaMailSender> noSpringMail() {
        return new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class);
    }

    private static Message payment(String to) {
        return new Message(
                1,
                Channel.Kind.EMAIL,
                "payment.received",
                "test:1",
                null,
                to,
                null,
                null,
                "payment",
                1,
                null,
                """
                {"amount": 10, "currency": "EUR", "receivedOn": "2027-03-01", "memberName": "Ada"}""",
                Message.Status.PENDING,
                1,
                Instant.now(),
                null,
                null,
                null,
                null,
                Instant.now());
    }

    /** An SMTP server that answers RCPT TO with the given reply and everything else with success. */
    static final class ScriptedSmtp implements AutoCloseable {

        private final ServerSocket server;
        private final Thread thread;

        ScriptedSmtp(String rcptReply) throws IOException {
            server = new ServerSocket(0);
            thread = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket socket = server.accept()) {
                        converse(socket, rcptReply);
                    } catch (IOException e) {
                        // closed
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private static void converse(Socket socket, String rcptReply) throws IOException {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            reply(out, "220 scripted ESMTP");
            String line;
            boolean data = false;
            while ((line = in.readLine()) != null) {
                if (data) {
                    if (line.equals(".")) {
                        data = false;
                        reply(out, "250 2.0.0 queued");
                    }
                    continue;
                }
                String command = line.length() < 4
                        ? line.toUpperCase()
                        : line.substring(0, 4).toUpperCase();
                switch (command) {
                    case "EHLO", "HELO" -> reply(out, "250 scripted");
                    case "RCPT" -> reply(out, rcptReply);
                    case "DATA" -> {
                        data = true;
                        reply(out, "354 go ahead");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 ok");
                }
            }
        }

        private static void reply(OutputStream out, String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
