package org.newplos.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.jspecify.annotations.Nullable;

/**
 * The billing arithmetic against a day-by-day oracle, over leases and plan memberships with random starts
 * (biased to the 28th–31st, 29 February, year ends and the 1900/2000/2100 leap rules), ends, rate changes,
 * cancellations and runs at random days. Runs and corrections here use the same {@link Charges} and
 * {@link Corrections} as the database-backed runs; {@code InvoiceRunPropertyTests} does the same through
 * PostgreSQL.
 */
class BillingProperties {

    /** What is billed of one source: charge lines (with what is still active) and credits. */
    static final class Ledger {
        final List<Corrections.BilledLine> lines = new ArrayList<>();
        final List<BigDecimal> amounts = new ArrayList<>();
        final List<BigDecimal> credits = new ArrayList<>();
        private long ids;

        DaySet billed() {
            DaySet all = DaySet.EMPTY;
            for (Corrections.BilledLine l : lines) {
                all = all.union(l.active());
            }
            return all;
        }

        List<Charges.Charge> run(Terms terms, @Nullable LocalDate billingStart, LocalDate asOf) {
            List<Charges.Charge> due =
                    Charges.due(terms, billingStart, asOf, billed()).charges();
            for (Charges.Charge c : due) {
                lines.add(new Corrections.BilledLine(
                        ++ids, c.period(), c.days(), DaySet.of(c.days()), c.rate(), c.offset()));
                amounts.add(c.amount());
            }
            return due;
        }

        void correct(@Nullable Terms terms) {
            for (Corrections.Credit credit : Corrections.credits(terms, lines)) {
                credits.add(credit.amount());
                for (int i = 0; i < lines.size(); i++) {
                    Corrections.BilledLine l = lines.get(i);
                    if (l.id() == credit.lineId()) {
                        List<DayRange> left = new ArrayList<>();
                        for (DayRange r : l.active().ranges()) {
                            if (r.from().isBefore(credit.days().from())) {
                                left.add(new DayRange(
                                        r.from(), min(r.to(), credit.days().from())));
                            }
                            if (r.to().isAfter(credit.days().to())) {
                                left.add(
                                        new DayRange(max(r.from(), credit.days().to()), r.to()));
                            }
                        }
                        lines.set(
                                i,
                                new Corrections.BilledLine(
                                        l.id(), l.period(), l.billed(), new DaySet(left), l.rate(), l.offset()));
                    }
                }
            }
        }

