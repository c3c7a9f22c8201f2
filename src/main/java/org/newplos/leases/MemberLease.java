package org.newplos.leases;

/**
 * A lease as its member sees it in the portal: with the space's name and the location's, not only codes.
 *
 * @param lease the lease
 * @param spaceName the space's name ("Desk 4")
 * @param locationName the location's name ("Amsterdam Noord")
 */
public record MemberLease(Lease lease, String spaceName, String locationName) {}
