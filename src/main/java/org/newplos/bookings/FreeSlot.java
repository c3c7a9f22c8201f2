package org.newplos.bookings;

import java.time.Instant;
import java.time.LocalTime;

/** A free stretch of a room on a day, from a local time to a local time (and as instants). */
record FreeSlot(LocalTime start, LocalTime end, Instant startsAt, Instant endsAt) {}
