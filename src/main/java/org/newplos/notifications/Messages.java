package org.newplos.notifications;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.newplos.common.NotFoundException;
import org.newplos.common.Page;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox's SQL, all of it: writing messages (one per channel and endpoint, deduplicated by key), the
 * dispatcher's claim and completion, the admin lists, and the numbers the metrics show.
 */
@Repository
class Messages {

    /**
     * Fans events out into messages: an email when the event has a recipient, and a webhook to every enabled
     * endpoint subscribed to its type. {@code %s} is a query of events with the columns event_type,
     * dedup_base, location_id, member_id, recipient, subject_type, subject_id, threshold_days, payload (jsonb).
     * A key already in the outbox is not written again: the same event or reminder is one message. The one
     * exception is a message that was skipped (never sent) because it was no longer true when it was due —
     * a reminder for a last day that has since come back (a lease extended, then shortened back): written
     * again, it is due again.
     */
    private static final String FAN_OUT = """
            WITH e AS (%s),
            targets AS (
                SELECT e.*, 'EMAIL' AS channel, NULL::bigint AS endpoint_id, e.recipient AS address,
                       e.dedup_base || ':email' AS dedup_key
                FROM e WHERE e.recipient IS NOT NULL AND btrim(e.recipient) <> ''
                UNION ALL
                SELECT e.*, 'WEBHOOK', w.id, NULL, e.dedup_base || ':webhook:' || w.id
                FROM e JOIN webhook_endpoints w
                  ON w.enabled AND w.deleted_at IS NULL AND e.event_type = ANY (w.event_types))
            INSERT INTO outbox (channel, event_type, dedup_key, endpoint_id, recipient, location_id, member_id,
                                subject_type, subject_id, threshold_days, payload, traceparent)
            SELECT DISTINCT ON (dedup_key) channel, event_type, dedup_key, endpoint_id, address, location_id,
                   member_id, subject_type, subject_id, threshold_days, payload, :traceparent
            FROM targets
            ON CONFLICT (dedup_key) DO UPDATE
                SET status = 'PENDING', attempts = 0, due_at = now(), last_error = NULL, claimed_by = NULL,
                    payload = EXCLUDED.payload
                WHERE outbox.status = 'SKIPPED'
            """;

    private static final String EVENTS = """
            SELECT * FROM unnest(CAST(:types AS text[]), CAST(:keys AS text[]), CAST(:locations AS bigint[]),
                                 CAST(:members AS bigint[]), CAST(:recipients AS text[]), CAST(:subjectTypes AS text[]),
                                 CAST(:subjectIds AS bigint[]), CAST(:thresholds AS integer[]), CAST(:payloads AS jsonb[]))
                AS u(event_type, dedup_base, location_id, member_id, recipient, subject_type, subject_id,
                     threshold_days, payload)
            """;

    static final RowMapper<Message> ROW = Messages::message;

    /** Types whose link is removed from the payload once the message is sent (or dead). */
    private static final String[] SECRET_TYPES = java.util.Arrays.stream(EventType.values())
            .filter(EventType::secret)
            .map(EventType::wire)
            .toArray(String[]::new);

    private final JdbcClient jdbc;

    Messages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the messages of some events in the caller's transaction; answers how many messages were new. */
    int write(List<Event> events, @Nullable String traceparent) {
        if (events.isEmpty()) {
            return 0;
        }
        return jdbc.sql(FAN_OUT.formatted(EVENTS))
                .param("types", events.stream().map(e -> e.type().wire()).toArray(String[]::new))
                .param("keys", events.stream().map(Event::key).toArray(String[]::new))
                .param("locations", events.stream().map(Event::locationId).toArray(Long[]::new))
                .param("members", events.stream().map(Event::memberId).toArray(Long[]::new))
                .param("recipients", events.stream().map(Event::recipient).toArray(String[]::new))
                .param("subjectTypes", events.stream().map(Event::subjectType).toArray(String[]::new))
                .param("subjectIds", events.stream().map(Event::subjectId).toArray(Long[]::new))
                .param("thresholds", events.stream().map(Event::thresholdDays).toArray(Integer[]::new))
                .param("payloads", events.stream().map(Event::payload).toArray(String[]::new))
                .param("traceparent", traceparent)
                .update();
    }

