package org.newplos.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What a run made, for review before issuing: counts, totals per VAT rate, and per member. {@code dryRun}
 * previews were rolled back: nothing of them is stored.
 */
public record RunPreview(
        long runId,
        boolean dryRun,
        String locationCode,
        String currency,
        LocalDate asOf,
        int invoices,
        int creditNotes,
        int lines,
        List<VatGroup> vatGroups,
        BigDecimal net,
        BigDecimal vat,
        BigDecimal total,
        List<MemberTotal> members) {

    /** Net and VAT of the run's drafts at one VAT rate (VAT rounded per invoice, as issued). */
    public record VatGroup(BigDecimal rate, BigDecimal net, BigDecimal vat) {}

    /** One draft of the run. */
    public record MemberTotal(
            long invoiceId, long memberId, String name, InvoiceKind kind, int lines, BigDecimal net) {}
}
