/** Membership plans: what members pay each billing period, and which space type a plan includes. */
@org.jspecify.annotations.NullMarked
package org.newplos.plans;
