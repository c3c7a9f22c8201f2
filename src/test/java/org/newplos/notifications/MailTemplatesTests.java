package org.newplos.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every emailed event type renders, from a payload shaped as DomainEvents and Reminders write it, into the
 * subject and both bodies a member would expect: amounts with their currency, days written out, no "null".
 */
class MailTemplatesTests {

    private final MailSettings settings =
            new MailSettings("hello@newplos.test", "Newplos", Duration.ofSeconds(1), Duration.ofSeconds(1), null);
    // No location in these messages: the templates need no database.
    private final MailTemplates templates = new MailTemplates(null, settings);

    private static final Map<String, String[]> CASES = cases(
            "lease.booked",
            new String[] {
                """
                {"id": 1, "status": "ACTIVE", "memberId": 1, "memberName": "Ada Lovelace", "spaceId": 1,
                 "spaceCode": "D-12", "location": "AMS", "start": "2027-01-01", "end": null, "lastDay": null,
                 "monthlyRate": 100.00, "deposit": 200, "currency": "EUR"}""",
                "Your lease of D-12 at Newplos starts on 1 January",
                "Friday 1 January 2027",
                "€100.00",
                "€200.00",
                "open-ended"
            },
            "lease.ended",
            new String[] {"""
                {"id": 1, "memberName": "Ada Lovelace", "spaceCode": "D-12", "start": "2026-01-01",
                 "end": "2026-12-15", "lastDay": "2026-12-14", "monthlyRate": 100, "currency": "EUR"}""", "Your lease of D-12 ends on 14 December", "Monday 14 December 2026"},
            "lease.cancelled",
            new String[] {
                """
                {"id": 1, "memberName": "Ada Lovelace", "spaceCode": "D-12", "start": "2027-01-01",
                 "monthlyRate": 100, "currency": "EUR"}""", "Your lease of D-12 at Newplos was cancelled", "Friday 1 January 2027", "Nothing is charged"
            },
            "invoice.issued",
            new String[] {
                """
                {"id": 7, "kind": "INVOICE", "number": "AMS-2027-000042", "memberId": 1, "billingName": "Ada Lovelace",
                 "total": 1234.5, "currency": "EUR", "issuedOn": "2027-02-01", "dueOn": "2027-02-15"}""", "Invoice AMS-2027-000042 from Newplos", "€1,234.50", "Monday 15 February 2027", "attached"
            },
            "credit_note.issued",
            new String[] {"""
                {"id": 8, "kind": "CREDIT_NOTE", "number": "AMS-2027-000043", "memberId": 1, "billingName": "Ada",
                 "total": -60.50, "currency": "CHF", "issuedOn": "2027-02-03", "dueOn": "2027-02-17"}""", "Credit note AMS-2027-000043 from Newplos", "-CHF60.50", "Wednesday 3 February 2027"},
            "payment.received",
            new String[] {"""
                {"id": 3, "memberId": 1, "memberName": "Ada Lovelace", "location": "AMS", "invoiceId": 7,
                 "method": "BANK_TRANSFER", "receivedOn": "2027-03-01", "amount": 60.5, "currency": "EUR",
                 "reference": "NL12 transfer"}""", "Thank you: we received your payment of €60.50", "Monday 1 March 2027", "NL12 transfer"},
            "reminder.lease_ending",
            new String[] {"""
                {"id": 1, "memberId": 1, "memberName": "Ada Lovelace", "spaceId": 1, "spaceCode": "D-4",
                 "spaceName": "Desk 4", "location": "AMS", "start": "2026-01-01", "end": "2026-12-15",
                 "lastDay": "2026-12-14", "daysLeft": 7, "thresholdDays": 7}""", "Reminder: your lease of Desk 4 ends on 14 December", "7 days", "Monday 14 December 2026"
            },
            "reminder.invoice_overdue",
            new String[] {"""
                {"id": 7, "number": "AMS-2027-000042", "memberId": 1, "billingName": "Ada Lovelace",
                 "location": "AMS", "total": 60.5, "outstanding": 10.5, "currency": "EUR", "issuedOn": "2027-02-01",
                 "dueOn": "2027-02-15", "daysOverdue": 3, "thresholdDays": 3}""", "Reminder: invoice AMS-2027-000042 from Newplos is overdue", "€10.50", "3 days"},
            "booking.confirmed",
            new String[] {
                """
                {"id": 5, "status": "BOOKED", "memberId": 1, "memberName": "Ada Lovelace", "spaceId": 2,
                 "spaceCode": "M-1", "spaceName": "Meeting room 1", "location": "AMS", "day": "2026-03-29",
                 "from": "10:00", "until": "12:00", "timeZone": "Europe/Amsterdam", "creditMinutes": 30,
                 "chargedMinutes": 90, "amount": 45, "currency": "EUR"}""",
                "Booked: Meeting room 1 on 29 March, 10:00–12:00",
                "Sunday 29 March 2026",
                "€45.00",
                "Paid with your room credit"
            },
            "booking.cancelled",
            new String[] {"""
                {"id": 5, "status": "CANCELLED", "memberId": 1, "memberName": "Ada Lovelace", "spaceId": 2,
                 "spaceCode": "M-1", "location": "AMS", "day": "2026-03-29", "from": "10:00", "until": "12:00",
                 "timeZone": "Europe/Amsterdam", "creditMinutes": 30, "chargedMinutes": 90, "amount": 45,
                 "currency": "EUR"}""", "Cancelled: M-1 on 29 March, 10:00–12:00", "Sunday 29 March 2026", "given back"},
            "portal.sign_in_link",
            new String[] {
                """
                {"memberId": 1, "memberName": "Ada Lovelace", "purpose": "SIGN_IN", "minutes": 15,
                 "link": "https://members.example.com/portal/sign-in/abc", "expiresAt": "2027-03-01T10:15:00Z"}""", "Your sign-in link for Newplos", "https://members.example.com/portal/sign-in/abc", "15 minutes"
            });

