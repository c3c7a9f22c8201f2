package org.newplos.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newplos.ApiClient;
import org.newplos.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The billing API end to end through the real security filters and database: a location made by an admin,
 * a dry run that stores nothing, a run, its preview, issuing with gapless numbers, a partial payment and
 * the balance; and bad input answered with a clear 4xx that changes nothing.
 */
@IntegrationTest
@Import(BillingFixtures.class)
class BillingApiTests {

    private static final AtomicInteger SEQUENCE = new AtomicInteger((int) (System.nanoTime() % 100_000));

    @Autowired
    MockMvcTester mvc;

    @Autowired
    BillingFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    ApiClient admin;
    ApiClient staff;
    ApiClient viewer;
    String code;
    long location;
    long member;

    @BeforeEach
    void setUp() {
        admin = ApiClient.as(mvc, "ADMIN");
        staff = ApiClient.as(mvc, "STAFF");
        viewer = ApiClient.as(mvc, "VIEWER");
        code = "A" + SEQUENCE.incrementAndGet();
        location = location(code, null);
        member = staff.create("/api/v1/members", """
                {"fullName": "Ada Lovelace", "email": "ada%s@example.com"}""".formatted(code.toLowerCase()));
    }

    long location(String code, String lockDate) {
        return admin.create("/api/v1/locations", """
                {"code": "%s", "name": "Billing %s", "timeZone": "Europe/Amsterdam", "currency": "EUR",
                 "invoicePrefix": "%s", "defaultVatRate": 21.00, "paymentTermsDays": 14,
                 "billingStartsOn": "2027-01-01", "lockDate": %s}""".formatted(
                        code, code, code, lockDate == null ? "null" : "\"" + lockDate + "\""));
    }

    /** A desk at this test's location, leased to the member from 1 January 2027 at 100.00 a month. */
    long lease() {
        long desk = staff.create("/api/v1/spaces", """
                {"code": "D-%s-%d", "name": "Desk", "type": "DESK", "monthlyRate": 100}""".formatted(code, System.nanoTime()));
        jdbc.sql("UPDATE spaces SET location_id = :l WHERE id = :s")
                .param("l", location)
                .param("s", desk)
                .update();
        return staff.create("/api/v1/leases", """
                {"memberId": %d, "spaceId": %d, "start": "2027-01-01", "monthlyRate": 100.00}""".formatted(member, desk));
    }

    /** An issued invoice of the member with one 50.00 charge (60.50 with VAT). */
    long issuedInvoice() {
        long draft = draft();
        assertThat(staff.post("/api/v1/invoices/" + draft + "/lines", """
                        {"description": "Printing", "amount": 50.00}""")).hasStatus(201);
        assertThat(staff.post("/api/v1/invoices/" + draft + "/issue", """
                        {"issuedOn": "2027-02-01"}""")).hasStatusOk();
        return draft;
    }

    long draft() {
        return staff.create("/api/v1/invoices", """
                {"memberId": %d, "locationId": %d}""".formatted(member, location));
    }

    long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    long countAt(String sql) {
        return jdbc.sql(sql).param("l", location).query(Long.class).single();
    }

    static String text(MvcTestResult result, String path) {
        return String.valueOf((Object) JsonPath.read(ApiClient.body(result), path));
    }

