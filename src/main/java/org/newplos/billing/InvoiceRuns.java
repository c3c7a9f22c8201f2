package org.newplos.billing;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.newplos.audit.AuditLog;
import org.newplos.common.ConflictException;
import org.newplos.common.InvalidInputException;
import org.newplos.locations.Location;
import org.newplos.locations.Locations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Invoice runs: {@code run(location, asOf)} bills every day due up to {@code asOf} and not yet billed, as
 * DRAFT invoices (one per member) and draft credit notes (deposit refunds). The day is a parameter, never
 * the clock. Re-running adds nothing; a catch-up run bills what the missed runs would have.
 *
 * <p>One transaction per run, holding the location's billing lock (a PostgreSQL advisory lock): a second run
 * at the same time is refused at once, and lease changes that must correct billing wait for the run. Should
 * anything slip past the lock, the exclusion constraint on invoice lines still refuses a day billed twice.
 * Sources are streamed from the database and written in batches: memory does not grow with the leases.
 */
@Service
public class InvoiceRuns {

    private static final Logger log = LoggerFactory.getLogger(InvoiceRuns.class);

    /** Advisory lock class of billing (with the location id as the second key). */
    static final int LOCK_CLASS = 0x4e50_4249; // "NPBI"

    private static final int FETCH = 1_000;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate streaming;
    private final TransactionTemplate transactions;
    private final Locations locations;
    private final Invoices invoices;
    private final AuditLog audit;

    InvoiceRuns(
            JdbcClient jdbc,
            DataSource dataSource,
            TransactionTemplate transactions,
            Locations locations,
            Invoices invoices,
            AuditLog audit) {
        this.jdbc = jdbc;
        JdbcTemplate fetching = new JdbcTemplate(dataSource);
        fetching.setFetchSize(FETCH);
        this.streaming = new NamedParameterJdbcTemplate(fetching);
        this.transactions = transactions;
        this.locations = locations;
        this.invoices = invoices;
        this.audit = audit;
    }

    /**
     * Refuses an as-of day more than a year after the location's today at {@code now}: a typo such as 9999
     * would otherwise bill thousands of years of periods. Every way in (API, admin UI, CLI) asks this first.
     */
    public static void checkAsOf(Location location, LocalDate asOf, Instant now) {
        LocalDate latest = location.today(now).plusYears(1);
        if (asOf.isAfter(latest)) {
            throw new InvalidInputException(
                    "asOf",
                    "must be at most a year from today (" + latest + " at " + location.code()
                            + "); a run bills what is due by then");
        }
    }

    /** Bills a location up to {@code asOf}; with {@code dryRun}, shows what it would bill and keeps nothing. */
    public RunPreview run(long locationId, LocalDate asOf, String actor, boolean dryRun) {
        Location location = locations.get(locationId);
        long started = System.nanoTime();
        try {
            return transactions.execute(status -> {
                Boolean locked = jdbc.sql("SELECT pg_try_advisory_xact_lock(:class, CAST(:location AS integer))")
                        .param("class", LOCK_CLASS)
                        .param("location", locationId)
                        .query(Boolean.class)
                        .single();
                if (!Boolean.TRUE.equals(locked)) {
                    throw new ConflictException("An invoice run for " + location.code()
                            + " is in progress; nothing was billed. Try again when it has finished.");
                }
                long runId = jdbc.sql("""
                                INSERT INTO invoice_runs (location_id, as_of, started_by) VALUES (:location, :asOf, :actor)
                                RETURNING id
                                """)
                        .param("location", locationId)
                        .param("asOf", Date.valueOf(asOf))
                        .param("actor", actor)
                        .query(Long.class)
                        .single();
                Writer writer = new Writer(runId, location, asOf);
                streaming.query(
                        BillingSql.DUE_SOURCES,
                        new MapSqlParameterSource()
                                .addValue("location", locationId)
                                .addValue("asOf", asOf)
                                .addValue("billingStartsOn", location.billingStartsOn()),
                        (RowCallbackHandler) rs -> writer.add(RunSource.read(rs)));
                writer.finish();
                jdbc.sql("SET LOCAL enable_seqscan = on").update();
                long written = System.nanoTime();
                jdbc.sql("UPDATE invoice_runs SET invoices = :invoices, lines = :lines WHERE id = :id")
                        .param("invoices", writer.documents)
                        .param("lines", writer.lineCount)
                        .param("id", runId)
                        .update();
                RunPreview preview = invoices.preview(runId, dryRun);
                log.info(
                        "Invoice run {} of {} as of {}: {} sources read, {} documents and {} lines written in {} ms,"
                                + " preview in {} ms",
                        runId,
                        location.code(),
                        asOf,
                        writer.sources,
                        writer.documents,
                        writer.lineCount,
                        (written - started) / 1_000_000,
                        (System.nanoTime() - written) / 1_000_000);
                if (dryRun) {
                    status.setRollbackOnly();
                } else {
                    audit.record(
                            "invoice_run",
                            runId,
                            "created",
                            null,
                            new RunAudit(
                                    location.code(), asOf, preview.invoices(), preview.creditNotes(), preview.total()));
                }
                return preview;
            });
        } catch (DataAccessException e) {
            throw BillingErrors.translate(e);
        }
    }

