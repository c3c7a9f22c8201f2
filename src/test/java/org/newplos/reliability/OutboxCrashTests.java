package org.newplos.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The packaged jar killed (SIGKILL) between the commit that wrote a message and its sending: the lease is
 * booked and its "lease booked" email is in the outbox, the process dies before any dispatcher runs, and the
 * restarted server delivers the email exactly once, counted at a real SMTP server (GreenMail).
 */
@Tag("reliability")
class OutboxCrashTests {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aMessageCommittedBeforeASigkillIsDeliveredOnceAfterTheRestart() throws Exception {
        assumeTrue(ChildServer.jarAvailable(), "needs target/newplos.jar: run after package");
        int smtpPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            smtpPort = socket.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        String[] mail = {"--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtpPort};
        try (ChildServer child =
                new ChildServer("outbox_crash", with(mail, "--newplos.notifications.dispatch-interval=1h"))) {
            // First life: the dispatcher runs once at start, then not for an hour.
            child.start();
            child.awaitReady(Duration.ofSeconds(120));
            child.addAdmin();
            awaitFirstDispatch(child);
            long space = id(child.post("/api/v1/spaces", """
                    {"code": "OC-1", "name": "Crash desk", "type": "DESK", "monthlyRate": 100}"""));
            long member = id(child.post("/api/v1/members", """
                    {"fullName": "Kay Kill", "email": "kay.kill@example.com"}"""));
            long lease = id(child.post("/api/v1/leases", """
                    {"memberId": %d, "spaceId": %d, "start": "2030-01-01", "end": "2030-07-01"}""".formatted(member, space)));
            long message = child.count("SELECT id FROM outbox WHERE subject_type = 'lease' AND subject_id = " + lease
                    + " AND channel = 'EMAIL'");

            child.process.destroyForcibly(); // SIGKILL: committed, not sent
            assertThat(child.process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            long pendingAfterKill =
                    child.count("SELECT count(*) FROM outbox WHERE status = 'PENDING' AND id = " + message);
            int receivedBeforeRestart = smtp.getReceivedMessages().length;

            // Second life, with the default dispatch interval.
            child.arguments(mail);
            long restarted = System.nanoTime();
            child.start();
            child.awaitReady(Duration.ofSeconds(120));
            assertThat(smtp.waitForIncomingEmail(60_000, 1))
                    .as("delivered after the restart")
                    .isTrue();
            double seconds = (System.nanoTime() - restarted) / 1e9;
            Thread.sleep(12_000); // two more dispatcher runs: nothing is sent again
            MimeMessage[] received = smtp.getReceivedMessages();
            long sent = child.count(
                    "SELECT count(*) FROM outbox WHERE status = 'SENT' AND attempts = 1 AND id = " + message);
            long copies = Arrays.stream(received)
                    .filter(m -> String.valueOf(message).equals(header(m)))
                    .count();
            child.process.destroy();
            child.process.waitFor(30, TimeUnit.SECONDS);
            Figures.record(
                    "crash between commit and send",
                    "pendingAfterKill",
                    pendingAfterKill,
                    "receivedBeforeRestart",
                    receivedBeforeRestart,
                    "deliveredAfterRestart",
                    copies,
                    "restartToDeliverySeconds",
                    String.format("%.1f", seconds));
            assertThat(pendingAfterKill).isEqualTo(1);
            assertThat(receivedBeforeRestart).isZero();
            assertThat(copies).isEqualTo(1);
            assertThat(received).hasSize(1);
            assertThat(sent).isEqualTo(1);
            assertThat(child.output()).doesNotContain(LiveServer.DB_PASSWORD, LiveServer.PASSWORD);
        } finally {
            smtp.stop();
        }
    }

    /** Waits until the first life's dispatcher has run once (so the next run is an hour away). */
    private static void awaitFirstDispatch(ChildServer child) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (child.count("SELECT count(*) FROM scheduled_tasks WHERE task_name = 'outbox-dispatch'"
                            + " AND last_success IS NOT NULL AND NOT picked")
                    > 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the dispatcher did not run at start");
    }

    private static String header(MimeMessage message) {
        try {
            String[] values = message.getHeader("X-Newplos-Message-Id");
            return values == null ? "" : values[0].strip();
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }

    private static String[] with(String[] base, String extra) {
        String[] all = Arrays.copyOf(base, base.length + 1);
        all[base.length] = extra;
        return all;
    }

    private static long id(HttpResponse<String> response) {
        Matcher m = ID.matcher(response.body());
        if (response.statusCode() != 201 || !m.find()) {
            throw new AssertionError(response.statusCode() + " " + response.body());
        }
        return Long.parseLong(m.group(1));
    }
}
