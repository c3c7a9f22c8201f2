package org.newplos.notifications;

import org.jspecify.annotations.Nullable;

/**
 * Something to tell the outside world, before it is fanned out into messages. {@code key} identifies the
 * occurrence ({@code invoice.issued:42}): written twice, it still makes one message per channel and endpoint.
 * {@code recipient} is the member's address for an emailed type, null for webhooks only; {@code payload} is
 * the data as JSON.
 */
record Event(
        EventType type,
        String key,
        @Nullable Long locationId,
        @Nullable Long memberId,
        @Nullable String recipient,
        String subjectType,
        long subjectId,
        @Nullable Integer thresholdDays,
        String payload) {}
