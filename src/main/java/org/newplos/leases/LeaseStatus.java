package org.newplos.leases;

/** ACTIVE while running or booked; ENDED once an end was recorded; CANCELLED frees the space entirely. */
public enum LeaseStatus {
    ACTIVE,
    ENDED,
    CANCELLED
}