    @Test
    void aRunIsPreviewedIssuedPaidInPartAndShowsInTheBalance() {
        lease();
        String run = """
                {"location": "%s", "asOf": "2027-02-01", "dryRun": %s}""";

        MvcTestResult dry = staff.post("/api/v1/invoice-runs", run.formatted(code.toLowerCase(), true));
        assertThat(dry).hasStatusOk();
        assertThat(dry).bodyJson().extractingPath("$.invoices").isEqualTo(1);
        assertThat(dry).bodyJson().extractingPath("$.lines").isEqualTo(2);
        assertThat(countAt("SELECT count(*) FROM invoice_runs WHERE location_id = :l"))
                .isZero();
        assertThat(countAt("SELECT count(*) FROM invoices WHERE location_id = :l"))
                .isZero();

        MvcTestResult created = staff.post("/api/v1/invoice-runs", run.formatted(code, false));
        assertThat(created).hasStatus(201);
        long runId = JsonPath.<Number>read(ApiClient.body(created), "$.runId").longValue();
        assertThat(created).hasHeader("Location", "/api/v1/invoice-runs/" + runId);
        MvcTestResult preview = viewer.get("/api/v1/invoice-runs/" + runId);
        assertThat(preview).hasStatusOk();
        // January and February at 100.00, VAT 21 % once on the invoice: 200.00 + 42.00.
        assertThat(text(preview, "$.net")).isEqualTo("200.0");
        assertThat(text(preview, "$.vat")).isEqualTo("42.0");
        assertThat(text(preview, "$.vatGroups[0].rate")).isEqualTo("21.0");
        assertThat(text(preview, "$.members[0].name")).isEqualTo("Ada Lovelace");

        MvcTestResult issued = staff.post("/api/v1/invoice-runs/" + runId + "/issue", """
                {"issuedOn": "2027-02-01"}""");
        assertThat(issued).hasStatusOk();
        assertThat(issued).bodyJson().extractingPath("$.issued").isEqualTo(1);
        MvcTestResult list = viewer.get("/api/v1/invoices?runId=" + runId);
        assertThat(list).hasStatusOk();
        assertThat(list).bodyJson().extractingPath("$.items[0].number").isEqualTo(code + "-2027-000001");
        assertThat(text(list, "$.items[0].total")).isEqualTo("242.0");
        long invoice =
                JsonPath.<Number>read(ApiClient.body(list), "$.items[0].id").longValue();

        MvcTestResult paid = staff.post("/api/v1/payments", """
                {"invoiceId": %d, "method": "BANK_TRANSFER", "receivedOn": "2027-02-10", "amount": 100.00,
                 "reference": "first part"}""".formatted(invoice));
        assertThat(paid).hasStatus(201);
        MvcTestResult detail = viewer.get("/api/v1/invoices/" + invoice);
        assertThat(detail).hasStatusOk();
        assertThat(text(detail, "$.invoice.outstanding")).isEqualTo("142.0");
        assertThat(detail).bodyJson().extractingPath("$.lines.length()").isEqualTo(2);
        assertThat(detail).bodyJson().extractingPath("$.payments[0].reference").isEqualTo("first part");
        assertThat(viewer.get("/api/v1/payments?invoiceId=" + invoice))
                .bodyJson()
                .extractingPath("$.length()")
                .isEqualTo(1);

        MvcTestResult balance = viewer.get("/api/v1/members/" + member + "/balance");
        assertThat(balance).hasStatusOk();
        assertThat(balance).bodyJson().extractingPath("$[0].locationCode").isEqualTo(code);
        assertThat(text(balance, "$[0].invoiced")).isEqualTo("242.0");
        assertThat(text(balance, "$[0].paid")).isEqualTo("100.0");
        assertThat(text(balance, "$[0].balance")).isEqualTo("142.0");

        // Re-running bills nothing more; the next invoice gets the next number.
        MvcTestResult again = staff.post("/api/v1/invoice-runs", run.formatted(code, false));
        assertThat(again).hasStatus(201).bodyJson().extractingPath("$.invoices").isEqualTo(0);
        long next = issuedInvoice();
        assertThat(viewer.get("/api/v1/invoices/" + next))
                .bodyJson()
                .extractingPath("$.invoice.number")
                .isEqualTo(code + "-2027-000002");
        assertThat(viewer.get("/api/v1/invoices?status=ISSUED&locationId=" + location))
                .bodyJson()
                .extractingPath("$.items.length()")
                .isEqualTo(2);
    }

    @Test
    void aPaymentOnAVoidInvoiceIsAConflictAndRecordsNothing() {
        long draft = draft();
        assertThat(staff.post("/api/v1/invoices/" + draft + "/void", ""))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.status")
                .isEqualTo("VOID");
        long payments = count("payments");

        MvcTestResult result = staff.post("/api/v1/payments", """
                {"invoiceId": %d, "method": "CASH", "receivedOn": "2027-02-10", "amount": 10.00}""".formatted(draft));

        assertThat(result).hasStatus(409).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("VOID", "issued invoices only");
        assertThat(count("payments")).isEqualTo(payments);
    }

    @Test
    void aZeroOrNegativePaymentIsRefusedWith400AndRecordsNothing() {
        long invoice = issuedInvoice();
        long payments = count("payments");
        for (String amount : new String[] {"0", "-5.00", "0.001"}) {
            MvcTestResult result = staff.post("/api/v1/payments", """
                    {"invoiceId": %d, "method": "CARD", "receivedOn": "2027-02-10", "amount": %s}""".formatted(invoice, amount));
            assertThat(result).as(amount).hasStatus(400);
            assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("amount");
        }
        assertThat(count("payments")).isEqualTo(payments);
    }

