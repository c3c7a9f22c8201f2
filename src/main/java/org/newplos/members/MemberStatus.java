package org.newplos.members;

/** Where a member stands; members who leave are kept (with their lease history), not deleted. */
public enum MemberStatus {
    ACTIVE,
    PAUSED,
    LEFT
}
