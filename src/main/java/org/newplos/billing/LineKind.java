package org.newplos.billing;

/** What a line bills; only DISCOUNT, CREDIT and DEPOSIT_REFUND are negative. DEPOSIT is not revenue. */
enum LineKind {
    RENT,
    PLAN,
    DEPOSIT,
    DEPOSIT_REFUND,
    CHARGE,
    DISCOUNT,
    CREDIT,
    /** The charged part of one room booking (its amount fixed at booking). */
    BOOKING
}
