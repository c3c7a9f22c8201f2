package org.newplos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.newplos.NewplosApplication;
import org.newplos.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * {@code newplos invoice-run}: bills a location (or each) up to a day from cron or by hand, prints the preview
 * as a table, issues with --issue; a refused run is a clear message and exit 1, bad usage exit 2.
 */
@Tag("database")
class InvoiceRunCommandTests {

    /** The advisory lock class an invoice run takes (InvoiceRuns.LOCK_CLASS), with the location id. */
    static final int BILLING_LOCK = 0x4e50_4249;

    static final TestDatabase server = TestDatabase.server();
    static String database;
    static long ams;
    static long locked;

    @BeforeAll
    static void aDatabaseWithTwoLocationsAndALease() {
        NewplosCommand.application = NewplosApplication.class;
        database = server.createDatabase("newplos_cli_billing");
        System.setProperty("spring.datasource.url", server.jdbcUrl(database));
        System.setProperty("spring.datasource.username", server.username());
        System.setProperty("spring.datasource.password", server.password());
        Run migrate = run("migrate");
        assertThat(migrate.code).as(migrate.err).isZero();
        ams = location("AMS", "null");
        locked = location("LCK", "'2027-03-01'");
        long member = jdbc().sql("""
                        INSERT INTO members (full_name, email) VALUES ('Ada Lovelace', 'ada.cli@example.com') RETURNING id
                        """).query(Long.class).single();
        long desk = jdbc().sql("""
                        INSERT INTO spaces (code, name, type, monthly_rate, location_id)
                        VALUES ('D-CLI', 'Desk', 'DESK', 100, :l) RETURNING id
                        """).param("l", ams).query(Long.class).single();
        jdbc().sql("""
                        INSERT INTO leases (member_id, space_id, period, monthly_rate)
                        VALUES (:m, :s, daterange('2027-01-01', NULL, '[)'), 100.00)
                        """).param("m", member).param("s", desk).update();
    }

    static long location(String code, String lockDate) {
        return jdbc().sql("""
                        INSERT INTO locations (code, name, time_zone, currency, invoice_prefix, default_vat_rate,
                                               payment_terms_days, legal_lines, billing_starts_on, lock_date)
                        VALUES ('%s', 'Test %s', 'Europe/Amsterdam', 'EUR', '%s', 21.00, 14, '', '2027-01-01', %s)
                        RETURNING id
                        """.formatted(code, code, code, lockDate))
                .query(Long.class)
                .single();
    }

    @AfterAll
    static void restore() {
        System.clearProperty("spring.datasource.url");
        System.clearProperty("spring.datasource.username");
        System.clearProperty("spring.datasource.password");
        server.dropDatabase(database);
    }

    @Test
    void aDryRunPrintsThePreviewAsATableAndStoresNothing() {
        long runs = count("SELECT count(*) FROM invoice_runs");
        long invoices = count("SELECT count(*) FROM invoices");

        Run dry = run("invoice-run", "--as-of", "2027-02-01", "--location", "ams", "--dry-run");

        assertThat(dry.code).as(dry.err).isZero();
        assertThat(dry.out)
                .contains("Invoice run AMS as of 2027-02-01 (dry run: nothing was stored)")
                .containsPattern("Invoices +1")
                .containsPattern("Lines +2")
                .containsPattern("21\\.00 +200\\.00 +42\\.00 +242\\.00")
                .containsPattern("All +200\\.00 +42\\.00 +242\\.00");
        assertThat(count("SELECT count(*) FROM invoice_runs")).isEqualTo(runs);
        assertThat(count("SELECT count(*) FROM invoices")).isEqualTo(invoices);
    }

