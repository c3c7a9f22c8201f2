package org.newplos.portal;

import org.newplos.members.MemberStatus;

/**
 * A member's own details as the portal shows and edits them (also what the audit log records of a change the
 * member makes: the record's fields).
 */
record Account(
        long id,
        String fullName,
        String email,
        String phone,
        String company,
        String billingAddress,
        MemberStatus status,
        boolean hasPassword) {}
