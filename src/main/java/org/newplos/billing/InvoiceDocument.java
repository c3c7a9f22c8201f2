package org.newplos.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.newplos.locations.Location;

/**
 * An invoice or credit note with all a reader needs, as the detail page and the PDF show it: its location
 * (name, legal lines, terms), lines with their days, VAT per rate, payments, and the documents that credit it
 * or that it credits.
 */
record InvoiceDocument(
        Invoice invoice,
        Location location,
        List<Line> lines,
        List<VatGroup> vatGroups,
        List<Payment> payments,
        List<Invoice> creditNotes,
        List<Receivables.CreditedInvoice> credits) {

    /** A line with the service days it bills (first and last day, both inclusive), when it bills days. */
    record Line(
            InvoiceLine line,
            @Nullable LocalDate firstDay,
            @Nullable LocalDate lastDay,
            @Nullable Long days) {

        static Line of(InvoiceLine l) {
            if (l.billedFrom() == null || l.billedTo() == null) {
                return new Line(l, null, null, null);
            }
            return new Line(
                    l,
                    l.billedFrom(),
                    l.billedTo().minusDays(1),
                    ChronoUnit.DAYS.between(l.billedFrom(), l.billedTo()));
        }
    }

    /** Net and VAT of the lines at one rate; VAT rounded once per rate, as issuing does. */
    record VatGroup(BigDecimal rate, BigDecimal net, BigDecimal vat) {}

    static InvoiceDocument of(
            Invoice invoice,
            Location location,
            List<InvoiceLine> lines,
            List<Payment> payments,
            List<Invoice> creditNotes,
            List<Receivables.CreditedInvoice> credits) {
        Map<BigDecimal, BigDecimal> netByRate = new TreeMap<>();
        for (InvoiceLine l : lines) {
            netByRate.merge(l.vatRate(), l.amount(), BigDecimal::add);
        }
        List<VatGroup> groups = netByRate.entrySet().stream()
                .map(e -> new VatGroup(e.getKey(), e.getValue(), Money.vat(e.getValue(), e.getKey())))
                .toList();
        return new InvoiceDocument(
                invoice, location, lines.stream().map(Line::of).toList(), groups, payments, creditNotes, credits);
    }

    public boolean isCreditNote() {
        return invoice.kind() == InvoiceKind.CREDIT_NOTE;
    }

    public boolean isDraft() {
        return invoice.status() == InvoiceStatus.DRAFT;
    }

    /** "Invoice", "Credit note", with "Draft" in front while it is one. */
    public String title() {
        String kind = isCreditNote() ? "Credit note" : "Invoice";
        return switch (invoice.status()) {
            case DRAFT -> "Draft " + kind.toLowerCase();
            case VOID -> "Void " + kind.toLowerCase();
            case ISSUED -> kind + " " + invoice.number();
        };
    }

    /** The location's legal lines, one per printed line. */
    public List<String> legalLines() {
        return location.legalLines().isBlank()
                ? List.of()
                : location.legalLines().strip().lines().toList();
    }

    public BigDecimal paid() {
        return payments.stream().map(Payment::amount).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }
}
