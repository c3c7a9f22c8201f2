package org.newplos.portal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.newplos.audit.AuditLog;
import org.newplos.billing.Billing;
import org.newplos.billing.Invoice;
import org.newplos.billing.Invoices;
import org.newplos.bookings.MemberBookings;
import org.newplos.common.ConflictException;
import org.newplos.common.NotFoundException;
import org.newplos.leases.Leases;
import org.newplos.notifications.MemberMail;
import org.newplos.plans.PlanMemberships;
import org.newplos.security.MemberPrincipal;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Privacy: everything Newplos holds about a member, as one JSON document of sections (the member downloads
 * it; staff too, for a request by letter); and erasure of a member who has left — personal fields anonymised,
 * invoices kept as issued (the law wants them), personal values removed from the audit history and the outbox,
 * links and sign-in history deleted, sessions ended.
 */
@Service
class Privacy {

    /** Rows per section at most: an export stays bounded. */
    static final int LIMIT = 5000;

    private final Erasures erasures;
    private final MemberAccounts accounts;
    private final SignInLinks links;
    private final Leases leases;
    private final Invoices invoices;
    private final Billing billing;
    private final PlanMemberships plans;
    private final MemberBookings bookings;
    private final MemberMail mail;
    private final AuditLog audit;
    private final List<PrivacySection> more;
    private final Clock clock;

    Privacy(
            Erasures erasures,
            MemberAccounts accounts,
            SignInLinks links,
            Leases leases,
            Invoices invoices,
            Billing billing,
            PlanMemberships plans,
            MemberBookings bookings,
            MemberMail mail,
            AuditLog audit,
            List<PrivacySection> more,
            Clock clock) {
        this.erasures = erasures;
        this.accounts = accounts;
        this.links = links;
        this.leases = leases;
        this.invoices = invoices;
        this.billing = billing;
        this.plans = plans;
        this.bookings = bookings;
        this.mail = mail;
        this.audit = audit;
        this.more = more;
        this.clock = clock;
    }

    /** The sections of the export, in order: the built-in ones, then those other features add. */
    List<PrivacySection> sections() {
        List<PrivacySection> sections = new ArrayList<>();
        sections.add(section("member", id -> accounts.find(id).orElseThrow(() -> new NotFoundException("member", id))));
        sections.add(section("planMemberships", plans::forMember));
        sections.add(section("leases", id -> leases.forMember(id, LIMIT)));
        sections.add(section("invoices", id -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Invoice invoice : invoices.ofMember(id, LIMIT)) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("invoice", invoice);
                entry.put("lines", invoices.lines(invoice.id()));
                out.add(entry);
            }
            return out;
        }));
        sections.add(section("payments", id -> billing.payments(id, null)));
        sections.add(section("roomBookings", id -> bookings.bookings(id, LIMIT)));
        sections.add(section("roomCredits", id -> bookings.grants(id, LIMIT)));
        sections.add(section(
                "roomBookingHistory",
                id -> audit.forRecords(
                        "booking",
                        bookings.bookings(id, LIMIT).stream().map(b -> b.id()).toList(),
                        LIMIT)));
        sections.add(section("emails", id -> mail.sentTo(id, LIMIT)));
        sections.add(section("history", id -> audit.forRecord("member", id, LIMIT)));
        sections.add(section("signIns", id -> links.history(id, LIMIT)));
        sections.addAll(more);
        return sections;
    }

    /** Everything about a member, section by section. */
    @Transactional(readOnly = true)
    Map<String, Object> export(long memberId) {
        accounts.find(memberId).orElseThrow(() -> new NotFoundException("member", memberId));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("format", "newplos-member-export/1");
        document.put("memberId", memberId);
        document.put("exportedAt", clock.instant().toString());
        Map<String, Object> sections = new LinkedHashMap<>();
        for (PrivacySection section : sections()) {
            sections.put(section.name(), section.export(memberId));
        }
        document.put("sections", sections);
        return document;
    }

    /**
     * Erases a member who has left and has no current or future lease and no room booked ahead (409 otherwise;
     * 404 for no such member). Their bookings and the invoice lines charging them are kept; where a booking
     * says the member booked or cancelled it (their email), it says the erased address instead. Answers when it
     * happened.
     */
    @Transactional
    Instant erase(long memberId) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock);
        Erasures.State state = erasures.lock(memberId).orElseThrow(() -> new NotFoundException("member", memberId));
        if (state.erasedAt() != null) {
            throw new ConflictException("Member " + memberId + " was already erased on " + state.erasedAt() + ".");
        }
        if (!"LEFT".equals(state.status())) {
            throw new ConflictException("Member " + memberId + " is " + state.status()
                    + ": only a member who has left can be erased. Set their status to LEFT first.");
        }
        boolean leasing = leases.forMember(memberId, PortalController.LIMIT).stream()
                .anyMatch(l -> PortalController.current(l, today) || PortalController.upcoming(l, today));
        if (leasing) {
            throw new ConflictException("Member " + memberId
                    + " still has a current or future lease: end or cancel it before erasing the member.");
        }
        if (bookings.hasUpcoming(memberId, now)) {
            throw new ConflictException("Member " + memberId
                    + " still has a room booked: cancel their upcoming bookings before erasing the member.");
        }
        List<String> emails = erasures.emails(memberId);
        List<Long> leaseIds = leases.forMember(memberId, PortalController.LIMIT).stream()
                .map(l -> l.id())
                .toList();
        erasures.anonymise(memberId, now);
        erasures.scrubHistory(memberId, leaseIds);
        erasures.scrubBookingHistory(bookings.forget(memberId, emails, Erasures.erasedEmail(memberId)), emails);
        audit.record("member", memberId, "erased", null, new Erased(memberId, now));
        mail.redact(memberId, Erasures.erasedEmail(memberId));
        links.forget(memberId);
        links.endSessions(MemberPrincipal.NAME_PREFIX + memberId);
        return now;
    }

    /** What the audit log keeps of an erasure: who (by id) and when, nothing personal. */
    record Erased(long memberId, Instant erasedAt) {}

    private static PrivacySection section(String name, java.util.function.LongFunction<Object> data) {
        return new PrivacySection() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Object export(long memberId) {
                return data.apply(memberId);
            }
        };
    }
}
