package org.newplos.bookings;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.newplos.billing.InvoiceRuns;
import org.newplos.common.ConflictException;
import org.newplos.locations.Location;
import org.newplos.members.Member;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Random sequences of book / cancel (before or after the cut-off) / time passing (periods end) / invoice run,
 * through the real services and PostgreSQL, against a plain model (a list of bookings and a map of grants):
 * the credit balance is never negative, used ≤ granted in every period, conflicts happen exactly when the model
 * sees an overlap, and every charged minute appears once on an invoice line — at the run after it started.
 */
@Tag("database")
class BookingCreditPropertyTests {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    static final LocalDate PLAN_START = LocalDate.of(2027, 1, 1);

    static ConfigurableApplicationContext context;

    @BeforeContainer
    static void start() {
        context = new SpringApplicationBuilder(NewplosApplication.class)
                .initializers(new TestDatabaseInitializer())
                .properties("spring.main.web-application-type=none", "spring.main.banner-mode=off")
                .run();
    }

    @AfterContainer
    static void stop() {
        context.close();
    }

    /** One step: 0–4 book, 5 cancel early, 6 cancel late (staff), 7 time passes, 8 invoice run. */
    record Step(int kind, int a, int b, int c) {}

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 8),
                        Arbitraries.integers().between(0, 40),
                        Arbitraries.integers().between(0, 23),
                        Arbitraries.integers().between(1, 8))
                .as(Step::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(25);
    }

    /** The model of one booking. */
    static final class Modelled {
        final long id;
        final Instant start;
        final Instant end;
        final LocalDate grantMonth;
        final int credit;
        final int charged;
        final BigDecimal amount;
        String status = "BOOKED";

        Modelled(
                long id, Instant start, Instant end, LocalDate grantMonth, int credit, int charged, BigDecimal amount) {
            this.amount = amount;
            this.id = id;
            this.start = start;
            this.end = end;
            this.grantMonth = grantMonth;
            this.credit = credit;
            this.charged = charged;
        }

        /** Invoiced: not cancelled in time, and something to charge (a free room's minutes bill nothing). */
        boolean billable() {
            return !status.equals("CANCELLED") && charged > 0 && amount.signum() > 0;
        }
    }

    @Property(tries = 40)
    void creditsNeverGoNegativeAndEveryChargedMinuteIsInvoicedOnce(
            @ForAll("steps") List<Step> steps, @ForAll("credits") int creditMinutes, @ForAll("rates") String rate) {
        Booker booker = context.getBean(Booker.class);
        BookingFixtures given = context.getBean(BookingFixtures.class);
        InvoiceRuns runs = context.getBean(InvoiceRuns.class);
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        Location location = given.location(ZONE.getId());
        long room = given.room(location, rate);
        Member member = given.member(location, creditMinutes, PLAN_START);

        Instant now = ZonedDateTime.of(PLAN_START, LocalTime.of(7, 0), ZONE).toInstant();
        List<Modelled> model = new ArrayList<>();
        Map<LocalDate, Integer> used = new HashMap<>();

        for (Step step : steps) {
            LocalDate today = LocalDate.ofInstant(now, ZONE);
            switch (step.kind()) {
                case 0, 1, 2, 3, 4 -> {
                    LocalDate day = today.plusDays(1 + step.a());
                    LocalTime from = LocalTime.of(8, 0).plusMinutes(30L * Math.min(step.b(), 24 - step.c()));
                    LocalTime to = from.plusMinutes(30L * step.c());
                    Instant s = ZonedDateTime.of(day, from, ZONE).toInstant();
                    Instant e = ZonedDateTime.of(day, to, ZONE).toInstant();
                    boolean overlaps = model.stream()
                            .anyMatch(m -> m.status.equals("BOOKED") && m.start.isBefore(e) && s.isBefore(m.end));
                    int minutes = (int) Duration.between(s, e).toMinutes();
                    LocalDate month = day.withDayOfMonth(1);
                    int left = creditMinutes - used.getOrDefault(month, 0);
                    try {
                        Booking b = booker.book(new BookingRequest(member.id(), room, day, from, to), "prop", now);
                        assertThat(overlaps)
                                .as("booked although the model sees an overlap")
                                .isFalse();
                        int credit = Math.min(left, minutes);
                        assertThat(b.creditMinutes()).isEqualTo(credit);
                        assertThat(b.chargedMinutes()).isEqualTo(minutes - credit);
                        assertThat(b.amount())
                                .isEqualByComparingTo(new BigDecimal(rate)
                                        .multiply(BigDecimal.valueOf(minutes - credit))
                                        .divide(BigDecimal.valueOf(60), 2, java.math.RoundingMode.HALF_UP));
                        used.merge(month, credit, Integer::sum);
                        model.add(new Modelled(b.id(), s, e, month, credit, minutes - credit, b.amount()));
                    } catch (ConflictException conflict) {
                        assertThat(overlaps)
                                .as("conflict without an overlap in the model")
                                .isTrue();
                    }
                }
                case 5, 6 -> {
                    Instant at = now;
                    List<Modelled> open = model.stream()
                            .filter(m -> m.status.equals("BOOKED") && m.start.isAfter(at))
                            .toList();
                    if (open.isEmpty()) {
                        break;
                    }
                    Modelled m = open.get(step.a() % open.size());
                    if (step.kind() == 5) {
                        booker.cancel(m.id, member.id(), false, "member", now);
                        m.status = "CANCELLED";
                        used.merge(m.grantMonth, -m.credit, Integer::sum);
                    } else {
                        Instant late = m.start.minus(Duration.ofMinutes(60));
                        booker.cancel(m.id, null, true, "staff", late.isAfter(now) ? late : now);
                        m.status = "LATE_CANCELLED";
                    }
                }
                case 7 -> now = now.plus(Duration.ofDays(1 + step.a()));
                default -> {
                    runs.run(location.id(), today, "prop", false);
                    Instant midnight = today.atStartOfDay(ZONE).toInstant();
                    for (Modelled m : model) {
                        boolean due = m.billable() && m.start.isBefore(midnight);
                        assertThat(lines(jdbc, m.id))
                                .as("lines of booking " + m.id)
                                .isEqualTo(due ? 1 : 0);
                    }
                }
            }
            // The database agrees with the model, and no balance is ever negative.
            for (var g : jdbc.sql("""
                            SELECT lower(period) AS month, granted_minutes, used_minutes FROM credit_grants
                            WHERE member_id = :m
                            """)
                    .param("m", member.id())
                    .query((rs, n) -> new int[] {
                        rs.getObject("month", LocalDate.class).getMonthValue()
                                + 100 * rs.getObject("month", LocalDate.class).getYear(),
                        rs.getInt("granted_minutes"),
                        rs.getInt("used_minutes")
                    })
                    .list()) {
                assertThat(g[2]).isBetween(0, g[1]);
                assertThat(g[1]).isEqualTo(creditMinutes);
                LocalDate month = LocalDate.of(g[0] / 100, g[0] % 100, 1);
                assertThat(g[2]).as("used in " + month).isEqualTo(used.getOrDefault(month, 0));
            }
        }

        // A last run after everything: each charged minute is on exactly one line, at the booking's amount.
        LocalDate end = LocalDate.ofInstant(now, ZONE).plusDays(60);
        runs.run(location.id(), end, "prop", false);
        long expectedMinutes = 0;
        BigDecimal expectedAmount = BigDecimal.ZERO;
        for (Modelled m : model) {
            boolean charged = m.billable();
            assertThat(lines(jdbc, m.id)).isEqualTo(charged ? 1 : 0);
            if (charged) {
                expectedMinutes += m.charged;
                expectedAmount = expectedAmount.add(m.amount);
            }
        }
        var invoiced = jdbc.sql("""
                        SELECT coalesce(sum(b.charged_minutes), 0) AS minutes, coalesce(sum(il.amount), 0) AS amount
                        FROM invoice_lines il JOIN room_bookings b ON b.id = il.room_booking_id
                        WHERE il.kind = 'BOOKING' AND b.member_id = :m
                        """)
                .param("m", member.id())
                .query((rs, n) -> new Object[] {rs.getLong("minutes"), rs.getBigDecimal("amount")})
                .single();
        assertThat((Long) invoiced[0]).isEqualTo(expectedMinutes);
        assertThat((BigDecimal) invoiced[1]).isEqualByComparingTo(expectedAmount);
    }

    @Provide
    Arbitrary<Integer> credits() {
        return Arbitraries.of(0, 30, 60, 120, 240);
    }

    @Provide
    Arbitrary<String> rates() {
        return Arbitraries.of("0.00", "12.50", "25.00", "33.33");
    }

    private static int lines(JdbcClient jdbc, long bookingId) {
        return jdbc.sql("SELECT count(*) FROM invoice_lines WHERE room_booking_id = :b AND kind = 'BOOKING'")
                .param("b", bookingId)
                .query(Integer.class)
                .single();
    }
}
