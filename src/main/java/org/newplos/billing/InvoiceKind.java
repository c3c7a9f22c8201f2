package org.newplos.billing;

enum InvoiceKind {
    INVOICE,
    CREDIT_NOTE
}
