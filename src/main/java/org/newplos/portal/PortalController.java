package org.newplos.portal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.newplos.billing.Balance;
import org.newplos.billing.Invoice;
import org.newplos.billing.InvoiceFiles;
import org.newplos.billing.Invoices;
import org.newplos.bookings.MemberBookings;
import org.newplos.common.NotFoundException;
import org.newplos.common.UiController;
import org.newplos.leases.Lease;
import org.newplos.leases.LeaseStatus;
import org.newplos.leases.Leases;
import org.newplos.leases.MemberLease;
import org.newplos.security.MemberPrincipal;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * A member's own pages: home, leases, invoices (with what is still due and the PDF). Every read is scoped by
 * the signed-in member; another member's lease or invoice is "not found", exactly like one that does not exist.
 */
@UiController
@RequestMapping("/portal")
class PortalController {

    /** More than any member has; lists stay bounded. */
    static final int LIMIT = 500;

    private final Leases leases;
    private final Invoices invoices;
    private final InvoiceFiles files;
    private final MemberBookings bookings;
    private final Clock clock;

    PortalController(Leases leases, Invoices invoices, InvoiceFiles files, MemberBookings bookings, Clock clock) {
        this.leases = leases;
        this.bookings = bookings;
        this.invoices = invoices;
        this.files = files;
        this.clock = clock;
    }

    @GetMapping
    String home(@AuthenticationPrincipal MemberPrincipal me, Model model) {
        LocalDate today = LocalDate.now(clock);
        List<MemberLease> mine = leases.ofMember(me.memberId(), LIMIT);
        model.addAttribute(
                "current", mine.stream().filter(l -> current(l.lease(), today)).toList());
        model.addAttribute(
                "upcoming",
                mine.stream().filter(l -> upcoming(l.lease(), today)).toList());
        List<Balance> balances = invoices.balances(me.memberId(), today);
        model.addAttribute("balances", balances);
        model.addAttribute("due", totalDue(balances));
        model.addAttribute("rooms", bookings.summary(me.memberId(), clock.instant(), today));
        return "portal/home";
    }

    @GetMapping("/leases")
    String leases(@AuthenticationPrincipal MemberPrincipal me, Model model) {
        LocalDate today = LocalDate.now(clock);
        List<MemberLease> mine = leases.ofMember(me.memberId(), LIMIT);
        model.addAttribute(
                "current", mine.stream().filter(l -> current(l.lease(), today)).toList());
        model.addAttribute(
                "upcoming",
                mine.stream().filter(l -> upcoming(l.lease(), today)).toList());
        model.addAttribute(
                "past",
                mine.stream()
                        .filter(l -> !current(l.lease(), today) && !upcoming(l.lease(), today))
                        .toList());
        return "portal/leases";
    }

    @GetMapping("/leases/{id}")
    String lease(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id, Model model) {
        MemberLease mine = leases.ofMember(me.memberId(), LIMIT).stream()
                .filter(l -> l.lease().id() == id)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("lease", id));
        Lease lease = mine.lease();
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("lease", lease);
        model.addAttribute("where", mine);
        model.addAttribute("state", current(lease, today) ? "Current" : upcoming(lease, today) ? "Upcoming" : "Past");
        model.addAttribute("rates", leases.rates(id));
        return "portal/lease";
    }

    @GetMapping("/invoices")
    String invoices(@AuthenticationPrincipal MemberPrincipal me, Model model) {
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("invoices", invoices.ofMember(me.memberId(), LIMIT));
        List<Balance> balances = invoices.balances(me.memberId(), today);
        model.addAttribute("balances", balances);
        model.addAttribute("due", totalDue(balances));
        model.addAttribute("today", today);
        return "portal/invoices";
    }

    @GetMapping("/invoices/{id}")
    String invoice(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id, Model model) {
        Invoice invoice = own(me, id);
        model.addAttribute("invoice", invoice);
        model.addAttribute("lines", invoices.lines(id));
        model.addAttribute("overdue", invoice.overdueOn(LocalDate.now(clock)));
        return "portal/invoice";
    }

    @GetMapping("/invoices/{id}/pdf")
    ResponseEntity<byte[]> pdf(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id) {
        own(me, id);
        InvoiceFiles.InvoiceFile file = files.pdf(id);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(file.fileName())
                                .build()
                                .toString())
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(file.content());
    }

    private Invoice own(MemberPrincipal me, long id) {
        return invoices.ofMember(me.memberId(), id).orElseThrow(() -> new NotFoundException("invoice", id));
    }

    static boolean current(Lease lease, LocalDate today) {
        return lease.status() != LeaseStatus.CANCELLED
                && !lease.start().isAfter(today)
                && (lease.end() == null || lease.end().isAfter(today));
    }

    static boolean upcoming(Lease lease, LocalDate today) {
        return lease.status() != LeaseStatus.CANCELLED && lease.start().isAfter(today);
    }

    /** What the member owes, per currency (positive balances only; credit is shown per location). */
    static Map<String, BigDecimal> totalDue(List<Balance> balances) {
        Map<String, BigDecimal> due = new TreeMap<>();
        for (Balance b : balances) {
            if (b.balance().signum() > 0) {
                due.merge(b.currency(), b.balance(), BigDecimal::add);
            }
        }
        return due;
    }
}
