/**
 * Leases — who rents which space, from when to when, at what rate — and the questions about them:
 * what is free for a period, what is active on a day, what expires soon. No two non-cancelled leases
 * of one space overlap: the database's exclusion constraint guarantees it, this package explains it.
 */
@org.jspecify.annotations.NullMarked
package org.newplos.leases;