    /** What the audit log keeps of a run. */
    public record RunAudit(String location, LocalDate asOf, int invoices, int creditNotes, BigDecimal total) {}

    /** Collects one member's lines at a time and writes them in batches. */
    private final class Writer {

        private static final int BATCH = 500;

        private final long runId;
        private final Location location;
        private final LocalDate asOf;
        private final List<Object[]> invoiceRows = new ArrayList<>();
        private final List<Object[]> lineRows = new ArrayList<>();
        private final List<Object[]> leaseProgress = new ArrayList<>();
        private final List<Object[]> membershipProgress = new ArrayList<>();
        private long memberId = -1;
        private @Nullable RunSource member;
        private final List<Object[]> memberCharges = new ArrayList<>();
        private final List<Object[]> memberRefunds = new ArrayList<>();
        int sources;
        int documents;
        int lineCount;

        Writer(long runId, Location location, LocalDate asOf) {
            this.runId = runId;
            this.location = location;
            this.asOf = asOf;
        }

        void add(RunSource source) {
            if (memberId == -1) {
                // The sources' query is planned and running. From here on, the lookups that foreign keys and the
                // line trigger make per row into invoices (which may have been empty, or nearly, when those
                // plans were made and cached) must use the primary key, never a scan that grows with every
                // invoice this run adds.
                jdbc.sql("SET LOCAL enable_seqscan = off").update();
            }
            sources++;
            if (source.memberId() != memberId) {
                closeMember();
                memberId = source.memberId();
                member = source;
            }
            if (source.booking()) {
                Object[] line = line(
                        "BOOKING",
                        null,
                        null,
                        source.label(),
                        null,
                        null,
                        null,
                        null,
                        source.terms().baseRate(),
                        location.defaultVatRate());
                line[12] = source.id();
                memberCharges.add(line);
                return;
            }
            LocalDate billedThrough = null;
            if (!source.cancelled()) {
                Charges.Due due = Charges.due(source.terms(), location.billingStartsOn(), asOf, source.billed());
                for (Charges.Charge c : due.charges()) {
                    memberCharges.add(chargeLine(source, c));
                }
                billedThrough = due.billedThrough();
            }
            boolean depositClosed = true;
            if (source.lease()) {
                depositClosed = deposit(source);
            }
            Object[] progress = {
                source.id(), billedThrough == null ? source.terms().start() : billedThrough, depositClosed
            };
            (source.lease() ? leaseProgress : membershipProgress).add(progress);
            if (leaseProgress.size() + membershipProgress.size() >= BATCH) {
                flushProgress();
            }
        }

