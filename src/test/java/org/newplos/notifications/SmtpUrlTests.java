package org.newplos.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** {@code NEWPLOS_SMTP_URL}: the forms an operator writes, the defaults, and errors that never echo the password. */
class SmtpUrlTests {

    @Test
    void submissionWithCredentialsIsStartTlsRequiredOn587ByDefault() {
        SmtpUrl url = SmtpUrl.parse("smtp://apikey:s%40cr%2Bt+x@smtp.example.com");
        assertThat(url.host()).isEqualTo("smtp.example.com");
        assertThat(url.port()).isEqualTo(587);
        assertThat(url.username()).isEqualTo("apikey");
        assertThat(url.password()).isEqualTo("s@cr+t+x");
        assertThat(url.implicitTls()).isFalse();
        assertThat(url.startTls()).isEqualTo(SmtpUrl.StartTls.REQUIRED);
        assertThat(url.describe())
                .isEqualTo("smtp://apikey:****@smtp.example.com:587 (STARTTLS required)")
                .doesNotContain("s@cr");
        assertThat(url.toString()).doesNotContain("cr+t");

        JavaMailSenderImpl sender = url.sender(Duration.ofSeconds(10), Duration.ofSeconds(30));
        assertThat(sender.getJavaMailProperties())
                .containsEntry("mail.smtp.auth", "true")
                .containsEntry("mail.smtp.starttls.enable", "true")
                .containsEntry("mail.smtp.starttls.required", "true")
                .containsEntry("mail.smtp.connectiontimeout", "10000")
                .containsEntry("mail.smtp.timeout", "30000");
    }

    @Test
    void smtpsIsImplicitTlsOn465AndARelayWithoutUserIsPlainOn25() {
        SmtpUrl tls = SmtpUrl.parse("smtps://user:pw@mail.example.org");
        assertThat(tls.implicitTls()).isTrue();
        assertThat(tls.port()).isEqualTo(465);
        assertThat(tls.sender(Duration.ofSeconds(1), Duration.ofSeconds(1)).getProtocol())
                .isEqualTo("smtps");

        SmtpUrl relay = SmtpUrl.parse("smtp://relay.internal");
        assertThat(relay.port()).isEqualTo(25);
        assertThat(relay.username()).isNull();
        assertThat(relay.startTls()).isEqualTo(SmtpUrl.StartTls.OFF);

        assertThat(SmtpUrl.parse("smtp://relay:2525?starttls=required").startTls())
                .isEqualTo(SmtpUrl.StartTls.REQUIRED);
        assertThat(SmtpUrl.parse("smtp://u:p@localhost:3025?starttls=off").startTls())
                .isEqualTo(SmtpUrl.StartTls.OFF);
        assertThat(SmtpUrl.parse("smtp://[::1]:25").host()).isEqualTo("::1");
    }

    @Test
    void malformedUrlsNameTheVariableAndNeverThePassword() {
        for (String bad : new String[] {
            "http://user:hunter2@host:587",
            "smtp://user:hunter2@:587",
            "smtp://user:hun ter2@host:587",
            "smtp://user:hunter2@host:587/path",
            "smtp://user:hunter2@host:587?tls=yes",
            "smtp://user:hunter2@host:587?starttls=maybe",
            "smtps://user:hunter2@host?starttls=required",
            "smtp://user:hunter2%zz@host",
            "not a url hunter2"
        }) {
            assertThatThrownBy(() -> SmtpUrl.parse(bad))
                    .as(bad)
                    .isInstanceOf(SmtpUrl.InvalidSmtpUrlException.class)
                    .hasMessageStartingWith("NEWPLOS_SMTP_URL is not usable: ")
                    .hasMessageContaining("smtp://user:password@")
                    .hasMessageNotContaining("hunter2");
        }
    }
}
