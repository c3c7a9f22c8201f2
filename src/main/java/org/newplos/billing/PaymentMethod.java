package org.newplos.billing;

public enum PaymentMethod {
    BANK_TRANSFER,
    CARD,
    CASH
}
