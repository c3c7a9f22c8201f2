package org.newplos.portal;

/**
 * One section of a member's data export ("everything Newplos holds about me"). The portal's own sections
 * (details, plans, leases, invoices, payments, emails, history, sign-ins) are built in; another feature adds
 * its data (bookings, credits) by declaring a bean of this type.
 */
interface PrivacySection {

    /** The section's key in the export ({@code "bookings"}). */
    String name();

    /** The member's data of this section, as JSON-serialisable values (records, lists, maps). */
    Object export(long memberId);
}
