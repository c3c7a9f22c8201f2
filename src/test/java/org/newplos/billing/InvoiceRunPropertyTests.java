package org.newplos.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.junit.jupiter.api.Tag;
import org.newplos.NewplosApplication;
import org.newplos.TestDatabaseInitializer;
import org.newplos.common.ConflictException;
import org.newplos.leases.Lease;
import org.newplos.leases.LeaseRequest;
import org.newplos.leases.LeaseStatus;
import org.newplos.leases.Leasing;
import org.newplos.leases.RateChangeRequest;
import org.newplos.locations.Location;
import org.newplos.locations.LocationRequest;
import org.newplos.locations.Locations;
import org.newplos.members.MemberRequest;
import org.newplos.members.Members;
import org.newplos.spaces.SpaceRequest;
import org.newplos.spaces.SpaceType;
import org.newplos.spaces.Spaces;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Property 4 through PostgreSQL: random leases, changes (end, extend, move, rate changes, cancel) and invoice
 * runs at random days, some issued and some left as drafts, through the real services. Afterwards what the
 * database holds for the lease — every line, invoiced less credited — equals the day-by-day oracle, and the
 * last run bills nothing more.
 */
@Tag("database")
class InvoiceRunPropertyTests {

    static ConfigurableApplicationContext context;
    static long memberId;

    @BeforeContainer
    static void start() {
        context = new SpringApplicationBuilder(NewplosApplication.class)
                .initializers(new TestDatabaseInitializer())
                .properties("spring.main.web-application-type=none", "spring.main.banner-mode=off")
                .run();
        memberId = context.getBean(Members.class)
                .create(new MemberRequest(
                        "Property Tester",
                        "property-" + System.nanoTime() + "@example.com",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null))
                .id();
    }

    @AfterContainer
    static void stop() {
        context.close();
    }

    /** One step: a change to the lease, then perhaps a run some days later, perhaps issued. */
    record Step(int kind, int days, BigDecimal rate, int advance, boolean run, boolean issue) {}

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 5),
                        Arbitraries.integers().between(1, 400),
                        Arbitraries.bigDecimals()
                                .between(BigDecimal.ZERO, new BigDecimal("4000"))
                                .ofScale(2),
                        Arbitraries.integers().between(0, 120),
                        Arbitraries.of(true, true, false),
                        Arbitraries.of(true, false))
                .as(Step::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(6);
    }

    @Provide
    Arbitrary<LocalDate> starts() {
        return Arbitraries.of(
                LocalDate.of(2027, 1, 31),
                LocalDate.of(2028, 2, 29),
                LocalDate.of(2027, 12, 31),
                LocalDate.of(2027, 3, 30),
                LocalDate.of(2027, 8, 31),
                LocalDate.of(2028, 1, 29),
                LocalDate.of(2027, 6, 15),
                LocalDate.of(2027, 11, 28));
    }

    @Property(tries = 60)
    void whatTheDatabaseBilledEqualsTheOracle(
            @ForAll("starts") LocalDate start,
            @ForAll("steps") List<Step> steps,
            @net.jqwik.api.constraints.BigRange(min = "0", max = "5000") @ForAll BigDecimal rawRate) {
        BigDecimal rate = rawRate.setScale(2, java.math.RoundingMode.DOWN);
        Leasing leasing = context.getBean(Leasing.class);
        InvoiceRuns runs = context.getBean(InvoiceRuns.class);
        Billing billing = context.getBean(Billing.class);
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        String code = "P" + (System.nanoTime() % 100_000_000L);
        Location location = context.getBean(Locations.class)
                .create(new LocationRequest(
                        code, code, "UTC", "EUR", code, new BigDecimal("21.00"), 14, "", null, null));
        long spaceId = context.getBean(Spaces.class)
                .create(new SpaceRequest(
                        "S" + code, "Space " + code, SpaceType.STUDIO, 1, rate, "", true, location.id(), null))
                .id();
        Lease lease = leasing.book(new LeaseRequest(memberId, spaceId, start, null, rate, null, null));
        LocalDate asOf = start.plusDays(steps.get(0).advance());
        LocalDate lastRun = null;

        for (Step step : steps) {
            Lease now = leasing.get(lease.id());
            if (now.status() == LeaseStatus.CANCELLED) {
                break;
            }
            try {
                switch (step.kind()) {
                    case 0 -> leasing.end(now.id(), now.start().plusDays(step.days()));
                    case 1 ->
                        leasing.change(
                                now.id(),
                                new LeaseRequest(
                                        memberId,
                                        spaceId,
                                        now.start(),
                                        now.end() == null ? null : now.end().plusDays(step.days() % 90 + 1),
                                        now.monthlyRate(),
                                        null,
                                        null));
                    case 2 -> {
                        LocalDate from = now.start().plusDays(step.days());
                        RateChangeRequest r =
                                new RateChangeRequest(from, from.plusDays(step.days() / 2 + 1), step.rate());
                        leasing.changeRate(now.id(), r);
                    }
                    case 3 ->
                        leasing.change(
                                now.id(),
                                new LeaseRequest(memberId, spaceId, now.start(), now.end(), step.rate(), null, null));
                    case 4 -> {
                        if (step.days() % 7 == 0) {
                            leasing.cancel(now.id());
                        }
                    }
                    default -> {}
                }
            } catch (ConflictException | org.newplos.common.InvalidInputException refused) {
                // A change the rules refuse (overlapping rate change, end before start): nothing changed.
            }
            asOf = asOf.plusDays(step.advance());
            if (step.run()) {
                RunPreview preview = runs.run(location.id(), asOf, "property", false);
                lastRun = asOf;
                if (step.issue()) {
                    billing.issueRun(preview.runId(), asOf);
                }
            }
        }
        Lease last = leasing.get(lease.id());
        BigDecimal expected = BigDecimal.ZERO.setScale(2);
        if (lastRun != null && last.status() != LeaseStatus.CANCELLED) {
            // Billing reads the same rows; the oracle gets them as plain values.
            List<Terms.RateChange> stored = jdbc.sql(
                            "SELECT lower(period) f, upper(period) t, monthly_rate r FROM lease_rates WHERE lease_id = :id")
                    .param("id", lease.id())
                    .query((rs, n) -> new Terms.RateChange(
                            rs.getObject("f", LocalDate.class),
                            rs.getObject("t", LocalDate.class),
                            rs.getBigDecimal("r")))
                    .list();
            Terms terms = new Terms(last.start(), last.end(), 1, last.monthlyRate(), stored);
            // Drafts of runs before the last change may have been removed; one more run at the last day bills them.
            runs.run(location.id(), lastRun, "property", false);
            LocalDate through = Charges.due(terms, null, lastRun, DaySet.EMPTY).billedThrough();
            expected = BillingOracle.value(terms, terms.start(), through);
        } else if (last.status() == LeaseStatus.CANCELLED && lastRun != null) {
            runs.run(location.id(), lastRun, "property", false);
        }
        BigDecimal billed =
                jdbc.sql("""
                        SELECT coalesce(sum(l.amount), 0) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
                        WHERE l.lease_id = :id AND l.kind IN ('RENT', 'CREDIT') AND i.status <> 'VOID'
                        """).param("id", lease.id()).query(BigDecimal.class).single();
        assertThat(billed).isEqualByComparingTo(expected);
        if (lastRun != null) {
            assertThat(runs.run(location.id(), lastRun, "property", false).lines())
                    .as("a re-run adds nothing")
                    .isZero();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM invoice_lines WHERE lease_id = :id AND scale(amount) <> 2")
                        .param("id", lease.id())
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