    /**
     * Fans the events of a query out into messages (a lease's event, the reminder scan); {@code params} are the
     * query's.
     */
    int write(String eventsQuery, Map<String, ?> params, @Nullable String traceparent) {
        return jdbc.sql(FAN_OUT.formatted(eventsQuery))
                .params(params)
                .param("traceparent", traceparent)
                .update();
    }

    /**
     * Claims up to {@code batch} due messages for a dispatcher: rows another dispatcher holds are skipped, not
     * waited for; each claimed row's attempt count goes up and its due time moves to {@code until}, so a
     * dispatcher that dies with it gives it back by itself.
     */
    List<Message> claim(Instant now, Instant until, int batch, String worker) {
        return jdbc.sql("""
                        WITH due AS (
                            SELECT id FROM outbox
                            WHERE status = 'PENDING' AND due_at <= :now
                            ORDER BY due_at, id
                            LIMIT :batch
                            FOR UPDATE SKIP LOCKED)
                        UPDATE outbox o SET due_at = :until, attempts = o.attempts + 1, claimed_by = :worker
                        FROM due WHERE o.id = due.id
                        RETURNING o.*
                        """)
                .param("now", at(now))
                .param("until", at(until))
                .param("batch", batch)
                .param("worker", worker)
                .query(ROW)
                .list();
    }

    /**
     * Records what an attempt came to, if the message is still this dispatcher's attempt (a dispatcher that
     * stalled past its claim may find another took it over: then nothing is written). Answers whether it was.
     */
    boolean complete(
            Message message,
            String worker,
            Message.Status status,
            Instant due,
            Delivery delivery,
            Instant now,
            long durationMs) {
        return jdbc.sql("""
                        WITH done AS (
                            UPDATE outbox
                            SET status = :status, due_at = :due, claimed_by = NULL,
                                last_error = CASE WHEN :status = 'SENT' THEN NULL ELSE :detail END,
                                sent_at = CASE WHEN :status = 'SENT' THEN CAST(:now AS timestamptz) END,
                                payload = CASE WHEN event_type = ANY (CAST(:secretTypes AS text[]))
                                                    AND :status IN ('SENT', 'DEAD') AND payload -> 'link' IS NOT NULL
                                               THEN jsonb_set(payload, '{link}', to_jsonb(CAST(:masked AS text)))
                                               ELSE payload END
                            WHERE id = :id AND claimed_by = :worker AND attempts = :attempt AND status = 'PENDING'
                            RETURNING id)
                        INSERT INTO outbox_attempts (message_id, attempt, outcome, status_code, detail, duration_ms,
                                                     attempted_at)
                        SELECT id, :attempt, :outcome, :code, :detail, :duration, :now FROM done
                        """)
                        .param("status", status.name())
                        .param("secretTypes", SECRET_TYPES)
                        .param("masked", Message.MASKED_LINK)
                        .param("due", at(due))
                        .param("detail", truncate(delivery.detail()))
                        .param("now", at(now))
                        .param("id", message.id())
                        .param("worker", worker)
                        .param("attempt", message.attempt())
                        .param("outcome", delivery.outcome().name())
                        .param("code", delivery.statusCode())
                        .param("duration", (int) Math.min(durationMs, Integer.MAX_VALUE))
                        .update()
                == 1;
    }

    Optional<Message> find(long id) {
        return jdbc.sql("SELECT * FROM outbox WHERE id = :id")
                .param("id", id)
                .query(ROW)
                .optional();
    }