    @Test
    void aRunOnOrBeforeTheLockDateIsAConflictNamingTheLockDate() {
        String locked = "L" + SEQUENCE.incrementAndGet();
        long lockedId = location(locked, "2027-01-31");
        long runs = count("invoice_runs");

        MvcTestResult result = staff.post("/api/v1/invoice-runs", """
                {"locationId": %d, "asOf": "2027-01-31"}""".formatted(lockedId));

        assertThat(result).hasStatus(409);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("lock date 2027-01-31");
        assertThat(count("invoice_runs")).isEqualTo(runs);
        assertThat(staff.post("/api/v1/invoice-runs", """
                        {"locationId": %d, "asOf": "2027-02-01", "dryRun": true}""".formatted(lockedId))).hasStatusOk();
    }

    @Test
    void aRunMoreThanAYearAheadIsA400AndStoresNothing() {
        long runs = count("invoice_runs");
        assertThat(staff.post("/api/v1/invoice-runs", """
                        {"location": "%s", "asOf": "9999-12-31"}""".formatted(code)))
                .hasStatus(400)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("asOf");
        assertThat(count("invoice_runs")).isEqualTo(runs);
    }

    @Test
    void anUnknownLocationIsA400NamingIt() {
        long runs = count("invoice_runs");
        assertThat(staff.post("/api/v1/invoice-runs", """
                        {"location": "NOPE9", "asOf": "2027-02-01"}"""))
                .hasStatus(400)
                .bodyJson()
                .extractingPath("$.detail")
                .asString()
                .contains("no location with code 'NOPE9'", code);
        assertThat(staff.post("/api/v1/invoice-runs", """
                        {"locationId": 987654321, "asOf": "2027-02-01"}"""))
                .hasStatus(400)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("locationId");
        assertThat(staff.post("/api/v1/invoice-runs", """
                        {"asOf": "2027-02-01"}"""))
                .hasStatus(400)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("location");
        assertThat(staff.post("/api/v1/invoices", """
                        {"memberId": %d, "locationId": 987654321}""".formatted(member))).hasStatus(400);
        assertThat(count("invoice_runs")).isEqualTo(runs);
        assertThat(viewer.get("/api/v1/invoice-runs/987654321")).hasStatus(404);
    }

