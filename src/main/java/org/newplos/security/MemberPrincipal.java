package org.newplos.security;

import java.io.Serializable;

/**
 * A member signed in to the portal (never a staff user): the principal of a MEMBER session, kept in the
 * session table by Spring Session JDBC, hence serializable. Everything the portal shows is scoped by
 * {@link #memberId()}; a member's request for another member's record answers 404, as if it did not exist.
 *
 * @param memberId the member's id
 * @param email the address the member signed in with
 */
public record MemberPrincipal(long memberId, String email) implements Serializable {

    /** The authority a MEMBER session holds, and nothing else: no staff role is implied. */
    public static final String ROLE = "ROLE_MEMBER";

    @Override
    public String toString() {
        return "member #" + memberId;
    }
}