    Message get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("message", id));
    }

    /** Newest first, filtered; {@code before} is the cursor (0: from the newest). */
    Page<Message> list(MessageFilter filter, long before, int limit) {
        List<Message> rows = jdbc.sql("""
                        SELECT * FROM outbox
                        WHERE (:before = 0 OR id < :before)
                          AND (CAST(:channel AS text) IS NULL OR channel = :channel)
                          AND (CAST(:status AS text) IS NULL OR status = :status)
                          AND (CAST(:type AS text) IS NULL OR event_type = :type)
                          AND (CAST(:endpoint AS bigint) IS NULL OR endpoint_id = :endpoint)
                          AND (CAST(:member AS bigint) IS NULL OR member_id = :member)
                        ORDER BY id DESC
                        LIMIT :limit
                        """)
                .param("before", before)
                .param(
                        "channel",
                        filter.channel() == null ? null : filter.channel().name())
                .param(
                        "status",
                        filter.status() == null ? null : filter.status().name())
                .param("type", filter.eventType())
                .param("endpoint", filter.endpointId())
                .param("member", filter.memberId())
                .param("limit", limit + 1)
                .query(ROW)
                .list();
        return Page.of(rows, limit, Message::id);
    }

    List<Attempt> attempts(long messageId) {
        return jdbc.sql("""
                        SELECT attempt, outcome, status_code, detail, duration_ms, attempted_at
                        FROM outbox_attempts WHERE message_id = :id ORDER BY id
                        """)
                .param("id", messageId)
                .query((rs, n) -> new Attempt(
                        rs.getInt("attempt"),
                        Delivery.Outcome.valueOf(rs.getString("outcome")),
                        rs.getObject("status_code", Integer.class),
                        rs.getString("detail"),
                        rs.getInt("duration_ms"),
                        rs.getTimestamp("attempted_at").toInstant()))
                .list();
    }

    /** Makes a finished message due again now, with a fresh count of attempts. Answers whether it was. */
    boolean retry(long id, List<Message.Status> from) {
        return jdbc.sql("""
                        UPDATE outbox SET status = 'PENDING', attempts = 0, due_at = now(), last_error = NULL,
                                          sent_at = NULL, claimed_by = NULL
                        WHERE id = :id AND status = ANY (:from)
                        """)
                        .param("id", id)
                        .param("from", from.stream().map(Enum::name).toArray(String[]::new))
                        .update()
                == 1;
    }

    /** Cancels what is still to be sent to an endpoint (deleted or disabled). */
    int cancelPending(long endpointId) {
        return jdbc.sql("""
                        UPDATE outbox SET status = 'CANCELLED', last_error = 'endpoint deleted or disabled'
                        WHERE endpoint_id = :endpoint AND status = 'PENDING'
                        """).param("endpoint", endpointId).update();
    }

    /** The age of the oldest due message (0 when none), how many are due, and how many are dead. */
    Backlog backlog() {
        return jdbc.sql("""
                        SELECT coalesce(extract(epoch FROM now() - min(due_at)), 0) AS lag, count(*) AS due,
                               (SELECT count(*) FROM outbox WHERE status = 'DEAD') AS dead
                        FROM outbox WHERE status = 'PENDING' AND due_at <= now()
                        """)
                .query((rs, n) -> new Backlog(rs.getDouble("lag"), rs.getLong("due"), rs.getLong("dead")))
                .single();
    }

    record Backlog(double lagSeconds, long due, long dead) {}

    /** One attempt to deliver a message, as the delivery log shows it. */
    record Attempt(
            int attempt,
            Delivery.Outcome outcome,
            @Nullable Integer statusCode,
            String detail,
            int durationMs,
            Instant attemptedAt) {}

    private static Message message(ResultSet rs, int n) throws SQLException {
        Timestamp sent = rs.getTimestamp("sent_at");
        return new Message(
                rs.getLong("id"),
                Channel.Kind.valueOf(rs.getString("channel")),
                rs.getString("event_type"),
                rs.getString("dedup_key"),
                rs.getObject("endpoint_id", Long.class),
                rs.getString("recipient"),
                rs.getObject("location_id", Long.class),
                rs.getObject("member_id", Long.class),
                rs.getString("subject_type"),
                rs.getLong("subject_id"),
                rs.getObject("threshold_days", Integer.class),
                rs.getString("payload"),
                Message.Status.valueOf(rs.getString("status")),
                rs.getInt("attempts"),
                rs.getTimestamp("due_at").toInstant(),
                rs.getString("claimed_by"),
                rs.getString("last_error"),
                sent == null ? null : sent.toInstant(),
                rs.getString("traceparent"),
                rs.getTimestamp("created_at").toInstant());
    }

    static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String truncate(String detail) {
        return detail.length() <= 2000 ? detail : detail.substring(0, 2000) + "…";
    }

    // ---- Webhooks: the test ping, delivering one message at once, and the delivery log's last attempts ----

    /** Writes a test ping to one endpoint (never fanned out); answers the new message's id. */
    long writePing(long endpointId, String dedupKey, String payload, @Nullable String traceparent) {
        return jdbc.sql("""
                        INSERT INTO outbox (channel, event_type, dedup_key, endpoint_id, subject_type, subject_id,
                                            payload, traceparent)
                        VALUES ('WEBHOOK', :type, :key, :endpoint, 'webhook_endpoint', :endpoint,
                                CAST(:payload AS jsonb), :traceparent)
                        RETURNING id
                        """)
                .param("type", EventType.PING.wire())
                .param("key", dedupKey)
                .param("endpoint", endpointId)
                .param("payload", payload)
                .param("traceparent", traceparent)
                .query(Long.class)
                .single();
    }

    /**
     * Claims one due message for a dispatcher, as {@link #claim} does for a batch: empty when it is not due,
     * not pending, or another dispatcher holds it.
     */
    Optional<Message> claimOne(long id, Instant now, Instant until, String worker) {
        return jdbc.sql("""
                        WITH due AS (
                            SELECT id FROM outbox
                            WHERE id = :id AND status = 'PENDING' AND due_at <= :now
                            FOR UPDATE SKIP LOCKED)
                        UPDATE outbox o SET due_at = :until, attempts = o.attempts + 1, claimed_by = :worker
                        FROM due WHERE o.id = due.id
                        RETURNING o.*
                        """)
                .param("id", id)
                .param("now", at(now))
                .param("until", at(until))
                .param("worker", worker)
                .query(ROW)
                .optional();
    }

    /** The last attempt of each of some messages and how many attempts each had in all (none: absent). */
    Map<Long, LastAttempt> lastAttempts(List<Long> messageIds) {
        Map<Long, LastAttempt> last = new java.util.HashMap<>();
        if (messageIds.isEmpty()) {
            return last;
        }
        jdbc.sql("""
                        SELECT DISTINCT ON (message_id) message_id, attempt, outcome, status_code, detail, duration_ms,
                               attempted_at, count(*) OVER (PARTITION BY message_id) AS tries
                        FROM outbox_attempts
                        WHERE message_id = ANY (CAST(:ids AS bigint[]))
                        ORDER BY message_id, id DESC
                        """)
                .param("ids", messageIds.toArray(Long[]::new))
                .query((rs, n) -> new LastAttempt(
                        rs.getLong("message_id"),
                        rs.getInt("tries"),
                        new Attempt(
                                rs.getInt("attempt"),
                                Delivery.Outcome.valueOf(rs.getString("outcome")),
                                rs.getObject("status_code", Integer.class),
                                rs.getString("detail"),
                                rs.getInt("duration_ms"),
                                rs.getTimestamp("attempted_at").toInstant())))
                .list()
                .forEach(attempt -> last.put(attempt.messageId(), attempt));
        return last;
    }

    /** A message's latest attempt, and how many it had in all (also those before it was sent again). */
    record LastAttempt(long messageId, int tries, Attempt attempt) {}

    /** The id of the message written for an event key and channel suffix ({@code portal.sign_in_link:7:email}). */
    Optional<Long> idOf(String dedupKey) {
        return jdbc.sql("SELECT id FROM outbox WHERE dedup_key = :key")
                .param("key", dedupKey)
                .query(Long.class)
                .optional();
    }

    /** Emails to a member, oldest first (bounded), for what Newplos holds about them. */
    List<Message> toMember(long memberId, int limit) {
        return jdbc.sql("""
                        SELECT * FROM outbox WHERE member_id = :member AND channel = 'EMAIL' ORDER BY id LIMIT :limit
                        """)
                .param("member", memberId)
                .param("limit", limit)
                .query(ROW)
                .list();
    }

    /**
     * Removes a member's personal data from the outbox (they were erased): the address of emails to them and
     * the payloads of every message about them; what was still to be sent is cancelled.
     */
    int redact(long memberId, String erasedAddress) {
        return jdbc.sql("""
                        UPDATE outbox
                        SET recipient = CASE WHEN channel = 'EMAIL' THEN :address END,
                            payload = jsonb_build_object('redacted', true, 'memberId', member_id),
                            status = CASE WHEN status = 'PENDING' OR status = 'KEPT' THEN 'CANCELLED' ELSE status END,
                            last_error = CASE WHEN status = 'PENDING' OR status = 'KEPT' THEN 'member erased'
                                              ELSE last_error END,
                            claimed_by = NULL
                        WHERE member_id = :member
                        """)
                .param("member", memberId)
                .param("address", erasedAddress)
                .update();
    }
}
