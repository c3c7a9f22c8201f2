package org.newplos.notifications;

import org.jspecify.annotations.Nullable;

/** What the outbox lists are narrowed to; every part optional. */
record MessageFilter(
        Channel.@Nullable Kind channel,
        Message.@Nullable Status status,
        @Nullable String eventType,
        @Nullable Long endpointId,
        @Nullable Long memberId) {}
