package org.newplos.notifications;

/**
 * What the audit log keeps of a message sent again by hand: never its payload or address (personal data). Public
 * because the audit log reads its components.
 */
public record AuditedMessage(String eventType, String channel, String status, int attempts) {}
