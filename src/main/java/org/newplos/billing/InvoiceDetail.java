package org.newplos.billing;

import java.util.List;

/** An invoice or credit note with its lines, the payments made against it and the credit notes correcting it. */
record InvoiceDetail(Invoice invoice, List<InvoiceLine> lines, List<Payment> payments, List<Invoice> creditNotes) {}
