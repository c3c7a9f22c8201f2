package org.newplos.billing;

/** Published inside the transaction that records a payment; notifications send the member a receipt. */
public record PaymentRecorded(Payment payment) {}
