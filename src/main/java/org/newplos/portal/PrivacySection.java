package org.newplos.portal;

/**
 * One section of a member's data export ("everything Newplos holds about me"). The portal's own sections
 * (details, plans, leases, invoices, payments, emails, history, sign-ins) are built in, and so are the room
 * bookings and credits, read through {@code bookings.MemberBookings} (the erasure needs that feature too, so
 * the portal depends on it, not the other way round); another bean of this type adds a section.
 */
interface PrivacySection {

    /** The section's key in the export ({@code "bookings"}). */
    String name();

    /** The member's data of this section, as JSON-serialisable values (records, lists, maps). */
    Object export(long memberId);
}
