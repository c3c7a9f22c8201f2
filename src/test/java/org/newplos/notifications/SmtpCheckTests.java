package org.newplos.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.newplos.database.Check;
import org.springframework.mock.env.MockEnvironment;

/** The doctor's SMTP check against a real SMTP server (GreenMail), a closed port, and no configuration. */
class SmtpCheckTests {

    @Test
    void passesWithTheServersAnswerAgainstARealServerAndSendsNothing() {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
        greenMail.start();
        try {
            int port = greenMail.getSmtp().getPort();
            Check result = new SmtpCheck(
                            new MockEnvironment().withProperty("newplos.mail.smtp-url", "smtp://127.0.0.1:" + port))
                    .check();
            assertThat(result.status()).as(result.detail()).isEqualTo(Check.Status.PASS);
            assertThat(result.name()).isEqualTo("smtp");
            assertThat(result.detail()).contains("smtp://127.0.0.1:" + port, "answered EHLO", "250", "no mail sent");
            assertThat(greenMail.getReceivedMessages()).isEmpty();

            Check spring = new SmtpCheck(new MockEnvironment()
                            .withProperty("spring.mail.host", "127.0.0.1")
                            .withProperty("spring.mail.port", String.valueOf(port)))
                    .check();
            assertThat(spring.status()).as(spring.detail()).isEqualTo(Check.Status.PASS);
            assertThat(spring.detail()).contains("(spring.mail)");
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void failsWithAFixAgainstAClosedPortAndWithoutEchoingThePassword() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Check result = new SmtpCheck(new MockEnvironment()
                        .withProperty(
                                "newplos.mail.smtp-url", "smtp://ops:hunter2@127.0.0.1:" + port + "?starttls=off"))
                .check();
        assertThat(result.status()).isEqualTo(Check.Status.FAIL);
        assertThat(result.detail())
                .contains("cannot reach", "ops:****@127.0.0.1:" + port)
                .doesNotContain("hunter2");
        assertThat(result.fix()).contains("start the SMTP server");

        Check malformed = new SmtpCheck(
                        new MockEnvironment().withProperty("newplos.mail.smtp-url", "smtp//ops:hunter2@host"))
                .check();
        assertThat(malformed.status()).isEqualTo(Check.Status.FAIL);
        assertThat(malformed.detail()).contains("NEWPLOS_SMTP_URL").doesNotContain("hunter2");
        assertThat(malformed.fix()).contains("NEWPLOS_SMTP_URL=smtp://");
    }

    @Test
    void notConfiguredIsAWarningThatSaysMailIsKept() {
        Check result = new SmtpCheck(new MockEnvironment()).check();
        assertThat(result.status()).isEqualTo(Check.Status.WARN);
        assertThat(result.detail()).contains("not configured", "kept");
        assertThat(result.fix()).contains("NEWPLOS_SMTP_URL", "SPRING_MAIL_HOST");
    }
}
