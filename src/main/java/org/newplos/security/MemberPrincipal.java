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
public record MemberPrincipal(long memberId, String email) implements Serializable, java.security.Principal {

    /** The authority a MEMBER session holds, and nothing else: no staff role is implied. */
    public static final String ROLE = "ROLE_MEMBER";

    /** The prefix of {@link #getName()}: a member's sessions are the rows whose principal name is {@code member:<id>}. */
    public static final String NAME_PREFIX = "member:";

    /**
     * The name of a MEMBER session's authentication ({@code member:<id>}): what Spring Session keeps as the
     * session's principal name (so a member's sessions can be found and ended), and the audit log's actor.
     */
    @Override
    public String getName() {
        return NAME_PREFIX + memberId;
    }

    @Override
    public String toString() {
        return "member #" + memberId;
    }
}
