package org.newplos.leases;

/**
 * Published inside the transaction of a change that members and other systems hear about (a lease booked,
 * changed, ended or cancelled), with the lease as it is after the change; notifications turn it into outbox
 * messages in that same transaction.
 */
public record LeaseRecorded(Change change, Lease lease) {

    public enum Change {
        BOOKED,
        UPDATED,
        ENDED,
        CANCELLED
    }
}