        BigDecimal net() {
            return amounts.stream()
                    .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add)
                    .add(credits.stream().reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add));
        }
    }

    // --- generators -------------------------------------------------------------------------------------

    /** Days where calendars bite: month ends, 29 February, year ends, century leap rules; and any day. */
    @Provide
    Arbitrary<LocalDate> days() {
        Arbitrary<Integer> years = Arbitraries.of(1899, 1900, 1999, 2000, 2023, 2024, 2027, 2028, 2099, 2100);
        Arbitrary<LocalDate> monthEnds = Combinators.combine(
                        years,
                        Arbitraries.integers().between(1, 12),
                        Arbitraries.integers().between(0, 3))
                .as((y, m, back) -> LocalDate.of(y, m, 1).plusMonths(1).minusDays(1 + back));
        Arbitrary<LocalDate> leapDays = Arbitraries.of(
                LocalDate.of(2000, 2, 29),
                LocalDate.of(2024, 2, 29),
                LocalDate.of(2028, 2, 29),
                LocalDate.of(1904, 2, 29));
        Arbitrary<LocalDate> yearEnds = years.map(y -> LocalDate.of(y, 12, 31));
        Arbitrary<LocalDate> any = Combinators.combine(
                        years, Arbitraries.integers().between(1, 365))
                .as((y, d) -> LocalDate.ofYearDay(y, d));
        return Arbitraries.frequencyOf(
                Tuple.of(4, monthEnds), Tuple.of(2, leapDays), Tuple.of(1, yearEnds), Tuple.of(3, any));
    }

    @Provide
    Arbitrary<BigDecimal> rates() {
        return Arbitraries.frequencyOf(
                Tuple.of(
                        3,
                        Arbitraries.bigDecimals()
                                .between(BigDecimal.ZERO, new BigDecimal("9999.99"))
                                .ofScale(2)),
                Tuple.of(
                        1,
                        Arbitraries.of(
                                new BigDecimal("0.01"),
                                new BigDecimal("100.00"),
                                new BigDecimal("310.00"),
                                new BigDecimal("299.99"),
                                new BigDecimal("0.00"))));
    }

    @Provide
    Arbitrary<Terms> terms() {
        return Combinators.combine(
                        days(),
                        Arbitraries.integers().between(1, 900),
                        Arbitraries.of(true, false),
                        Arbitraries.of(1, 1, 1, 3, 12),
                        rates(),
                        changes())
                .as((start, length, open, months, rate, changes) -> {
                    LocalDate end = open ? null : start.plusDays(length);
                    return new Terms(start, end, months, rate, shift(changes, start));
                });
    }

    /** Up to three rate changes as day offsets from the start, made non-overlapping. */
    @Provide
    Arbitrary<List<Tuple.Tuple3<Integer, Integer, BigDecimal>>> changes() {
        return Combinators.combine(
                        Arbitraries.integers().between(1, 400),
                        Arbitraries.integers().between(1, 200),
                        rates())
                .as(Tuple::of)
                .list()
                .ofMaxSize(3);
    }

    private static List<Terms.RateChange> shift(List<Tuple.Tuple3<Integer, Integer, BigDecimal>> raw, LocalDate start) {
        List<Terms.RateChange> out = new ArrayList<>();
        LocalDate cursor = start;
        for (var c : raw) {
            LocalDate from = cursor.plusDays(c.get1());
            LocalDate to = from.plusDays(c.get2());
            out.add(new Terms.RateChange(from, out.size() == raw.size() - 1 && c.get2() > 150 ? null : to, c.get3()));
            if (out.get(out.size() - 1).to() == null) {
                break;
            }
            cursor = to;
        }
        return out;
    }

    // --- properties -------------------------------------------------------------------------------------

    /** 1. What one run bills tiles the due window exactly: no gap, no overlap. */
    @Property(tries = 1000)
    void billedPeriodsTileTheDueWindow(@ForAll("terms") Terms terms, @ForAll("days") LocalDate asOf) {
        Ledger ledger = new Ledger();
        Charges.Due due = Charges.due(terms, null, asOf, DaySet.EMPTY);
        long days = 0;
        DaySet union = DaySet.EMPTY;
        for (Charges.Charge c : due.charges()) {
            days += c.days().days();
            union = union.union(DaySet.of(c.days()));
            assertThat(c.days().from()).isAfterOrEqualTo(c.period().start());
            assertThat(c.days().to()).isBeforeOrEqualTo(c.period().end());
            assertThat(c.period().start()).isBeforeOrEqualTo(asOf);
        }
        assertThat(union.days()).as("no overlap").isEqualTo(days);
        if (due.charges().isEmpty()) {
            return;
        }
        assertThat(union.ranges())
                .as("no gap")
                .singleElement()
                .isEqualTo(new DayRange(terms.start(), due.billedThrough()));
        ledger.run(terms, null, asOf);
        assertThat(ledger.run(terms, null, asOf))
                .as("a second run bills nothing")
                .isEmpty();
    }

    /** 2. A full period at one rate costs that rate; the pieces of a period add up to its value. */
    @Property(tries = 1000)
    void aFullPeriodCostsItsRateAndPiecesAddUp(@ForAll("terms") Terms terms, @ForAll("days") LocalDate asOf) {
        List<Charges.Charge> due = Charges.due(terms, null, asOf, DaySet.EMPTY).charges();
        for (Charges.Charge c : due) {
            if (c.days().equals(c.period().range())) {
                assertThat(c.amount()).isEqualByComparingTo(c.rate());
            }
        }
        due.stream().map(Charges.Charge::period).distinct().forEach(p -> {
            BigDecimal pieces = due.stream()
                    .filter(c -> c.period().equals(p))
                    .map(Charges.Charge::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            LocalDate last = due.stream()
                    .filter(c -> c.period().equals(p))
                    .map(c -> c.days().to())
                    .max(LocalDate::compareTo)
                    .orElseThrow();
            assertThat(pieces).isEqualByComparingTo(BillingOracle.value(terms, p.start(), last));
        });
    }

    /** 3. Runs are idempotent, and twelve monthly runs bill what one catch-up run bills. */
    @Property(tries = 500)
    void monthlyRunsAndOneCatchUpRunBillTheSame(@ForAll("terms") Terms terms, @ForAll("days") LocalDate firstRun) {
        Ledger monthly = new Ledger();
        List<String> monthlyLines = new ArrayList<>();
        for (int m = 0; m < 12; m++) {
            monthly.run(terms, null, firstRun.plusMonths(m)).forEach(c -> monthlyLines.add(c.toString()));
            assertThat(monthly.run(terms, null, firstRun.plusMonths(m))).isEmpty();
        }
        Ledger once = new Ledger();
        List<String> onceLines = once.run(terms, null, firstRun.plusMonths(11)).stream()
                .map(Object::toString)
                .toList();
        assertThat(monthlyLines).containsExactlyInAnyOrderElementsOf(onceLines);
    }

    /** A change to a lease, as staff make them. */
    sealed interface Change {
        Terms apply(Terms t);
    }

    record EndOn(int dayOffset) implements Change {
        public Terms apply(Terms t) {
            return new Terms(t.start(), t.start().plusDays(dayOffset), t.periodMonths(), t.baseRate(), t.changes());
        }
    }

    record Extend(int days) implements Change {
        public Terms apply(Terms t) {
            return new Terms(
                    t.start(),
                    t.end() == null ? null : t.end().plusDays(days),
                    t.periodMonths(),
                    t.baseRate(),
                    t.changes());
        }
    }

    record NewRate(int fromOffset, BigDecimal rate) implements Change {
        public Terms apply(Terms t) {
            LocalDate from = t.start().plusDays(fromOffset);
            List<Terms.RateChange> kept = new ArrayList<>();
            for (Terms.RateChange c : t.changes()) {
                if (c.from().isBefore(from)) {
                    kept.add(new Terms.RateChange(
                            c.from(), c.to() == null || c.to().isAfter(from) ? from : c.to(), c.rate()));
                }
            }
            kept.add(new Terms.RateChange(from, null, rate));
            return new Terms(t.start(), t.end(), t.periodMonths(), t.baseRate(), kept);
        }
    }

    record MoveStart(int days) implements Change {
        public Terms apply(Terms t) {
            LocalDate start = t.start().plusDays(days);
            if (t.end() != null && !t.end().isAfter(start)) {
                return t;
            }
            return new Terms(start, t.end(), t.periodMonths(), t.baseRate(), List.of());
        }
    }

    record Cancel() implements Change {
        public Terms apply(Terms t) {
            return t;
        }
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<Change, Integer>>> scripts() {
        Arbitrary<Change> change = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 500).map(EndOn::new),
                Arbitraries.integers().between(1, 120).map(Extend::new),
                Combinators.combine(Arbitraries.integers().between(0, 500), rates())
                        .as(NewRate::new),
                Arbitraries.integers().between(-40, 40).map(MoveStart::new),
                Arbitraries.just(new Cancel()).withoutEdgeCases());
        return Combinators.combine(change, Arbitraries.integers().between(0, 200))
                .as(Tuple::of)
                .list()
                .ofMaxSize(6);
    }

    /**
     * 4 and 5. After any sequence of changes and runs at random days, what was invoiced less what was credited
     * equals the day-by-day oracle for the days due at the last run, to the cent; every amount has scale 2 and
     * only credits are negative.
     */
    @Property(tries = 1500)
    void invoicedLessCreditedEqualsTheDayByDayOracle(
            @ForAll("terms") Terms initial,
            @ForAll("days") LocalDate firstRun,
            @ForAll("scripts") List<Tuple.Tuple2<Change, Integer>> script) {
        Ledger ledger = new Ledger();
        Terms terms = initial;
        boolean cancelled = false;
        LocalDate asOf = firstRun;
        ledger.run(terms, null, asOf);
        for (var step : script) {
            Change change = step.get1();
            if (change instanceof Cancel) {
                cancelled = true;
                ledger.correct(null);
            } else if (!cancelled) {
                terms = change.apply(terms);
                ledger.correct(terms);
            }
            asOf = asOf.plusDays(step.get2());
            if (!cancelled) {
                ledger.run(terms, null, asOf);
            }
        }
        if (!cancelled) {
            ledger.run(terms, null, asOf);
        }
        BigDecimal expected = BigDecimal.ZERO.setScale(2);
        if (!cancelled && !terms.start().isAfter(asOf)) {
            LocalDate through = Charges.due(terms, null, asOf, DaySet.EMPTY).billedThrough();
            expected = BillingOracle.value(terms, terms.start(), through);
        }
        assertThat(ledger.net()).isEqualByComparingTo(expected);
        ledger.amounts.forEach(a -> assertThat(a.scale()).isEqualTo(2));
        ledger.amounts.forEach(a -> assertThat(a.signum()).isNotNegative());
        ledger.credits.forEach(a -> assertThat(a.scale()).isEqualTo(2));
        ledger.credits.forEach(a -> assertThat(a.signum()).isNotPositive());
    }

    /** With a billing start, nothing before it is billed, and what follows still matches the oracle. */
    @Property(tries = 500)
    void nothingBeforeTheBillingStartIsBilled(
            @ForAll("terms") Terms terms, @ForAll("days") LocalDate billingStart, @ForAll("days") LocalDate asOf) {
        Ledger ledger = new Ledger();
        List<Charges.Charge> due = ledger.run(terms, billingStart, asOf);
        due.forEach(c -> assertThat(c.days().from()).isAfterOrEqualTo(billingStart));
        if (!due.isEmpty()) {
            LocalDate from = billingStart.isAfter(terms.start()) ? billingStart : terms.start();
            LocalDate through =
                    Charges.due(terms, billingStart, asOf, DaySet.EMPTY).billedThrough();
            assertThat(ledger.net()).isEqualByComparingTo(BillingOracle.value(terms, from, through));
        }
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
