package org.newplos.billing;

import java.util.List;

/**
 * Published inside the transaction that gives drafts their numbers (one run's invoices, or one draft), with
 * each document as issued; notifications turn them into outbox messages in that same transaction.
 */
public record DocumentsIssued(List<IssuedDocument> documents) {}
