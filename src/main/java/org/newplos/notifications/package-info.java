/**
 * Notifications: the transactional outbox of everything that leaves Newplos (email to members, signed
 * webhooks to other systems), the dispatcher that delivers it once across replicas and crashes, and the
 * reminders (lease ending, invoice overdue) that the scheduled scan writes into it.
 */
@NullMarked
package org.newplos.notifications;

import org.jspecify.annotations.NullMarked;
