package org.newplos.bookings;

/**
 * BOOKED holds the room; CANCELLED (before the cut-off) gave the credits back and is never charged;
 * LATE_CANCELLED (by staff, after the cut-off) freed the room but is charged as booked.
 */
enum BookingStatus {
    BOOKED,
    CANCELLED,
    LATE_CANCELLED
}
