package org.newplos.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newplos.IntegrationTest;
import org.newplos.billing.Invoice;
import org.newplos.leases.Lease;
import org.newplos.leases.Leasing;
import org.newplos.members.Member;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reminders on PostgreSQL: the scan writes the most urgent threshold that applies today (in the location's
 * time zone) once per subject and threshold; after downtime only the current one; and the re-check just
 * before sending skips what is no longer true (a lease extended or cancelled, an invoice paid, a later
 * threshold reached).
 */
@IntegrationTest
@Import(NotificationFixtures.class)
class ReminderTests {

    @Autowired
    NotificationFixtures fixtures;

    @Autowired
    Reminders reminders;

    @Autowired
    Leasing leasing;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aLeaseGetsEachThresholdOnceOnItsDay() {
        long location = fixtures.location();
        Lease lease = fixtures.lease(
                fixtures.member("Ada Ending"), location, LocalDate.of(2027, 1, 1), LocalDate.of(2027, 4, 1));

        reminders.scan(noon(2027, 2, 28)); // 31 days before the last day (31 March)
        assertThat(thresholds(lease.id())).isEmpty();
        reminders.scan(noon(2027, 3, 1)); // 30 days before
        reminders.scan(noon(2027, 3, 1));
        reminders.scan(noon(2027, 3, 10));
        assertThat(thresholds(lease.id())).containsExactly(30);
        reminders.scan(noon(2027, 3, 24)); // 7 days before
        reminders.scan(noon(2027, 3, 30)); // 1 day before
        reminders.scan(noon(2027, 3, 31)); // its last day: still the 1-day one, already written
        reminders.scan(noon(2027, 4, 1)); // over
        assertThat(thresholds(lease.id())).containsExactly(30, 7, 1);
    }

    @Test
    void afterDowntimeOnlyTheReminderThatAppliesNowIsWritten() {
        long location = fixtures.location();
        Lease lease = fixtures.lease(
                fixtures.member("Bo Downtime"), location, LocalDate.of(2027, 1, 1), LocalDate.of(2027, 4, 1));

        reminders.scan(noon(2027, 3, 26)); // the service was down on 1 March: the 30-day one is superseded

        assertThat(thresholds(lease.id())).containsExactly(7);
    }

    @Test
    void anExtendedLeaseSendsNothingForItsOldLastDayAndGetsRemindersForTheNewOne() {
        long location = fixtures.location();
        Lease lease = fixtures.lease(
                fixtures.member("Cy Extended"), location, LocalDate.of(2027, 1, 1), LocalDate.of(2027, 4, 1));
        reminders.scan(noon(2027, 3, 1));
        Message thirtyDays = reminder(lease.id(), 30);
        assertThat(reminders.whyNotDue(thirtyDays, noon(2027, 3, 1))).isNull();

        fixtures.extend(lease, LocalDate.of(2027, 7, 1));

        assertThat(reminders.whyNotDue(thirtyDays, noon(2027, 3, 1)))
                .isEqualTo("the lease's last day is now 2027-06-30 (was 2027-03-31)");
        reminders.scan(noon(2027, 5, 31));
        assertThat(jdbc.sql("SELECT payload->>'lastDay' FROM outbox WHERE subject_type = 'lease' AND subject_id = :id"
                                + " AND threshold_days IS NOT NULL ORDER BY id")
                        .param("id", lease.id())
                        .query(String.class)
                        .list())
                .containsExactly("2027-03-31", "2027-06-30");
    }

    @Test
    void aCancelledLeaseOrALaterThresholdSendsNothing() {
        long location = fixtures.location();
        Lease cancelled = fixtures.lease(
                fixtures.member("Di Cancelled"), location, LocalDate.of(2027, 1, 1), LocalDate.of(2027, 4, 1));
        Lease late = fixtures.lease(
                fixtures.member("Ed Late"), location, LocalDate.of(2027, 1, 1), LocalDate.of(2027, 4, 1));
        reminders.scan(noon(2027, 3, 1));

        leasing.cancel(cancelled.id());

        assertThat(reminders.whyNotDue(reminder(cancelled.id(), 30), noon(2027, 3, 2)))
                .isEqualTo("the lease was cancelled");
        assertThat(reminders.whyNotDue(reminder(late.id(), 30), noon(2027, 3, 25)))
                .isEqualTo("superseded by the 7-day reminder");
    }

