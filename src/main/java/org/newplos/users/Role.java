package org.newplos.users;

/**
 * What a user may do. ADMIN: everything, including users and plans. STAFF: members, spaces, leases.
 * VIEWER: read only. Each role includes the ones below it.
 */
public enum Role {
    ADMIN,
    STAFF,
    VIEWER;

    public String authority() {
        return "ROLE_" + name();
    }
}
