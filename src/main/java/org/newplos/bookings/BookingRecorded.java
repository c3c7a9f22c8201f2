package org.newplos.bookings;

/** A booking was made or cancelled, published inside the transaction of the change (for emails). */
public record BookingRecorded(Change change, Booking booking) {

    /** What happened. */
    public enum Change {
        BOOKED,
        CANCELLED
    }
}
