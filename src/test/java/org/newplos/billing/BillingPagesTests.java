package org.newplos.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.newplos.ApiClient;
import org.newplos.Fixtures;
import org.newplos.IntegrationTest;
import org.newplos.Pages;
import org.newplos.common.PageRequest;
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
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** The billing pages as staff use them: every page as full page and htmx partial, per role, and bad input. */
@IntegrationTest
@Import(BillingFixtures.class)
class BillingPagesTests {

    static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);

    @Autowired
    MockMvcTester mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    BillingFixtures billingFixtures;

    @Autowired
    Leasing leasing;

    @Autowired
    Billing billing;

    @Autowired
    Invoices invoices;

    @Autowired
    InvoiceRuns runs;

    @Autowired
    Locations locations;

    record Setup(Location location, Member member, Space space, Lease lease) {}

    /** A member renting a 1,000.00 desk at 21% VAT from 1 January 2026 in a location of their own. */
    Setup setup(String name) {
        Location location = billingFixtures.location("21.00", LocalDate.of(2020, 1, 1));
        Space space = fixtures.space(SpaceType.DESK, "1000.00");
        billingFixtures.place(space.id(), location);
        Member member = fixtures.member(name);
        Lease lease = leasing.book(
                new LeaseRequest(member.id(), space.id(), JAN_1, null, new BigDecimal("1000.00"), null, null));
        return new Setup(location, member, space, lease);
    }

    /** January billed and issued on 1 January 2026 (due 15 January: overdue by now). */
    Invoice issuedJanuary(Setup s) {
        RunPreview run = runs.run(s.location().id(), JAN_1, "test", false);
        billing.issueRun(run.runId(), JAN_1);
        return invoices.list(InvoiceFilter.ofRun(run.runId()), PageRequest.of(null, 10))
                .items()
                .get(0);
    }

    MvcTestResult htmxPost(String uri, String role, Map<String, String> form) {
        var request = mvc.post()
                .uri(uri)
                .header("HX-Request", "true")
                .with(user(role.toLowerCase() + "@example.com").roles(role))
                .with(csrf());
        for (var field : form.entrySet()) {
            request = request.param(field.getKey(), field.getValue());
        }
        return request.exchange();
    }

    @Test
    void previewCreateDraftsAndIssueARunThenFindItsInvoices() {
        Setup s = setup("Ada Runner");
        Pages staff = Pages.as(mvc, "STAFF");
        String location = String.valueOf(s.location().id());

        assertThat(staff.page("/invoice-runs/new?locationId=" + location))
                .hasStatusOk()
                .bodyText()
                .contains(Pages.LAYOUT_MARK, s.location().code(), "Preview", "Create drafts");
        var form = Map.of("locationId", location, "asOf", "2026-01-31");
        assertThat(staff.post("/invoice-runs/preview", form))
                .hasStatusOk()
                .bodyText()
                .contains(Pages.LAYOUT_MARK, "nothing kept", "Ada Runner", "1,210.00 EUR", "21.00 %");
        assertThat(htmxPost("/invoice-runs/preview", "STAFF", form))
                .hasStatusOk()
                .bodyText()
                .contains("1,210.00 EUR")
                .doesNotContain(Pages.LAYOUT_MARK);
        InvoiceFilter ofLocation = new InvoiceFilter(s.location().id(), null, null, null, null, null, null, null);
        assertThat(invoices.list(ofLocation, PageRequest.of(null, 10)).items())
                .as("a preview keeps nothing")
                .isEmpty();

        MvcTestResult created = staff.post("/invoice-runs", form);
        assertThat(created).hasStatus3xxRedirection();
        long runId = Pages.redirectedId(created);
        assertThat(staff.page("/invoice-runs/" + runId + "?created"))
                .hasStatusOk()
                .bodyText()
                .contains(Pages.LAYOUT_MARK, "Drafts created", "Issue all", "Ada Runner", "1,210.00 EUR");
        assertThat(staff.partial("/invoice-runs/" + runId))
                .hasStatusOk()
                .bodyText()
                .contains("Issue all")
                .doesNotContain(Pages.LAYOUT_MARK);
        assertThat(Pages.as(mvc, "VIEWER").page("/invoice-runs/" + runId))
                .hasStatusOk()
                .bodyText()
                .doesNotContain("Issue all");
        assertThat(staff.page("/invoice-runs")).hasStatusOk().bodyText().contains(Pages.LAYOUT_MARK, "#" + runId);
        assertThat(staff.partial("/invoice-runs")).hasStatusOk().bodyText().doesNotContain(Pages.LAYOUT_MARK);

        MvcTestResult issued = staff.post("/invoice-runs/" + runId + "/issue", Map.of("on", "2026-02-01"));
        assertThat(issued)
                .hasStatus3xxRedirection()
                .redirectedUrl()
                .isEqualTo("/invoices?runId=" + runId + "&issued=1");
        Invoice invoice = invoices.list(InvoiceFilter.ofRun(runId), PageRequest.of(null, 10))
                .items()
                .get(0);
        assertThat(invoice.number()).startsWith(s.location().invoicePrefix() + "-2026-");
        assertThat(staff.page("/invoices?runId=" + runId + "&issued=1"))
                .hasStatusOk()
                .bodyText()
                .contains(Pages.LAYOUT_MARK, "1 document issued.", invoice.number(), "1,210.00 EUR");
        assertThat(staff.partial("/invoices?runId=" + runId))
                .hasStatusOk()
                .bodyText()
                .contains(invoice.number())
                .doesNotContain(Pages.LAYOUT_MARK);
        assertThat(staff.page("/invoices/" + invoice.id()))
                .hasStatusOk()
                .bodyText()
                .contains(Pages.LAYOUT_MARK, invoice.number(), "Record a payment", "Download PDF", "History");
        assertThat(staff.page("/invoice-runs/" + runId))
                .bodyText()
                .contains("No drafts left", "History", "created", "issued")
                .doesNotContain("Issue all");
        assertThat(staff.partial("/invoices/" + invoice.id()))
                .hasStatusOk()
                .bodyText()
                .contains(invoice.number())
                .doesNotContain(Pages.LAYOUT_MARK);
    }

    @Test
    void viewersReadButNeitherRunNorIssueNorRecordPayments() {
        Setup s = setup("Vera Viewer");
        Invoice invoice = issuedJanuary(s);
        Pages viewer = Pages.as(mvc, "VIEWER");
        assertThat(viewer.page("/invoices")).hasStatusOk().bodyText().doesNotContain("New billing run");
        assertThat(viewer.page("/invoices/" + invoice.id()))
                .hasStatusOk()
                .bodyText()
                .contains(invoice.number())
                .doesNotContain("Record a payment");
        assertThat(viewer.page("/invoice-runs/new")).hasStatus(403);
        assertThat(viewer.post(
                        "/invoice-runs",
                        Map.of("locationId", String.valueOf(s.location().id()), "asOf", "2026-02-01")))
                .hasStatus(403);
        assertThat(viewer.post(
                        "/invoices/" + invoice.id() + "/payments",
                        Map.of("method", "CASH", "receivedOn", "2026-02-01", "amount", "1.00")))
                .hasStatus(403);
        assertThat(billing.payments(null, invoice.id())).isEmpty();
    }

    @Test
    void aPartialPaymentLeavesTheRestOutstandingOnTheInvoiceAndTheMemberPage() {
        Setup s = setup("Pat Payer");
        Invoice invoice = issuedJanuary(s);
        Pages staff = Pages.as(mvc, "STAFF");

        MvcTestResult paid = staff.post(
                "/invoices/" + invoice.id() + "/payments",
                Map.of("method", "BANK_TRANSFER", "receivedOn", "2026-01-20", "amount", "500.00", "reference", "X1"));
        assertThat(paid).hasStatus3xxRedirection().redirectedUrl().isEqualTo("/invoices/" + invoice.id() + "?paid");
        assertThat(staff.page("/invoices/" + invoice.id() + "?paid"))
                .bodyText()
                .contains("Payment recorded", "500.00 EUR", "X1", "710.00 EUR", "Overdue");
        assertThat(staff.partial("/members/" + s.member().id() + "/balance"))
                .hasStatusOk()
                .bodyText()
                .contains(s.location().code(), "1,210.00 EUR", "500.00 EUR", "710.00 EUR", "/invoices?memberId=")
                .doesNotContain(Pages.LAYOUT_MARK);
        assertThat(staff.page("/members/" + s.member().id()))
                .bodyText()
                .contains("hx-get=\"/members/" + s.member().id() + "/balance\"");
        assertThat(staff.page("/invoices?overdue=true&memberId=" + s.member().id()))
                .bodyText()
                .contains(invoice.number());
    }

    @Test
    void badPaymentsComeBackOnTheFormAndChangeNothing() {
        Setup s = setup("Bad Payer");
        Invoice invoice = issuedJanuary(s);
        Pages staff = Pages.as(mvc, "STAFF");
        String payments = "/invoices/" + invoice.id() + "/payments";

        assertThat(staff.post(payments, Map.of("method", "CARD", "receivedOn", "2026-01-20", "amount", "-5.00")))
                .hasStatus(422)
                .bodyText()
                .contains("Please correct the fields marked below", "Amount must be at least 0.01", "-5.00");
        assertThat(staff.post(payments, Map.of("method", "CARD", "receivedOn", "yesterday", "amount", "")))
                .hasStatus(422)
                .bodyText()
                .contains("Received on is not a valid value", "Amount is required");
        assertThat(staff.post(payments, Map.of("method", "CARD", "receivedOn", "2026-01-20", "amount", "1.234")))
                .hasStatus(422)
                .bodyText()
                .contains("at most 2 decimals");
        assertThat(billing.payments(null, invoice.id())).isEmpty();

        Invoice draft = billing.createDraft(s.member().id(), s.location().id());
        billing.voidDraft(draft.id());
        assertThat(staff.post(
                        "/invoices/" + draft.id() + "/payments",
                        Map.of("method", "CASH", "receivedOn", "2026-01-20", "amount", "10.00")))
                .hasStatus(409)
                .bodyText()
                .contains("is VOID; payments are recorded against issued invoices only");
        assertThat(billing.payments(null, draft.id())).isEmpty();
    }

    @Test
    void aRunBeforeTheLockDateOrForAnUnknownLocationIsRefusedOnTheForm() {
        Setup s = setup("Lou Locked");
        Location l = s.location();
        locations.update(l.id(), LocationRequest.of(l).withLockDate(LocalDate.of(2026, 3, 31)));
        Pages staff = Pages.as(mvc, "STAFF");
        assertThat(staff.post("/invoice-runs", Map.of("locationId", String.valueOf(l.id()), "asOf", "2026-03-01")))
                .hasStatus(409)
                .bodyText()
                .contains("lock date", "Create drafts");
        assertThat(staff.post(
                        "/invoice-runs/preview", Map.of("locationId", String.valueOf(l.id()), "asOf", "2026-03-31")))
                .hasStatus(409)
                .bodyText()
                .contains("lock date");
        assertThat(staff.post("/invoice-runs", Map.of("locationId", "999999999", "asOf", "2026-04-01")))
                .hasStatus(422)
                .bodyText()
                .contains("A location with id 999999999 does not exist");
        assertThat(staff.post("/invoice-runs", Map.of("locationId", String.valueOf(l.id()), "asOf", "")))
                .hasStatus(422)
                .bodyText()
                .contains("Bill up to and including is required");
        InvoiceFilter ofLocation = new InvoiceFilter(l.id(), null, null, null, null, null, null, null);
        assertThat(invoices.list(ofLocation, PageRequest.of(null, 10)).items()).isEmpty();
    }

    @Test
    void aRunMoreThanAYearAheadIsRefusedOnTheForm() {
        Setup s = setup("Fay Faraway");
        Pages staff = Pages.as(mvc, "STAFF");
        for (String path : java.util.List.of("/invoice-runs", "/invoice-runs/preview")) {
            assertThat(staff.post(
                            path,
                            Map.of("locationId", String.valueOf(s.location().id()), "asOf", "9999-12-31")))
                    .hasStatus(422)
                    .bodyText()
                    .contains("must be at most a year from today");
        }
        InvoiceFilter ofLocation = new InvoiceFilter(s.location().id(), null, null, null, null, null, null, null);
        assertThat(invoices.list(ofLocation, PageRequest.of(null, 10)).items()).isEmpty();
    }

    @Test
    void draftsTakeChargesAndDiscountsAndAreIssuedOrVoided() {
        Setup s = setup("Dora Draft");
        Pages staff = Pages.as(mvc, "STAFF");
        Invoice draft = billing.createDraft(s.member().id(), s.location().id());
        String lines = "/invoices/" + draft.id() + "/lines";

        assertThat(staff.post(lines, Map.of("description", "Printing", "amount", "12.50", "vatRate", "")))
                .hasStatus3xxRedirection();
        assertThat(staff.post(lines, Map.of("description", "Loyalty", "amount", "-2.50", "vatRate", "21")))
                .hasStatus3xxRedirection();
        assertThat(staff.post(lines, Map.of("description", "Nothing", "amount", "0", "vatRate", "")))
                .hasStatus(422)
                .bodyText()
                .contains("must not be zero");
        assertThat(staff.post(lines, Map.of("description", "", "amount", "ten", "vatRate", "")))
                .hasStatus(422)
                .bodyText()
                .contains("Amount is not a valid value", "Description must not be blank");
        assertThat(staff.page("/invoices/" + draft.id()))
                .bodyText()
                .contains("Draft invoice", "Printing", "Loyalty", "12.10 EUR", "Issue", "Void draft");

        assertThat(staff.post("/invoices/" + draft.id() + "/issue", Map.of("on", "")))
                .hasStatus(422)
                .bodyText()
                .contains("Choose the day the invoice is issued on");
        assertThat(staff.post("/invoices/" + draft.id() + "/issue", Map.of("on", "2026-02-03")))
                .hasStatus3xxRedirection();
        Invoice issued = invoices.get(draft.id());
        assertThat(issued.status()).isEqualTo(InvoiceStatus.ISSUED);
        assertThat(staff.post("/invoices/" + draft.id() + "/void", Map.of()))
                .hasStatus(409)
                .bodyText()
                .contains("only drafts can change");

        Invoice other = billing.createDraft(s.member().id(), s.location().id());
        assertThat(staff.post("/invoices/" + other.id() + "/void", Map.of())).hasStatus3xxRedirection();
        assertThat(invoices.get(other.id()).status()).isEqualTo(InvoiceStatus.VOID);
    }

    @Test
    void theListFiltersPagesByKeyAndExportsWhatItShows() {
        Setup s = setup("=HYPERLINK(\"x\")");
        Invoice first = billing.createDraft(s.member().id(), s.location().id());
        Invoice second = billing.createDraft(s.member().id(), s.location().id());
        Pages viewer = Pages.as(mvc, "VIEWER");
        String mine = "/invoices?memberId=" + s.member().id();

        assertThat(viewer.page(mine + "&status=DRAFT&kind=INVOICE&locationId="
                        + s.location().id()))
                .hasStatusOk()
                .bodyText()
                .contains("Draft #" + first.id(), "Draft #" + second.id());
        assertThat(viewer.partial(mine + "&after=" + second.id()))
                .bodyText()
                .contains("Draft #" + first.id())
                .doesNotContain("Draft #" + second.id());
        assertThat(viewer.partial(mine + "&status=ISSUED")).bodyText().contains("No invoices match");
        assertThat(viewer.partial(mine + "&issuedFrom=2026-01-01&issuedTo=2026-12-31"))
                .bodyText()
                .contains("No invoices match");

        String csv = ApiClient.body(
                viewer.page("/invoices/export.csv?memberId=" + s.member().id()));
        assertThat(csv)
                .startsWith("id,number,kind,status,location,member_id,billed_to")
                .contains(first.id() + ",,INVOICE,DRAFT," + s.location().code())
                .contains("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(csv.lines()).hasSize(3);
    }

    @Test
    void theInvoicePdfShowsNumberLinesVatAndTotals() throws IOException {
        Setup s = setup("Petra Pdf");
        Invoice invoice = issuedJanuary(s);
        MvcTestResult result = Pages.as(mvc, "VIEWER").page("/invoices/" + invoice.id() + "/pdf");
        assertThat(result).hasStatusOk().hasContentType("application/pdf");
        assertThat(result.getResponse().getHeader("Content-Disposition")).contains(invoice.number() + ".pdf");
        String text = pdfText(result);
        assertThat(text)
                .contains("Invoice", invoice.number(), "Petra Pdf", s.location().name(), "Newplos Test B.V.")
                .contains("Rent " + s.space().code(), "2026-01-01 to 2026-01-31", "31", "21.00%")
                .contains("1,000.00", "210.00", "1,210.00 EUR", "Payment terms: 14 days", "2026-01-15")
                .doesNotContain("DRAFT");

        Invoice draft = billing.createDraft(s.member().id(), s.location().id());
        billing.addLine(draft.id(), new LineRequest("Locker key", new BigDecimal("15.00"), null));
        assertThat(pdfText(Pages.as(mvc, "VIEWER").page("/invoices/" + draft.id() + "/pdf")))
                .contains("DRAFT", "Locker key", "18.15 EUR");

        leasing.end(s.lease().id(), LocalDate.of(2026, 1, 21));
        Invoice credit = invoices.creditNotesFor(invoice.id()).get(0);
        assertThat(pdfText(Pages.as(mvc, "VIEWER").page("/invoices/" + credit.id() + "/pdf")))
                .contains("Credit note", credit.number(), "Credits invoice " + invoice.number())
                .contains("days 2026-01-21 to 2026-01-31", "-354.84", "-429.36 EUR");
        assertThat(Pages.as(mvc, "VIEWER").page("/invoices/" + invoice.id()))
                .bodyText()
                .contains(credit.number());
    }

    @Test
    void dashboardShowsInvoicedThisMonthAndOverduePerLocation() {
        Setup s = setup("Dash Board");
        issuedJanuary(s);
        LocalDate today = s.location().today(Instant.now());
        Invoice charge = billing.createDraft(s.member().id(), s.location().id());
        billing.addLine(charge.id(), new LineRequest("Meeting room", new BigDecimal("100.00"), null));
        billing.issue(charge.id(), today);

        assertThat(Pages.as(mvc, "VIEWER").partial("/invoices/summary"))
                .hasStatusOk()
                .bodyText()
                .contains("Invoiced in", s.location().code(), "121.00 EUR", "100.00 excl. VAT", "1,210.00 EUR")
                .doesNotContain(Pages.LAYOUT_MARK);
        assertThat(Pages.as(mvc, "VIEWER").page("/")).bodyText().contains("hx-get=\"/invoices/summary\"");
    }

    static String pdfText(MvcTestResult result) throws IOException {
        byte[] bytes = result.getResponse().getContentAsByteArray();
        assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo("%PDF-");
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            return new PDFTextStripper().getText(pdf);
        }
    }
}