    @Test
    void aRateChangeOverlappingAnotherIsAConflictAndChangesNothing() {
        long lease = lease();
        assertThat(staff.post("/api/v1/leases/" + lease + "/rates", """
                        {"from": "2027-03-01", "monthlyRate": 120.00}""")).hasStatus(201);

        MvcTestResult result = staff.post("/api/v1/leases/" + lease + "/rates", """
                {"from": "2027-02-01", "to": "2027-04-01", "monthlyRate": 90.00}""");

        assertThat(result).hasStatus(409);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("overlaps");
        assertThat(jdbc.sql("SELECT count(*) FROM lease_rates WHERE lease_id = :id")
                        .param("id", lease)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void issuingAnIssuedInvoiceAgainIsAConflictAndKeepsItsNumber() {
        long invoice = issuedInvoice();
        long series = countAt("SELECT last_value FROM invoice_number_series WHERE location_id = :l");

        MvcTestResult again = staff.post("/api/v1/invoices/" + invoice + "/issue", """
                {"issuedOn": "2027-03-01"}""");

        assertThat(again).hasStatus(409);
        assertThat(again).bodyJson().extractingPath("$.detail").asString().contains("ISSUED");
        assertThat(viewer.get("/api/v1/invoices/" + invoice))
                .bodyJson()
                .extractingPath("$.invoice.issuedOn")
                .isEqualTo("2027-02-01");
        assertThat(countAt("SELECT last_value FROM invoice_number_series WHERE location_id = :l"))
                .isEqualTo(series);
        assertThat(staff.post("/api/v1/invoices/" + invoice + "/void", "")).hasStatus(409);
    }

    @Test
    void aLineOnAnIssuedInvoiceIsAConflictAndAddsNothing() {
        long invoice = issuedInvoice();
        long lines = count("invoice_lines");

        MvcTestResult result = staff.post("/api/v1/invoices/" + invoice + "/lines", """
                {"description": "Late fee", "amount": 5.00}""");

        assertThat(result).hasStatus(409);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("credit note");
        assertThat(count("invoice_lines")).isEqualTo(lines);
    }

    @Test
    void malformedDatesAndValuesAre400sThatChangeNothing() {
        long runs = count("invoice_runs");
        assertThat(staff.post("/api/v1/invoice-runs", """
                        {"location": "%s", "asOf": "2027-02-30"}""".formatted(code)))
                .hasStatus(400)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("asOf");
        assertThat(staff.post("/api/v1/invoice-runs", """
                        {"location": "%s", "asOf": "tomorrow"}""".formatted(code))).hasStatus(400);
        assertThat(staff.post("/api/v1/invoice-runs", """
                        {"location": "%s"}""".formatted(code)))
                .hasStatus(400)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("asOf");
        assertThat(count("invoice_runs")).isEqualTo(runs);

        long draft = draft();
        assertThat(staff.post("/api/v1/invoices/" + draft + "/issue", """
                        {"issuedOn": "01/02/2027"}"""))
                .hasStatus(400)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("issuedOn");
        assertThat(viewer.get("/api/v1/invoices/" + draft))
                .bodyJson()
                .extractingPath("$.invoice.status")
                .isEqualTo("DRAFT");
        assertThat(viewer.get("/api/v1/invoices?issuedFrom=2027-13-01")).hasStatus(400);
        assertThat(viewer.get("/api/v1/invoices?status=PAID")).hasStatus(400);
        assertThat(viewer.get("/api/v1/payments?memberId=abc")).hasStatus(400);
        long payments = count("payments");
        assertThat(staff.post("/api/v1/payments", """
                        {"memberId": %d, "locationId": %d, "method": "CHEQUE", "receivedOn": "2027-02-10",
                         "amount": 10}""".formatted(member, location)))
                .hasStatus(400);
        assertThat(count("payments")).isEqualTo(payments);
    }

    @Test
    void creditNotesAreTheInvoiceListOfThatKindAndViewersCannotBill() {
        issuedInvoice();
        assertThat(viewer.get("/api/v1/credit-notes?locationId=" + location))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.items.length()")
                .isEqualTo(0);
        assertThat(viewer.get("/api/v1/invoices?kind=INVOICE&overdue=true&locationId=" + location))
                .hasStatusOk();
        assertThat(viewer.post("/api/v1/invoice-runs", """
                        {"location": "%s", "asOf": "2027-02-01"}""".formatted(code))).hasStatus(403);
        assertThat(viewer.post("/api/v1/invoices", """
                        {"memberId": %d, "locationId": %d}""".formatted(member, location)))
                .hasStatus(403);
        assertThat(viewer.get("/api/v1/members/987654321/balance")).hasStatus(404);
    }

    @Test
    void aDepositSettlementIsKeptForTheRefundAndMustNotExceedTheDeposit() {
        long lease = lease();
        jdbc.sql("UPDATE leases SET deposit = 500 WHERE id = :id")
                .param("id", lease)
                .update();
        assertThat(staff.post("/api/v1/leases/" + lease + "/deposit-settlement", """
                        {"kept": 120.00, "reason": "Broken chair"}"""))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.reason")
                .isEqualTo("Broken chair");
        assertThat(staff.post("/api/v1/leases/" + lease + "/deposit-settlement", """
                        {"kept": 600.00, "reason": "Everything"}"""))
                .hasStatus(400)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("kept");
        assertThat(staff.post("/api/v1/leases/" + lease + "/deposit-settlement", """
                        {"kept": 10.00, "reason": " "}"""))
                .hasStatus(400);
        assertThat(jdbc.sql("SELECT kept FROM deposit_settlements WHERE lease_id = :id")
                        .param("id", lease)
                        .query(java.math.BigDecimal.class)
                        .single())
                .isEqualByComparingTo("120.00");
    }

    @Test
    void theBillingEndpointsAreInTheOpenApiDocumentWithTheirSummaries() {
        MvcTestResult doc = mvc.get().uri("/v3/api-docs").exchange();
        assertThat(doc)
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.paths")
                .asMap()
                .containsKeys(
                        "/api/v1/invoice-runs",
                        "/api/v1/invoice-runs/{id}/issue",
                        "/api/v1/invoices",
                        "/api/v1/invoices/{id}/lines",
                        "/api/v1/credit-notes",
                        "/api/v1/payments",
                        "/api/v1/members/{id}/balance",
                        "/api/v1/leases/{id}/deposit-settlement",
                        "/api/v1/reports/revenue",
                        "/api/v1/reports/arrears",
                        "/api/v1/reports/churn",
                        "/api/v1/reports/mrr-check");
        assertThat(text(doc, "$.paths['/api/v1/invoice-runs'].post.summary"))
                .isEqualTo("Run billing for a location up to a day");
        assertThat(text(doc, "$.paths['/api/v1/invoice-runs'].post.description"))
                .contains("lock date");
    }
}
