/**
 * Room bookings — members and staff book meeting rooms and other bookable spaces by the hour, within the
 * location's opening hours, paid with the plan's room credits first and the room's hourly rate for the rest.
 * No two live bookings of one room overlap: the database's exclusion constraint guarantees it, this package
 * explains it; a credit balance never goes below zero: a CHECK guarantees it.
 */
@org.jspecify.annotations.NullMarked
package org.newplos.bookings;
