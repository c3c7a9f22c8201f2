package org.newplos.leases;

/**
 * Published inside the transaction of every change to a lease that can change what it costs (its member,
 * space, days, rate, status), so that billing can take back what was billed for days that are no longer
 * right before the change commits.
 */
public record LeaseChanged(long leaseId, long spaceIdBefore) {}