        /** Adds the deposit or its refund when due; answers whether the deposit needs nothing more. */
        private boolean deposit(RunSource s) {
            LocalDate start = s.terms().start();
            LocalDate billingStart = location.billingStartsOn();
            if (s.deposit().signum() == 0 || (billingStart != null && start.isBefore(billingStart))) {
                return s.depositBilled() == null;
            }
            if (s.depositBilled() == null) {
                if (s.cancelled()) {
                    return true;
                }
                memberCharges.add(line(
                        "DEPOSIT",
                        s.id(),
                        null,
                        "Deposit " + s.label().replaceFirst("^Rent ", ""),
                        null,
                        null,
                        null,
                        null,
                        s.deposit(),
                        BigDecimal.ZERO));
                return false;
            }
            boolean over = s.cancelled()
                    || (s.terms().end() != null && !s.terms().end().isAfter(asOf));
            if (s.depositRefunded()) {
                return true;
            }
            if (!over || !s.depositIssued()) {
                return false;
            }
            BigDecimal kept =
                    s.depositKept() == null ? BigDecimal.ZERO : s.depositKept().min(s.depositBilled());
            String text = "Deposit refund " + s.label().replaceFirst("^Rent ", "")
                    + (kept.signum() > 0 ? " (kept " + kept.toPlainString() + ": " + s.depositKeptReason() + ")" : "");
            memberRefunds.add(line(
                    "DEPOSIT_REFUND",
                    s.id(),
                    null,
                    text,
                    null,
                    null,
                    null,
                    null,
                    s.depositBilled().subtract(kept).negate(),
                    BigDecimal.ZERO));
            return true;
        }

        private Object[] chargeLine(RunSource s, Charges.Charge c) {
            String text = s.label() + ", " + c.days().from().format(DAY) + " – "
                    + c.days().to().minusDays(1).format(DAY)
                    + (c.days().equals(c.period().range())
                            ? ""
                            : " (" + c.days().days() + " of " + c.period().days() + " days)");
            return line(
                    s.lease() ? "RENT" : "PLAN",
                    s.lease() ? s.id() : null,
                    s.lease() ? null : s.id(),
                    text,
                    c.period().range().sql(),
                    c.days().sql(),
                    c.rate(),
                    c.offset(),
                    c.amount(),
                    location.defaultVatRate());
        }

        private Object[] line(
                String kind,
                @Nullable Long leaseId,
                @Nullable Long membershipId,
                String description,
                @Nullable String servicePeriod,
                @Nullable String billed,
                @Nullable BigDecimal rate,
                @Nullable BigDecimal offset,
                BigDecimal amount,
                BigDecimal vatRate) {
            return new Object[] {
                null,
                kind,
                leaseId,
                membershipId,
                description,
                servicePeriod,
                billed,
                billed == null ? null : "{" + billed + "}",
                rate,
                offset,
                amount,
                vatRate,
                null
            };
        }

        private void closeMember() {
            if (member != null) {
                document("INVOICE", memberCharges);
                document("CREDIT_NOTE", memberRefunds);
            }
            memberCharges.clear();
            memberRefunds.clear();
            if (invoiceRows.size() >= BATCH || lineRows.size() >= BATCH * 4) {
                flushDocuments();
            }
        }

        private void document(String kind, List<Object[]> lines) {
            if (lines.isEmpty() || member == null) {
                return;
            }
            long id = invoices.nextId();
            invoiceRows.add(new Object[] {
                id,
                kind,
                location.id(),
                member.memberId(),
                runId,
                location.currency(),
                member.memberName(),
                member.memberEmail(),
                member.memberCompany()
            });
            for (Object[] line : lines) {
                Object[] row = line.clone();
                row[0] = id;
                lineRows.add(row);
            }
            documents++;
            lineCount += lines.size();
        }

        void finish() {
            closeMember();
            flushDocuments();
            flushProgress();
        }

