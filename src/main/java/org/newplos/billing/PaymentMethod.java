package org.newplos.billing;

enum PaymentMethod {
    BANK_TRANSFER,
    CARD,
    CASH
}
