package org.newplos.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.newplos.Fixtures;
import org.newplos.IntegrationTest;
import org.newplos.common.ConflictException;
import org.newplos.leases.Lease;
import org.newplos.leases.LeaseRequest;
import org.newplos.leases.Leasing;
import org.newplos.locations.Location;
import org.newplos.locations.LocationRequest;
import org.newplos.locations.Locations;
import org.newplos.members.Member;
import org.newplos.spaces.Space;
import org.newplos.spaces.SpaceType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The rules billing leaves to PostgreSQL, tried directly and under concurrency. */
@IntegrationTest
@Import(BillingFixtures.class)
class BillingDatabaseTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    BillingFixtures billing;

    @Autowired
    InvoiceRuns runs;

    @Autowired
    Billing staff;

    @Autowired
    Invoices invoices;

    @Autowired
    Leasing leasing;

    @Autowired
    Locations locations;

    @Autowired
    JdbcClient jdbc;

    Location location;
    Member member;

    Lease lease(LocalDate start, String rate) {
        location = location == null ? billing.location("21.00", LocalDate.of(2020, 1, 1)) : location;
        member = member == null ? fixtures.member("Grace Hopper") : member;
        Space space = fixtures.space(SpaceType.OFFICE, rate);
        billing.place(space.id(), location);
        return leasing.book(new LeaseRequest(member.id(), space.id(), start, null, new BigDecimal(rate), null, null));
    }

    @Test
    void theExclusionConstraintRefusesASecondLineForABilledDay() {
        Lease lease = lease(LocalDate.of(2027, 1, 1), "100.00");
        RunPreview run = runs.run(location.id(), LocalDate.of(2027, 1, 1), "test", false);
        long invoice = run.members().get(0).invoiceId();

        assertThatThrownBy(() -> jdbc.sql("""
                        INSERT INTO invoice_lines (invoice_id, kind, lease_id, description, service_period, billed, active_days,
                                                   monthly_rate, rate_offset, amount)
                        VALUES (:invoice, 'RENT', :lease, 'again', '[2027-01-01,2027-02-01)', '[2027-01-31,2027-02-01)',
                                '{[2027-01-31,2027-02-01)}', 100, 3000, 3.23)
                        """)
                        .param("invoice", invoice)
                        .param("lease", lease.id())
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("invoice_lines_lease_day_once");
    }

    @Test
    void twoRunsAtOnceCannotBothBill() throws Exception {
        for (int i = 0; i < 30; i++) {
            lease(LocalDate.of(2027, 1, 1).plusDays(i), "100.00");
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Object>> attempts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            attempts.add(() -> {
                start.await();
                try {
                    return runs.run(location.id(), LocalDate.of(2027, 3, 1), "test", false);
                } catch (ConflictException e) {
                    return e;
                }
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Object>> results = new ArrayList<>();
        attempts.forEach(a -> results.add(pool.submit(a)));
        start.countDown();
        for (Future<Object> r : results) {
            r.get();
        }
        pool.shutdown();

        long lines = jdbc.sql("""
                        SELECT count(*) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
                        WHERE i.location_id = :loc AND l.kind = 'RENT'
                        """).param("loc", location.id()).query(Long.class).single();
        // The lease from 1 January has three periods begun by 1 March, the 29 others two: each billed once.
        assertThat(lines).isEqualTo(3 + 29 * 2);
    }

    @Test
    void eightConcurrentIssuersGetGaplessUniqueNumbers() throws Exception {
        lease(LocalDate.of(2027, 1, 1), "100.00");
        List<Long> drafts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long draft = staff.createDraft(member.id(), location.id()).id();
            staff.addLine(draft, new LineRequest("Printing " + i, new BigDecimal("2.50"), null));
            drafts.add(draft);
        }
        Collections.shuffle(drafts);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> results = new ArrayList<>();
        for (long draft : drafts) {
            results.add(pool.submit(() -> {
                start.await();
                return staff.issue(draft, LocalDate.of(2027, 2, 1));
            }));
        }
        start.countDown();
        for (Future<?> r : results) {
            r.get();
        }
        pool.shutdown();

        List<String> numbers = jdbc.sql(
                        "SELECT number FROM invoices WHERE location_id = :loc AND status = 'ISSUED' ORDER BY number")
                .param("loc", location.id())
                .query(String.class)
                .list();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            expected.add("%s-2027-%06d".formatted(location.invoicePrefix(), i));
        }
        assertThat(numbers).containsExactlyElementsOf(expected);
    }

    @Test
    void nothingIsCreatedOrCreditedOnOrBeforeTheLockDate() {
        Lease lease = lease(LocalDate.of(2027, 1, 1), "310.00");
        staff.issueRun(
                runs.run(location.id(), LocalDate.of(2027, 1, 1), "test", false).runId(), LocalDate.of(2027, 1, 1));
        Location l = location;
        locations.update(l.id(), LocationRequest.of(l).withLockDate(LocalDate.of(2027, 1, 31)));
        long invoicesBefore = count("invoices");

        assertThatThrownBy(() -> runs.run(l.id(), LocalDate.of(2027, 1, 31), "test", false))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("lock date 2027-01-31");
        assertThatThrownBy(() -> staff.recordPayment(new PaymentRequest(
                        null,
                        member.id(),
                        l.id(),
                        PaymentMethod.CASH,
                        LocalDate.of(2027, 1, 15),
                        BigDecimal.TEN,
                        null)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("lock date");
        assertThatThrownBy(() -> leasing.end(lease.id(), LocalDate.of(2027, 1, 20)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("lock date");
        assertThat(leasing.get(lease.id()).end()).isNull();
        assertThat(count("invoices")).isEqualTo(invoicesBefore);
    }

    @Test
    void cancellingAnIssuedLeaseCreditsEverythingAndAVoidedDraftIsBilledAgain() {
        Lease lease = lease(LocalDate.of(2027, 1, 1), "100.00");
        staff.issueRun(
                runs.run(location.id(), LocalDate.of(2027, 2, 1), "test", false).runId(), LocalDate.of(2027, 2, 1));

        leasing.cancel(lease.id());

        BigDecimal net = jdbc.sql("SELECT sum(amount) FROM invoice_lines WHERE lease_id = :id")
                .param("id", lease.id())
                .query(BigDecimal.class)
                .single();
        assertThat(net).isEqualByComparingTo("0.00");
        assertThat(runs.run(location.id(), LocalDate.of(2027, 6, 1), "test", false)
                        .lines())
                .isZero();
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }
}