    @Test
    void todayIsTheLocationsOwn() {
        long auckland = fixtures.location("Pacific/Auckland");
        long utc = fixtures.location("UTC");
        LocalDate start = LocalDate.of(2027, 1, 1);
        LocalDate end = LocalDate.of(2027, 4, 1);
        Lease there = fixtures.lease(fixtures.member("Fa Auckland"), auckland, start, end);
        Lease here = fixtures.lease(fixtures.member("Gu Greenwich"), utc, start, end);

        // 28 February 12:00 UTC is already 1 March (01:00) in Auckland: 30 days before the last day there.
        reminders.scan(noon(2027, 2, 28));

        assertThat(thresholds(there.id())).containsExactly(30);
        assertThat(thresholds(here.id())).isEmpty();
    }

    @Test
    void anOverdueInvoiceIsRemindedUntilPaid() {
        long location = fixtures.location();
        Member member = fixtures.member("Hu Overdue");
        Invoice invoice = fixtures.invoice(member, location, "100.00", LocalDate.of(2027, 2, 1)); // due 15 Feb

        reminders.scan(noon(2027, 2, 17)); // 2 days overdue
        assertThat(invoiceThresholds(invoice.id())).isEmpty();
        reminders.scan(noon(2027, 2, 18)); // 3 days
        fixtures.pay(invoice, "40.00", LocalDate.of(2027, 2, 20)); // partly paid: still overdue
        reminders.scan(noon(2027, 2, 25)); // 10 days
        assertThat(invoiceThresholds(invoice.id())).containsExactly(3, 10);
        Message tenDays = invoiceReminder(invoice.id(), 10);
        assertThat(reminders.whyNotDue(tenDays, noon(2027, 2, 25))).isNull();

        fixtures.pay(invoice, "60.00", LocalDate.of(2027, 2, 26));

        assertThat(reminders.whyNotDue(tenDays, noon(2027, 2, 26))).isEqualTo("the invoice is paid");
        reminders.scan(noon(2027, 3, 18)); // 31 days: paid, nothing more
        assertThat(invoiceThresholds(invoice.id())).containsExactly(3, 10);
    }

    static Instant noon(int year, int month, int day) {
        return LocalDate.of(year, month, day).atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    private List<Integer> thresholds(long leaseId) {
        return jdbc.sql("""
                        SELECT threshold_days FROM outbox
                        WHERE subject_type = 'lease' AND subject_id = :id AND event_type = 'reminder.lease_ending'
                        ORDER BY id
                        """).param("id", leaseId).query(Integer.class).list();
    }

    private List<Integer> invoiceThresholds(long invoiceId) {
        return jdbc.sql("""
                        SELECT threshold_days FROM outbox
                        WHERE subject_type = 'invoice' AND subject_id = :id AND event_type = 'reminder.invoice_overdue'
                        ORDER BY id
                        """).param("id", invoiceId).query(Integer.class).list();
    }

    private Message reminder(long leaseId, int days) {
        return jdbc.sql("""
                        SELECT * FROM outbox WHERE subject_type = 'lease' AND subject_id = :id AND threshold_days = :d
                        """)
                .param("id", leaseId)
                .param("d", days)
                .query(Messages.ROW)
                .single();
    }

    private Message invoiceReminder(long invoiceId, int days) {
        return jdbc.sql("""
                        SELECT * FROM outbox WHERE subject_type = 'invoice' AND subject_id = :id AND threshold_days = :d
                        """)
                .param("id", invoiceId)
                .param("d", days)
                .query(Messages.ROW)
                .single();
    }
}