        private void flushDocuments() {
            if (invoiceRows.isEmpty()) {
                return;
            }
            // One statement per batch (unnest of arrays): row triggers and foreign-key checks still run per row,
            // but parse, plan and round trip once per batch.
            jdbc.sql("""
                            INSERT INTO invoices (id, kind, location_id, member_id, run_id, currency, billing_name,
                                                  billing_email, billing_company, billing_address)
                            SELECT u.*, m.billing_address
                            FROM unnest(CAST(:id AS bigint[]), CAST(:kind AS text[]), CAST(:location AS bigint[]),
                                        CAST(:member AS bigint[]), CAST(:run AS bigint[]), CAST(:currency AS text[]),
                                        CAST(:name AS text[]), CAST(:email AS text[]), CAST(:company AS text[]))
                                AS u(id, kind, location_id, member_id, run_id, currency, name, email, company)
                            JOIN members m ON m.id = u.member_id
                            """)
                    .param("id", column(invoiceRows, 0))
                    .param("kind", column(invoiceRows, 1))
                    .param("location", column(invoiceRows, 2))
                    .param("member", column(invoiceRows, 3))
                    .param("run", column(invoiceRows, 4))
                    .param("currency", column(invoiceRows, 5))
                    .param("name", column(invoiceRows, 6))
                    .param("email", column(invoiceRows, 7))
                    .param("company", column(invoiceRows, 8))
                    .update();
            jdbc.sql("""
                            INSERT INTO invoice_lines (invoice_id, kind, lease_id, plan_membership_id, description,
                                                       service_period, billed, active_days, monthly_rate, rate_offset,
                                                       amount, vat_rate, room_booking_id)
                            SELECT * FROM unnest(CAST(:invoice AS bigint[]), CAST(:kind AS text[]), CAST(:lease AS bigint[]),
                                                 CAST(:membership AS bigint[]), CAST(:description AS text[]),
                                                 CAST(:period AS daterange[]), CAST(:billed AS daterange[]),
                                                 CAST(:active AS datemultirange[]), CAST(:rate AS numeric[]),
                                                 CAST(:offset AS numeric[]), CAST(:amount AS numeric[]),
                                                 CAST(:vat AS numeric[]), CAST(:booking AS bigint[]))
                            """)
                    .param("invoice", column(lineRows, 0))
                    .param("kind", column(lineRows, 1))
                    .param("lease", column(lineRows, 2))
                    .param("membership", column(lineRows, 3))
                    .param("description", column(lineRows, 4))
                    .param("period", column(lineRows, 5))
                    .param("billed", column(lineRows, 6))
                    .param("active", column(lineRows, 7))
                    .param("rate", column(lineRows, 8))
                    .param("offset", column(lineRows, 9))
                    .param("amount", column(lineRows, 10))
                    .param("vat", column(lineRows, 11))
                    .param("booking", column(lineRows, 12))
                    .update();
            if (lineRows.stream().anyMatch(row -> row[12] != null)) {
                jdbc.sql("""
                                UPDATE room_bookings b SET charge_line_id = l.id
                                FROM invoice_lines l
                                WHERE l.invoice_id = ANY(CAST(:invoices AS bigint[])) AND l.kind = 'BOOKING'
                                  AND b.id = l.room_booking_id
                                """).param("invoices", column(invoiceRows, 0)).update();
            }
            invoiceRows.clear();
            lineRows.clear();
        }

        private void flushProgress() {
            if (!leaseProgress.isEmpty()) {
                jdbc.sql("""
                                INSERT INTO billing_progress (lease_id, billed_through, deposit_closed)
                                SELECT * FROM unnest(CAST(:id AS bigint[]), CAST(:through AS date[]), CAST(:closed AS boolean[]))
                                ON CONFLICT (lease_id) WHERE lease_id IS NOT NULL DO UPDATE
                                    SET billed_through = EXCLUDED.billed_through, deposit_closed = EXCLUDED.deposit_closed
                                """)
                        .param("id", column(leaseProgress, 0))
                        .param("through", column(leaseProgress, 1))
                        .param("closed", column(leaseProgress, 2))
                        .update();
            }
            if (!membershipProgress.isEmpty()) {
                jdbc.sql("""
                                INSERT INTO billing_progress (plan_membership_id, billed_through, deposit_closed)
                                SELECT * FROM unnest(CAST(:id AS bigint[]), CAST(:through AS date[]), CAST(:closed AS boolean[]))
                                ON CONFLICT (plan_membership_id) WHERE plan_membership_id IS NOT NULL DO UPDATE SET billed_through = EXCLUDED.billed_through
                                """)
                        .param("id", column(membershipProgress, 0))
                        .param("through", column(membershipProgress, 1))
                        .param("closed", column(membershipProgress, 2))
                        .update();
            }
            leaseProgress.clear();
            membershipProgress.clear();
        }

        /** Column {@code i} of the rows as text, for one array parameter (null stays null). */
        private static String[] column(List<Object[]> rows, int i) {
            String[] out = new String[rows.size()];
            for (int r = 0; r < out.length; r++) {
                Object v = rows.get(r)[i];
                out[r] = v == null ? null : v instanceof BigDecimal d ? d.toPlainString() : v.toString();
            }
            return out;
        }
    }
}
