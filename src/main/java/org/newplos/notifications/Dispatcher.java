package org.newplos.notifications;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers what is due in the outbox. Claims a batch with {@code FOR UPDATE SKIP LOCKED} (any number of
 * dispatchers on any number of replicas share the work; none gets a row another holds), checks a reminder
 * is still true just before sending it, hands each message to its channel, and records the outcome: sent;
 * failed, and due again after an exponential backoff; dead after the last attempt or at once when it can never
 * be sent. A dispatcher that dies mid-batch leaves its rows claimed until the claim times out, then another
 * takes them: a message is lost never, and sent twice only if a dispatcher dies between the server's
 * acceptance and the commit of "sent" (the webhook id and the email's Message-ID let receivers drop that).
 *
 * <p>The time it works for is a parameter ({@link #drain(Instant)}): the scheduler passes the clock's.
 */
class Dispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Messages messages;
    private final Map<Channel.Kind, Channel> channels = new EnumMap<>(Channel.Kind.class);
    private final Reminders reminders;
    private final DeliveryTracing tracing;
    private final NotificationSettings settings;
    private final @Nullable MeterRegistry meters;
    private final String worker;
    private final ExecutorService senders;

    Dispatcher(
            Messages messages,
            List<Channel> channels,
            Reminders reminders,
            DeliveryTracing tracing,
            NotificationSettings settings,
            @Nullable MeterRegistry meters) {
        this.messages = messages;
        channels.forEach(channel -> this.channels.put(channel.kind(), channel));
        this.reminders = reminders;
        this.tracing = tracing;
        this.settings = settings;
        this.meters = meters;
        int instance = INSTANCES.incrementAndGet();
        this.worker = ManagementFactory.getRuntimeMXBean().getName() + "/" + instance + "/"
                + UUID.randomUUID().toString().substring(0, 8);
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(settings.senders(), task -> {
            Thread thread = new Thread(task, "outbox-sender-" + instance + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Sends everything due at {@code now}, batch after batch, until nothing is due or the run's budget is
     * spent, or the thread is interrupted (the application stopping: what was claimed and not sent comes back
     * after the claim times out). Answers how many messages it finished (sent, skipped, kept, dead or
     * scheduled again).
     */
    int drain(Instant now) {
        long deadline = System.nanoTime() + settings.drainBudget().toNanos();
        int finished = 0;
        while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            List<Message> claimed = claim(now);
            if (claimed.isEmpty()) {
                break;
            }
            finished += deliver(claimed, now);
        }
        return finished;
    }

    /** Claims one batch (also how a test makes a dispatcher "crash": it claims and never delivers). */
    List<Message> claim(Instant now) {
        return messages.claim(now, now.plus(settings.claimTimeout()), settings.batchSize(), worker);
    }

    /**
     * Delivers one due message at once on the caller's thread (the admin's test ping and "send again"), and
     * records the outcome like any other attempt. Answers false when it was not this dispatcher's to send (not
     * due, not pending, or another dispatcher has it): then the next run delivers it.
     */
    boolean deliverNow(long messageId, Instant now) {
        return messages.claimOne(messageId, now, now.plus(settings.claimTimeout()), worker)
                .map(message -> deliverOne(message, now))
                .orElse(false);
    }

    /** Delivers claimed messages in parallel and records each outcome; answers how many were recorded. */
    int deliver(List<Message> claimed, Instant now) {
        List<Future<Boolean>> pending = new ArrayList<>(claimed.size());
        for (Message message : claimed) {
            pending.add(senders.submit(() -> deliverOne(message, now)));
        }
        int recorded = 0;
        for (Future<Boolean> future : pending) {
            try {
                if (future.get()) {
                    recorded++;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return recorded;
            } catch (ExecutionException e) {
                // deliverOne records its own failures; this is a database error while recording: the claim
                // times out and the message is tried again.
                log.warn("Could not record a delivery: {}", e.getCause().toString());
            }
        }
        return recorded;
    }

    private boolean deliverOne(Message message, Instant now) {
        long started = System.nanoTime();
        Delivery delivery = tracing.deliver(message, () -> attempt(message, now));
        long durationMs = (System.nanoTime() - started) / 1_000_000;
        Message.Status status;
        Instant due = now;
        Delivery recorded = delivery;
        switch (delivery.outcome()) {
            case SENT -> status = Message.Status.SENT;
            case SKIPPED -> status = Message.Status.SKIPPED;
            case KEPT -> status = Message.Status.KEPT;
            case DEAD -> status = Message.Status.DEAD;
            case FAILED -> {
                if (message.attempt() >= settings.maxAttempts()) {
                    status = Message.Status.DEAD;
                    recorded = new Delivery(
                            Delivery.Outcome.DEAD,
                            delivery.statusCode(),
                            "gave up after " + message.attempt() + " attempts: " + delivery.detail());
                } else {
                    status = Message.Status.PENDING;
                    due = now.plus(settings.backoff(message.attempt()));
                }
            }
            default -> throw new IllegalStateException("unknown outcome " + delivery.outcome());
        }
        boolean mine = messages.complete(message, worker, status, due, recorded, now, durationMs);
        if (mine) {
            count(message.channel(), recorded.outcome());
        } else {
            log.warn("Message {} was taken over by another dispatcher while this one sent it", message.id());
        }
        return mine;
    }

    private Delivery attempt(Message message, Instant now) {
        try {
            if (message.thresholdDays() != null) {
                String notDue = reminders.whyNotDue(message, now);
                if (notDue != null) {
                    return Delivery.skipped(notDue);
                }
            }
            Channel channel = channels.get(message.channel());
            if (channel == null) {
                return Delivery.failed(null, "no " + message.channel() + " channel in this process");
            }
            return channel.send(message);
        } catch (RuntimeException e) {
            log.warn("Delivery of message {} failed: {}", message.id(), e.toString());
            return Delivery.failed(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void count(Channel.Kind channel, Delivery.Outcome outcome) {
        if (meters != null) {
            Counter.builder("newplos.outbox.deliveries")
                    .description("Delivery attempts by channel and outcome (SENT, FAILED, DEAD, SKIPPED, KEPT)")
                    .tag("channel", channel.name().toLowerCase())
                    .tag("outcome", outcome.name().toLowerCase())
                    .register(meters)
                    .increment();
        }
    }

    @Override
    public void close() {
        senders.shutdown();
        try {
            if (!senders.awaitTermination(
                    Duration.ofSeconds(10).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                senders.shutdownNow();
            }
        } catch (InterruptedException e) {
            senders.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
