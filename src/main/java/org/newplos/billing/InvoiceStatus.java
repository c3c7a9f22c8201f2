package org.newplos.billing;

/** DRAFT: made by a run (or staff), can change; ISSUED: numbered, immutable; VOID: a discarded draft. */
enum InvoiceStatus {
    DRAFT,
    ISSUED,
    VOID
}
