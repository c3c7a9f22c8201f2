package org.newplos.billing;

public enum InvoiceKind {
    INVOICE,
    CREDIT_NOTE
}
