package org.newplos.billing;

import org.newplos.locations.Locations;
import org.springframework.stereotype.Component;

/** Puts an invoice's pieces together for the detail page and the PDF. */
@Component
class InvoiceDocuments {

    private final Invoices invoices;
    private final Locations locations;
    private final Billing billing;
    private final Receivables receivables;

    InvoiceDocuments(Invoices invoices, Locations locations, Billing billing, Receivables receivables) {
        this.invoices = invoices;
        this.locations = locations;
        this.billing = billing;
        this.receivables = receivables;
    }

    InvoiceDocument get(long id) {
        Invoice invoice = invoices.get(id);
        boolean creditNote = invoice.kind() == InvoiceKind.CREDIT_NOTE;
        return InvoiceDocument.of(
                invoice,
                locations.get(invoice.locationId()),
                invoices.lines(id),
                creditNote ? java.util.List.of() : billing.payments(null, id),
                creditNote ? java.util.List.of() : invoices.creditNotesFor(id),
                creditNote ? receivables.credited(id) : java.util.List.of());
    }
}
