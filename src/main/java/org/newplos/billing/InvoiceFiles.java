package org.newplos.billing;

import org.springframework.stereotype.Component;

/** The printable invoice for other features (the "invoice issued" email attaches it). */
@Component
public class InvoiceFiles {

    private final InvoiceDocuments documents;
    private final InvoicePdf pdf;

    InvoiceFiles(InvoiceDocuments documents, InvoicePdf pdf) {
        this.documents = documents;
        this.pdf = pdf;
    }

    /** The PDF of an invoice or credit note as stored now, and its file name ({@code AMS-2027-000042.pdf}). */
    public InvoiceFile pdf(long invoiceId) {
        InvoiceDocument document = documents.get(invoiceId);
        return new InvoiceFile(InvoicePdf.fileName(document.invoice()), pdf.render(document));
    }

    /** A rendered PDF and its file name. */
    public record InvoiceFile(String fileName, byte[] content) {}
}
