/**
 * The member portal: members sign in by a one-time link sent by email (or a password they set), see their
 * own leases and invoices, keep their details, and download everything Newplos holds about them; staff erase
 * a member who has left. Every query is scoped by the signed-in member: another member's record is a 404.
 */
@NullMarked
package org.newplos.portal;

import org.jspecify.annotations.NullMarked;