    /** Map.of stops at ten pairs: event type, then what its email must contain. */
    private static Map<String, String[]> cases(Object... pairs) {
        Map<String, String[]> cases = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            cases.put((String) pairs[i], (String[]) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(cases);
    }

    @Test
    void everyEmailedTypeHasItsSubjectAndBothBodies() {
        assertThat(CASES.keySet())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(EventType.values())
                        .filter(EventType::emailed)
                        .map(EventType::wire)
                        .toList());
        CASES.forEach((type, expected) -> {
            RenderedMail mail = templates.render(message(type, expected[0]));
            assertThat(mail.subject()).as(type).isEqualTo(expected[1]);
            assertThat(mail.from()).isEqualTo("Newplos <hello@newplos.test>");
            for (int i = 2; i < expected.length; i++) {
                assertThat(mail.text()).as(type + " text").contains(expected[i]);
                assertThat(mail.html()).as(type + " html").contains(expected[i].replace("&", "&amp;"));
            }
            assertThat(mail.text()).as(type).startsWith("Hello Ada").doesNotContain("null", "[(", "${");
            assertThat(mail.html()).as(type).contains("<title>" + expected[1]).doesNotContain("null", "${");
        });
    }

    @Test
    void aMissingFieldOrUnknownTypeIsARenderErrorThatSaysWhat() {
        assertThatThrownBy(() -> templates.render(message("payment.received", "{\"amount\": 5}")))
                .isInstanceOf(MailTemplates.RenderException.class)
                .hasMessage("cannot render the payment.received email: the payload has no 'currency'");
        assertThatThrownBy(() -> templates.render(message("lease.updated", "{}")))
                .hasMessageContaining("no email is sent for this event type");
        assertThatThrownBy(() -> templates.render(message("payment.received", "[1, 2]")))
                .hasMessageContaining("the payload is not a JSON object");
        assertThatThrownBy(() -> templates.render(message(
                        "payment.received", "{\"amount\": 5, \"currency\": \"XXX1\", \"receivedOn\": \"2027-01-01\"}")))
                .hasMessageContaining("unknown currency 'XXX1'");
    }

    private static Message message(String type, String payload) {
        return new Message(
                99,
                Channel.Kind.EMAIL,
                type,
                "test:" + type,
                null,
                "ada@example.com",
                null,
                null,
                "test",
                1,
                null,
                payload,
                Message.Status.PENDING,
                1,
                Instant.now(),
                null,
                null,
                null,
                null,
                Instant.now());
    }
}
