package org.newplos.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.newplos.IntegrationTest;
import org.newplos.billing.Invoice;
import org.newplos.leases.Lease;
import org.newplos.leases.LeaseConflictException;
import org.newplos.leases.LeaseRequest;
import org.newplos.leases.Leasing;
import org.newplos.members.Member;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox on PostgreSQL: messages are written in the transaction of the change (and vanish with it),
 * once per key, per channel and per subscribed endpoint; dispatchers never claim the same row; a crashed
 * dispatcher's rows come back when its claim times out.
 */
@IntegrationTest
@Import(NotificationFixtures.class)
class OutboxTests {

    @Autowired
    NotificationFixtures fixtures;

    @Autowired
    Leasing leasing;

    @Autowired
    Outbox outbox;

    @Autowired
    Messages messages;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void bookingALeaseWritesItsEmailInTheSameTransaction() {
        long location = fixtures.location();
        Member member = fixtures.member("Ada Outbox");
        Lease lease = fixtures.lease(member, location, LocalDate.of(2027, 3, 1), LocalDate.of(2027, 9, 1));

        List<Message> written = about("lease", lease.id());
        assertThat(written).singleElement().satisfies(m -> {
            assertThat(m.channel()).isEqualTo(Channel.Kind.EMAIL);
            assertThat(m.eventType()).isEqualTo("lease.booked");
            assertThat(m.recipient()).isEqualTo(member.email());
            assertThat(m.locationId()).isEqualTo(location);
            assertThat(m.status()).isEqualTo(Message.Status.PENDING);
            assertThat(m.payload()).contains("\"lastDay\": \"2027-08-31\"", "\"spaceCode\"");
        });
    }

    @Test
    void aChangeThatFailsLeavesNoMessage() {
        long location = fixtures.location();
        Member member = fixtures.member("Bea Overlap");
        Lease first = fixtures.lease(member, location, LocalDate.of(2027, 3, 1), LocalDate.of(2027, 9, 1));
        long before = count();

        assertThatThrownBy(() -> leasing.book(new LeaseRequest(
                        member.id(), first.spaceId(), LocalDate.of(2027, 4, 1), null, null, null, null)))
                .isInstanceOf(LeaseConflictException.class);

        assertThat(count()).isEqualTo(before);
    }

    @Test
    void theOutboxRefusesWritesOutsideATransaction() {
        assertThatThrownBy(() -> outbox.write(List.of())).isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void theSameEventWrittenTwiceIsOneMessagePerChannelAndEndpoint() {
        long endpoint = endpoint("lease.booked", "invoice.issued");
        Event event = new Event(
                EventType.LEASE_BOOKED,
                "lease.booked:test-" + System.nanoTime(),
                null,
                null,
                "someone@example.com",
                "lease",
                -1,
                null,
                "{\"id\": -1}");

        int first = transactions.execute(status -> outbox.write(List.of(event, event)));
        int again = transactions.execute(status -> outbox.write(List.of(event)));

        assertThat(first).isEqualTo(2); // one email, one webhook
        assertThat(again).isZero();
        assertThat(jdbc.sql("SELECT channel || ':' || coalesce(endpoint_id, 0) FROM outbox WHERE dedup_key LIKE :k")
                        .param("k", event.key() + ":%")
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrder("EMAIL:0", "WEBHOOK:" + endpoint);
        jdbc.sql("UPDATE webhook_endpoints SET enabled = false WHERE id = :id")
                .param("id", endpoint)
                .update();
    }

    @Test
    void issuingAnInvoiceWritesItsMessageWithTheBillingAddress() {
        long location = fixtures.location();
        Member member = fixtures.member("Cy Invoice");
        Invoice invoice = fixtures.invoice(member, location, "120.00", LocalDate.of(2027, 2, 1));

        assertThat(about("invoice", invoice.id())).singleElement().satisfies(m -> {
            assertThat(m.eventType()).isEqualTo("invoice.issued");
            assertThat(m.recipient()).isEqualTo(member.email());
            assertThat(m.payload()).contains("\"number\": \"" + invoice.number() + "\"", "\"dueOn\": \"2027-02-15\"");
        });
    }

    @Test
    void concurrentDispatchersNeverClaimTheSameMessage() throws Exception {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        insertDue(400, now.minusSeconds(60));
        List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> claimers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                claimers.add(() -> {
                    List<Message> batch;
                    while (!(batch = dispatcher.claim(now)).isEmpty()) {
                        batch.forEach(m -> claimed.add(m.id()));
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(claimers)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        Set<Long> distinct = new HashSet<>(claimed);
        assertThat(claimed).hasSizeGreaterThanOrEqualTo(400);
        assertThat(distinct).hasSameSizeAs(claimed);
    }

    @Test
    void aCrashedDispatchersMessagesComeBackWhenItsClaimTimesOut() {
        Instant now = Instant.parse("2027-06-01T00:00:00Z");
        long id = insertDue(1, now.minusSeconds(1)).get(0);
        assertThat(dispatcher.claim(now)).extracting(Message::id).contains(id); // and then it "crashes"

        assertThat(dispatcher.claim(now.plus(Duration.ofMinutes(1))))
                .extracting(Message::id)
                .doesNotContain(id);
        List<Message> again = dispatcher.claim(now.plus(Duration.ofMinutes(3)));
        assertThat(again)
                .filteredOn(m -> m.id() == id)
                .singleElement()
                .satisfies(m -> assertThat(m.attempt()).isEqualTo(2));
    }

    private List<Message> about(String subjectType, long subjectId) {
        return jdbc.sql("SELECT * FROM outbox WHERE subject_type = :t AND subject_id = :id AND channel = 'EMAIL'"
                        + " ORDER BY id")
                .param("t", subjectType)
                .param("id", subjectId)
                .query(Messages.ROW)
                .list();
    }

    private long count() {
        return jdbc.sql("SELECT count(*) FROM outbox").query(Long.class).single();
    }

    private long endpoint(String... types) {
        return jdbc.sql("""
                        INSERT INTO webhook_endpoints (url, event_types, secret)
                        VALUES ('https://hooks.example.com/newplos', :types,
                                'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')
                        RETURNING id
                        """).param("types", types).query(Long.class).single();
    }

    /** Due messages of a test-only type, far in the future for everything else (a date of their own). */
    private List<Long> insertDue(int count, Instant due) {
        return jdbc.sql("""
                        INSERT INTO outbox (channel, event_type, dedup_key, recipient, subject_type, subject_id, payload,
                                            due_at)
                        SELECT 'EMAIL', 'test.claim', 'test.claim:' || :run || ':' || g, 'x' || g || '@example.com',
                               'test', g, '{}', :due
                        FROM generate_series(1, :count) g
                        RETURNING id
                        """)
                .param("run", System.nanoTime())
                .param("count", count)
                .param("due", Messages.at(due))
                .query(Long.class)
                .list();
    }
}
