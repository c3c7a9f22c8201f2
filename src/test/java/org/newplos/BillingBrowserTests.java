package org.newplos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.newplos.leases.LeaseRequest;
import org.newplos.leases.Leasing;
import org.newplos.members.Member;
import org.newplos.members.MemberRequest;
import org.newplos.members.Members;
import org.newplos.spaces.Space;
import org.newplos.spaces.SpaceRequest;
import org.newplos.spaces.SpaceType;
import org.newplos.spaces.Spaces;
import org.newplos.users.Role;
import org.newplos.users.Users;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * Billing in real Chromium (headless), against the application on a random port and a real PostgreSQL: add
 * a location, preview a run, create its drafts, issue them, open the invoice and its PDF, record a partial
 * payment and see what is still owed on the invoice and on the member's page. Screenshots go to
 * target/screenshots/ (20-…). Skipped, saying why, when Chromium or its driver is not installed. Same context
 * as {@link AdminUiBrowserTests}, so the two share one application and database.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BillingBrowserTests {

    static final long RUN = System.nanoTime() % 100_000;
    static final String EMAIL = "billing-browser" + RUN + "@example.com";
    static final String PASSWORD = "billing browser password";
    static final String CODE = "BR" + RUN;

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Members members;

    @Autowired
    Spaces spaces;

    @Autowired
    Leasing leasing;

    @Autowired
    JdbcClient jdbc;

    Chromium chromium;
    WebDriver browser;
    WebDriverWait wait;
    long locationId;
    Member member;
    long invoiceId;
    String number;

    @BeforeAll
    void startBrowser() throws IOException {
        chromium = Chromium.start();
        users.create(EMAIL, "Billing Admin", Role.ADMIN, PASSWORD);
        browser = chromium.driver();
        wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    @AfterAll
    void stopBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    @Order(1)
    void signInAndAddALocation() {
        open("/login");
        browser.findElement(By.id("username")).sendKeys(EMAIL);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Dashboard"));

        browser.findElement(By.linkText("Locations")).click();
        waitForText("New location");
        browser.findElement(By.linkText("New location")).click();
        type("code", CODE);
        type("name", "Utrecht Centraal " + RUN);
        type("invoicePrefix", CODE);
        type("legalLines", "Newplos Utrecht B.V.\nCatharijnesingel 1, Utrecht\nVAT NL000000000B01");
        setDate("billingStartsOn", LocalDate.of(2026, 1, 1));
        screenshot("20-location-form");
        submit();
        waitForText("Location added");
        locationId = idInUrl();
        assertThat(text()).contains("Europe/Amsterdam", "21.00 %", "14 days", "Newplos Utrecht B.V.");

        // A member renting a desk there from 1 January 2026 (set up directly: the lease pages have their own test).
        Space space = spaces.create(new SpaceRequest(
                "U-" + RUN, "Canal desk", SpaceType.DESK, 1, new BigDecimal("1000.00"), "", true, null, null));
        jdbc.sql("UPDATE spaces SET location_id = :l WHERE id = :s")
                .param("l", locationId)
                .param("s", space.id())
                .update();
        member = members.create(
                new MemberRequest("Hedy Lamarr", "hedy" + RUN + "@example.com", null, null, null, null, null, null));
        leasing.book(new LeaseRequest(
                member.id(), space.id(), LocalDate.of(2026, 1, 1), null, new BigDecimal("1000.00"), null, null));
    }

    @Test
    @Order(2)
    void previewARunThenCreateItsDrafts() {
        open("/invoices");
        browser.findElement(By.linkText("New billing run")).click();
        wait.until(ExpectedConditions.urlContains("/invoice-runs/new"));
        new Select(browser.findElement(By.id("locationId"))).selectByValue(String.valueOf(locationId));
        setDate("asOf", LocalDate.of(2026, 1, 31));
        browser.findElement(By.id("preview")).click();
        WebElement preview = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("run-preview")));
        wait.until(d -> !htmxBusy());
        assertThat(preview.getText()).contains("nothing kept", "Hedy Lamarr", "1,210.00 EUR");
        assertThat(browser.getCurrentUrl()).contains("/invoice-runs/new");
        screenshot("21-run-preview");

        browser.findElement(By.id("create-drafts")).click();
        waitForText("Drafts created");
        assertThat(text()).contains("Billing run #", "Hedy Lamarr", "1,210.00 EUR", "Issue all");
        screenshot("22-run-drafts");
    }

    @Test
    @Order(3)
    void issueTheRunAndOpenTheInvoiceAndItsPdf() throws Exception {
        setDate("on", LocalDate.of(2026, 2, 1));
        browser.findElement(By.cssSelector("#issue-run button[type=submit]")).click();
        waitForText("1 document issued.");
        assertThat(browser.getCurrentUrl()).contains("/invoices?runId=");
        screenshot("23-issued-invoices");
        WebElement link = browser.findElement(By.partialLinkText(CODE + "-2026-"));
        number = link.getText();
        link.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), number));
        invoiceId = idInUrl();
        assertThat(text()).contains("Hedy Lamarr", "1,000.00 EUR", "210.00 EUR", "1,210.00 EUR", "Overdue");
        screenshot("24-invoice");

        String href = browser.findElement(By.id("pdf")).getAttribute("href");
        String session = browser.manage().getCookieNamed("SESSION").getValue();
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(href))
                                .header("Cookie", "SESSION=" + session)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            assertThat(new PDFTextStripper().getText(document))
                    .contains(number, "Hedy Lamarr", "Newplos Utrecht B.V.", "Rent U-" + RUN, "1,210.00 EUR");
        }
        Files.write(Chromium.SCREENSHOTS.resolve("25-invoice.pdf"), pdf.body());
    }

    @Test
    @Order(4)
    void recordAPartialPaymentAndSeeWhatIsStillOwed() {
        new Select(browser.findElement(By.id("method"))).selectByValue("BANK_TRANSFER");
        type("amount", "-5");
        submit();
        waitForText("Amount must be at least 0.01");
        screenshot("26-payment-error");

        type("amount", "500.00");
        type("reference", number);
        submit();
        waitForText("Payment recorded");
        assertThat(browser.findElement(By.id("outstanding")).getText()).isEqualTo("710.00 EUR");
        assertThat(browser.findElement(By.id("payments")).getText()).contains("500.00 EUR", "Bank transfer");
        screenshot("27-invoice-paid-in-part");

        browser.findElement(By.linkText("Hedy Lamarr")).click();
        WebElement balance = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("member-balance")));
        assertThat(balance.getText()).contains(CODE, "1,210.00 EUR", "500.00 EUR", "710.00 EUR");
        screenshot("28-member-balance");

        open("/");
        WebElement figures = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("billing-figures")));
        assertThat(figures.getText()).contains("Overdue · " + CODE, "710.00 EUR");
        screenshot("29-dashboard-billing");
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private void type(String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    /** Sets a date input the way a date picker does (typing into date inputs depends on the locale). */
    private void setDate(String id, LocalDate day) {
        wait.until(d -> !htmxBusy());
        ((JavascriptExecutor) browser)
                .executeScript(
                        "var input = document.getElementById(arguments[0]); input.value = arguments[1];"
                                + " input.dispatchEvent(new Event('change', {bubbles: true}));",
                        id,
                        day.toString());
    }

    private void submit() {
        browser.findElement(By.cssSelector("main form button[type=submit].primary"))
                .click();
    }

    private boolean htmxBusy() {
        return Boolean.TRUE.equals(((JavascriptExecutor) browser)
                .executeScript("return !window.htmx || document.querySelector('.htmx-request') !== null;"));
    }

    private void waitForText(String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), text));
    }

    private String text() {
        return browser.findElement(By.tagName("body")).getText();
    }

    private long idInUrl() {
        String path = URI.create(browser.getCurrentUrl()).getPath();
        return Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
    }

    private void screenshot(String name) {
        chromium.screenshot(name);
    }
}