    @Test
    void aRunWithIssueNumbersTheDraftsOnTheAsOfDayAndARerunBillsNothing() {
        Run first = run("invoice-run", "--as-of", "2027-02-01", "--location", "AMS", "--issue");

        assertThat(first.code).as(first.err).isZero();
        assertThat(first.out)
                .contains("Invoice run AMS as of 2027-02-01 (run ")
                .contains("Issued 1 document on 2027-02-01.");
        assertThat(jdbc().sql("SELECT number || ' ' || issued_on || ' ' || total FROM invoices WHERE location_id = :l")
                        .param("l", ams)
                        .query(String.class)
                        .list())
                .containsExactly("AMS-2027-000001 2027-02-01 242.00");

        Run again = run("invoice-run", "--as-of", "2027-02-01", "--location", "AMS", "--issue");
        assertThat(again.code).as(again.err).isZero();
        assertThat(again.out)
                .containsPattern("Invoices +0")
                .contains("Nothing to bill.")
                .doesNotContain("Issued");
    }

    @Test
    void withoutALocationEveryLocationIsRunAndOneBeforeItsLockDateIsRefusedByName() {
        Run all = run("invoice-run", "--as-of", "2027-02-01", "--dry-run");

        assertThat(all.code).isEqualTo(1);
        assertThat(all.out).contains("Invoice run AMS as of 2027-02-01").doesNotContain("Invoice run LCK");
        assertThat(all.err)
                .contains("newplos invoice-run: LCK: ")
                .contains("on or before the lock date 2027-03-01")
                .doesNotContain("Exception");

        Run later = run("invoice-run", "--as-of", "2027-03-02", "--dry-run");
        assertThat(later.code).as(later.err).isZero();
        assertThat(later.out).contains("Invoice run AMS as of 2027-03-02", "Invoice run LCK as of 2027-03-02");
    }

    @Test
    void aRunWhileAnotherRunsForTheLocationIsRefusedWithAClearMessage() throws Exception {
        try (Connection other =
                        DriverManager.getConnection(server.jdbcUrl(database), server.username(), server.password());
                Statement sql = other.createStatement()) {
            sql.execute("SELECT pg_advisory_lock(" + BILLING_LOCK + ", " + ams + ")");

            Run busy = run("invoice-run", "--as-of", "2027-02-01", "--location", "AMS");

            assertThat(busy.code).isEqualTo(1);
            assertThat(busy.err).contains("AMS: An invoice run for AMS is in progress; nothing was billed.");
        }
    }

    @Test
    void badUsageAndUnknownLocationsExitWith2AndSayWhy() {
        Run unknown = run("invoice-run", "--as-of", "2027-02-01", "--location", "NOPE");
        assertThat(unknown.code).isEqualTo(2);
        assertThat(unknown.err).contains("no location with code 'NOPE'", "AMS", "LCK");

        Run badDate = run("invoice-run", "--as-of", "2027-02-30");
        assertThat(badDate.code).isEqualTo(2);
        assertThat(badDate.err).contains("--as-of");

        Run farAhead = run("invoice-run", "--as-of", "9999-12-31");
        assertThat(farAhead.code).isEqualTo(2);
        assertThat(farAhead.err).contains("--as-of must be at most a year from today");

        Run noDate = run("invoice-run", "--location", "AMS");
        assertThat(noDate.code).isEqualTo(2);
        assertThat(noDate.err).contains("--as-of");

        Run both = run("invoice-run", "--as-of", "2027-02-01", "--dry-run", "--issue");
        assertThat(both.code).isEqualTo(2);
        assertThat(both.err).contains("--dry-run and --issue exclude each other");
    }

    @Test
    void invoiceRunExplainsItself() {
        Run help = run("invoice-run", "--help");
        assertThat(help.code).isZero();
        assertThat(help.out)
                .contains("Usage: newplos invoice-run", "--as-of=DATE", "--location=CODE", "--dry-run", "--issue")
                .contains("lock date", "Exit codes:");
        assertThat(run("--help").out).contains("invoice-run");
    }

    private static long count(String sql) {
        return jdbc().sql(sql).query(Long.class).single();
    }

    private static JdbcClient jdbc() {
        return JdbcClient.create(new SimpleDriverDataSource(
                new org.postgresql.Driver(), server.jdbcUrl(database), server.username(), server.password()));
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NewplosCommand.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    record Run(int code, String out, String err) {}
}
