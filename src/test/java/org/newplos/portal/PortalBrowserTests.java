package org.newplos.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.newplos.Chromium;
import org.newplos.Fixtures;
import org.newplos.TestDatabaseInitializer;
import org.newplos.bookings.BookingFixtures;
import org.newplos.locations.Location;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A member's visit in real Chromium (headless) against the application on a random port, real PostgreSQL and
 * a real SMTP server (GreenMail): ask for a sign-in link, read it from the email, sign in, see the home page,
 * the leases, the invoices, download an invoice's PDF (its text checked with PDFBox), book a room (a free
 * start time shown by htmx) and see it among the upcoming bookings, and the details page,
 * also on a phone-sized screen. Every portal page is checked with axe-core (WCAG 2.1 A and AA rules): no
 * serious or critical violation. Screenshots go to target/screenshots/portal-*.png, the axe findings to
 * target/axe-portal.txt. Skipped, saying why, when Chromium or its driver is not installed.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@Import({Fixtures.class, PortalFixtures.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalBrowserTests {

    static final Pattern LINK = Pattern.compile("https?://[^\\s\"<]+/portal/sign-in/[A-Za-z0-9_-]{43}");
    static GreenMail smtp;

    @LocalServerPort
    int port;

    @Autowired
    PortalFixtures fixtures;

    @Autowired
    BookingFixtures rooms;

    Chromium chromium;
    WebDriver browser;
    WebDriverWait wait;
    PortalFixtures.Setup member;
    final Map<String, List<String>> axeFindings = new LinkedHashMap<>();

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        if (smtp == null) {
            smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
            smtp.start();
        }
        registry.add(
                "newplos.mail.smtp-url",
                () -> "smtp://127.0.0.1:" + smtp.getSmtp().getPort());
        registry.add("newplos.mail.from", () -> "desk@newplos.test");
    }

    @BeforeAll
    void startBrowser() throws IOException {
        chromium = Chromium.start();
        member = fixtures.setup("Bea Browser");
        browser = chromium.driver();
        wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    @AfterAll
    void stopBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
        if (smtp != null) {
            smtp.stop();
            smtp = null;
        }
        if (!axeFindings.isEmpty()) {
            StringBuilder report = new StringBuilder("axe-core findings on the member portal (impact rule: nodes)\n");
            axeFindings.forEach((page, findings) -> {
                report.append("\n").append(page).append('\n');
                findings.forEach(f -> report.append("  ").append(f).append('\n'));
            });
            Files.writeString(Path.of("target/axe-portal.txt"), report);
        }
    }

    @Test
    @Order(1)
    void aMemberSignsInWithTheLinkFromTheirEmail() throws Exception {
        open("/portal/sign-in");
        accessible("sign-in");
        screenshot("portal-01-sign-in");
        browser.findElement(By.id("email")).sendKeys(member.member().email());
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        waitForText("a sign-in link is on its way");
        accessible("sign-in-sent");

        String link = linkFromEmail(member.member().email());
        browser.get(link);
        waitForText("Continue to the member portal");
        accessible("use-link");
        screenshot("portal-02-use-link");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        waitForText("Welcome");
        assertThat(browser.getCurrentUrl()).endsWith("/portal");
        assertThat(text()).contains("EUR 42.00");
        accessible("home");
        screenshot("portal-03-home");
    }

    @Test
    @Order(2)
    void theMemberSeesTheirLeases() throws Exception {
        open("/portal/leases");
        waitForText("Your leases");
        assertThat(text()).contains(member.lease().spaceCode());
        accessible("leases");
        screenshot("portal-04-leases");
        browser.findElement(By.partialLinkText(member.lease().spaceCode())).click();
        waitForText("Lease of " + member.lease().spaceCode());
        accessible("lease");
    }

    @Test
    @Order(3)
    void theMemberOpensTheirInvoicesAndDownloadsThePdf() throws Exception {
        open("/portal/invoices");
        waitForText("Your invoices");
        assertThat(text()).contains(member.invoice().number(), "Total due");
        accessible("invoices");
        screenshot("portal-05-invoices");
        browser.findElement(By.linkText(member.invoice().number())).click();
        waitForText("Printing for Bea Browser");
        accessible("invoice");
        screenshot("portal-06-invoice");

        String pdfUrl = browser.findElement(By.linkText("Download PDF")).getAttribute("href");
        Cookie session = browser.manage().getCookieNamed("SESSION");
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(pdfUrl))
                                .header("Cookie", "SESSION=" + session.getValue())
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        Files.write(Chromium.SCREENSHOTS.resolve("portal-invoice.pdf"), pdf.body());
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            assertThat(new PDFTextStripper().getText(document))
                    .contains(member.invoice().number(), "Bea Browser", "1015 CJ Amsterdam");
        }
    }

    @Test
    @Order(4)
    void theMemberBooksARoomAndSeesItAmongTheirUpcomingBookings() throws Exception {
        Location location = rooms.location("Europe/Amsterdam");
        long room = rooms.room(location, "25.00");
        java.time.LocalDate day = java.time.LocalDate.now().plusDays(2);

        open("/portal");
        waitForText("Welcome");
        browser.findElement(By.linkText("Bookings")).click();
        waitForText("My bookings");
        assertThat(text()).contains("Nothing booked.");
        accessible("bookings");
        browser.findElement(By.linkText("Book a room")).click();
        waitForText("Show free times");
        accessible("bookings-new");

        // The day first (a date field types differently per locale), then the room: its change asks htmx for
        // the free times of that room on that day.
        ((JavascriptExecutor) browser)
                .executeScript("document.getElementById('date').value = arguments[0];", day.toString());
        // (no change event: the room's change below sends both)
        new Select(browser.findElement(By.id("space"))).selectByValue(Long.toString(room));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("start")));
        assertThat(text()).contains("on " + day, "Open 08:00–20:00", "08:00–20:00");
        new Select(browser.findElement(By.id("start"))).selectByVisibleText("10:00");
        setValue("end", "11:00");
        accessible("bookings-new-slots");
        screenshot("portal-07-book-a-room");
        browser.findElement(By.cssSelector("#slots button[type=submit]")).click();
        waitForText("Booked. A confirmation is on its way by email.");
        assertThat(browser.getCurrentUrl()).matches(".*/portal/bookings/\\d+\\?booked");
        assertThat(browser.findElement(By.id("when")).getText()).contains("10:00–11:00 (Europe/Amsterdam)");
        assertThat(text()).contains("60 min at EUR 25.00 per hour: EUR 25.00");
        accessible("booking");
        screenshot("portal-08-booking");

        browser.findElement(By.linkText("All my bookings")).click();
        waitForText("My bookings");
        assertThat(browser.findElement(By.id("upcoming")).getText()).contains(day + " 10:00–11:00");
        assertThat(text()).doesNotContain("Nothing booked.");
        accessible("bookings-upcoming");
        screenshot("portal-09-bookings");

        open("/portal");
        waitForText("Rooms booked");
        assertThat(browser.findElement(By.id("next-booking")).getText()).endsWith(day + " 10:00–11:00");
    }

    @Test
    @Order(5)
    void theMemberKeepsTheirDetailsAlsoOnAPhone() throws Exception {
        open("/portal/details");
        waitForText("My details");
        accessible("details");
        screenshot("portal-10-details");
        browser.manage().window().setSize(new Dimension(390, 844));
        open("/portal");
        waitForText("Welcome");
        accessible("home-phone");
        screenshot("portal-11-home-phone");
        open("/portal/invoices");
        waitForText("Your invoices");
        screenshot("portal-12-invoices-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));
        browser.findElement(By.cssSelector("form.signout button")).click();
        waitForText("You are signed out");
        open("/portal/invoices");
        waitForText("Sign in to the member portal");
    }

    // ---- helpers ----

    /** Sets a field's value as a person would leave it (date and time fields type differently per locale). */
    private void setValue(String id, String value) {
        ((JavascriptExecutor) browser)
                .executeScript(
                        "const e = document.getElementById(arguments[0]); e.value = arguments[1];"
                                + " e.dispatchEvent(new Event('input', {bubbles: true}));"
                                + " e.dispatchEvent(new Event('change', {bubbles: true}));",
                        id,
                        value);
    }

    /** axe-core on the current page (WCAG 2.1 A/AA rules): every finding recorded, none serious or critical. */
    private void accessible(String page) {
        Results results = new AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"))
                .analyze(browser);
        List<String> findings = new ArrayList<>();
        List<String> blocking = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            String line = rule.getImpact() + " " + rule.getId() + ": "
                    + rule.getNodes().size() + " (" + rule.getHelp() + ")";
            findings.add(line);
            if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
                blocking.add(line + " "
                        + rule.getNodes().stream()
                                .map(n -> String.valueOf(n.getTarget()))
                                .toList());
            }
        }
        axeFindings.put(page + " (" + browser.getCurrentUrl() + ")", findings.isEmpty() ? List.of("none") : findings);
        assertThat(results.isErrored()).as("axe ran on " + page).isFalse();
        assertThat(blocking)
                .as("serious or critical accessibility violations on " + page)
                .isEmpty();
    }

    private String linkFromEmail(String to) throws Exception {
        smtp.waitForIncomingEmail(10_000, 1);
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (MemberSignInTests.recipient(message).equalsIgnoreCase(to)) {
                Matcher m = LINK.matcher(MemberSignInTests.text(message));
                if (m.find()) {
                    return m.group();
                }
            }
        }
        throw new AssertionError("no sign-in link emailed to " + to);
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private void waitForText(String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), text));
    }

    private String text() {
        return browser.findElement(By.tagName("body")).getText();
    }

    private void screenshot(String name) {
        chromium.screenshot(name);
    }
}
