package org.newplos.notifications;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes events into the outbox, always inside the transaction of the change that caused them (a caller
 * without one is a bug, refused at once): the change and its messages commit together or not at all.
 */
@Component
class Outbox {

    /** Events per statement: a run that issues 100,000 invoices writes their messages in bounded batches. */
    private static final int BATCH = 1000;

    private final Messages messages;
    private final DeliveryTracing tracing;

    Outbox(Messages messages, DeliveryTracing tracing) {
        this.messages = messages;
        this.tracing = tracing;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    int write(List<Event> events) {
        String traceparent = tracing.currentTraceparent();
        int written = 0;
        for (int from = 0; from < events.size(); from += BATCH) {
            written += messages.write(events.subList(from, Math.min(events.size(), from + BATCH)), traceparent);
        }
        return written;
    }

    /** Writes the events of a query (its columns as {@link Messages#write(String, Map)} describes). */
    @Transactional(propagation = Propagation.MANDATORY)
    int write(String eventsQuery, Map<String, ?> params) {
        return messages.write(eventsQuery, params, tracing.currentTraceparent());
    }
}
