package org.newplos.billing;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The printable invoice: the Thymeleaf template {@code billing/pdf} (well-formed XHTML) laid out as A4 by
 * openhtmltopdf. Drafts carry a DRAFT mark; credit notes name the invoices and days they credit. Rendered
 * from the stored document each time, so an issued invoice always prints the same.
 */
@Component
class InvoicePdf {

    private final ITemplateEngine templates;

    InvoicePdf(ITemplateEngine templates) {
        this.templates = templates;
    }

    byte[] render(InvoiceDocument document) {
        Context context = new Context();
        context.setVariable("doc", document);
        String html = templates.process("billing/pdf", context);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file name: the number, or draft-ID while there is none. */
    static String fileName(Invoice invoice) {
        return (invoice.number() != null ? invoice.number() : "draft-" + invoice.id()) + ".pdf";
    }
}
