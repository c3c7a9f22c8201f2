package org.newplos.plans;

/** Published inside the transaction of a change to a plan membership's days, so billing can correct what it billed. */
public record PlanMembershipChanged(long membershipId) {}
