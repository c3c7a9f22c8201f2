package org.newplos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.newplos.members.Member;
import org.newplos.members.MemberRequest;
import org.newplos.members.Members;
import org.newplos.users.Role;
import org.newplos.users.Users;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * A member of staff's day in real Chromium (headless), against the application on a random port and a
 * real PostgreSQL: sign in, create a plan, a space, a member and a lease, run into an overlap, find a
 * member despite a typo, import a CSV with a bad row, export a list, sign out. Screenshots of each main
 * page go to target/screenshots/. Skipped, saying why, when Chromium or its driver is not installed.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminUiBrowserTests {

    static final String EMAIL = "browser-admin@example.com";
    static final String PASSWORD = "browser test password";
    static final long RUN = System.nanoTime() % 100_000;

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Members members;

    Chromium chromium;
    WebDriver browser;
    WebDriverWait wait;
    long memberId;
    long spaceId;
    long leaseId;

    @BeforeAll
    void startBrowser() throws IOException {
        chromium = Chromium.start();
        users.create(EMAIL, "Browser Admin", Role.ADMIN, PASSWORD);
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
    void signIn() {
        open("/");
        wait.until(ExpectedConditions.urlContains("/login"));
        screenshot("01-login");
        browser.findElement(By.id("username")).sendKeys(EMAIL);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Dashboard"));
        assertThat(text()).contains("Occupancy today", "Monthly recurring revenue", "Occupancy, last 12 months");
        screenshot("02-dashboard");
    }

    @Test
    @Order(2)
    void createAPlanASpaceAndAMember() {
        open("/plans/new");
        type("name", "Fixed desk " + RUN);
        type("price", "180.00");
        new Select(browser.findElement(By.id("spaceType"))).selectByValue("DESK");
        submit();
        waitForText("Plan added");

        open("/spaces/new");
        type("code", "B-" + RUN);
        type("name", "Window desk");
        new Select(browser.findElement(By.id("type"))).selectByValue("DESK");
        type("monthlyRate", "150.00");
        type("location", "1st floor");
        submit();
        waitForText("Space added");
        spaceId = idInUrl();

        open("/members/new");
        type("fullName", "Grace Hopper");
        type("email", "grace" + RUN + "@example.com");
        type("company", "Navy");
        new Select(browser.findElement(By.id("planId"))).selectByVisibleText("Fixed desk " + RUN);
        submit();
        waitForText("Member added");
        memberId = idInUrl();
        assertThat(text()).contains("Grace Hopper", "Fixed desk " + RUN, "History", "created");
    }

    @Test
    @Order(3)
    void bookALeaseFromTheSpacesFreeForThePeriod() {
        open("/members/" + memberId);
        browser.findElement(By.linkText("New lease")).click();
        wait.until(ExpectedConditions.urlContains("/leases/new"));
        setPeriod(LocalDate.now(), LocalDate.now().plusMonths(6));
        chooseSpace(spaceId);
        type("deposit", "300");
        screenshot("07-lease-form");
        submit();
        waitForText("Lease booked");
        leaseId = idInUrl();
        assertThat(text()).contains("Grace Hopper", "B-" + RUN);
        screenshot("08-lease");
        open("/members/" + memberId);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("member-leases")));
        assertThat(text()).contains("B-" + RUN);
        screenshot("04-member");
    }

    @Test
    @Order(4)
    void anOverlappingLeaseIsRefusedNamingTheOtherLease() {
        Member other = members.create(
                new MemberRequest("Alan Turing", "alan" + RUN + "@example.com", null, null, null, null, null, null));
        open("/leases/new?memberId=" + other.id());
        setPeriod(LocalDate.now().plusMonths(2), LocalDate.now().plusMonths(3));
        // The free-space list, refreshed by htmx for these dates, does not offer the taken space...
        wait.until(d -> !htmxBusy() && d.findElement(By.id("spaceId")).getText().contains("Window desk") == false);
        // ...but someone else's form, opened before the booking, still can: the database stops it.
        open("/leases/new?memberId=" + other.id() + "&spaceId=" + spaceId);
        setPeriod(LocalDate.now().plusMonths(2), LocalDate.now().plusMonths(3));
        chooseSpace(spaceId);
        submit();
        WebElement conflict = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("conflict")));
        assertThat(conflict.getText()).contains("already taken", "Grace Hopper", "lease #" + leaseId);
        screenshot("09-lease-conflict");
    }

    @Test
    @Order(5)
    void findAMemberByAMisspeltName() {
        open("/members");
        browser.findElement(By.id("q")).sendKeys("Grace Hoper");
        wait.until(d -> d.getCurrentUrl().contains("q=Grace"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("results"), "Best matches first"));
        assertThat(browser.findElement(By.id("results")).getText()).contains("Grace Hopper");
        screenshot("03-members-search");
    }

    @Test
    @Order(6)
    void importACsvWithOneBadRowAndSeeTheReport() throws IOException {
        Path csv = Files.createTempFile("members", ".csv");
        Files.writeString(csv, """
                full_name,email,status
                Katherine Johnson,katherine%1$d@example.com,ACTIVE
                Dorothy Vaughan,not-an-email,ACTIVE
                """.formatted(RUN));
        open("/members/import");
        browser.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
        submit();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-result"), "Nothing was imported"));
        assertThat(browser.findElement(By.id("import-result")).getText())
                .contains("3", "email", "must be a well-formed email address");
        assertThat(members.existingEmails(List.of("katherine" + RUN + "@example.com")))
                .isEmpty();
        screenshot("10-import-report");
        Files.delete(csv);
    }

    @Test
    @Order(7)
    void exportTheFilteredList() throws Exception {
        open("/members?q=Grace%20Hopper");
        String href = browser.findElement(By.id("export")).getAttribute("href");
        assertThat(href).contains("/members/export.csv", "q=Grace");
        String session = browser.manage().getCookieNamed("SESSION").getValue();
        HttpResponse<String> csv = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(href))
                                .header("Cookie", "SESSION=" + session)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.body()).startsWith("id,full_name,email").contains("Grace Hopper", "Fixed desk " + RUN);
    }

    @Test
    @Order(8)
    void screenshotsOfTheOtherMainPages() {
        open("/");
        waitForText("Occupancy today");
        screenshot("02-dashboard");
        open("/spaces");
        waitForText("B-" + RUN);
        screenshot("05-spaces");
        open("/spaces/" + spaceId);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("space-timeline")));
        assertThat(text()).contains("Grace Hopper");
        screenshot("06-space-timeline");
        open("/leases");
        screenshot("11-leases");
        open("/plans");
        screenshot("12-plans");
        open("/users");
        waitForText(EMAIL);
        screenshot("13-users");
        open("/history");
        waitForText("Grace Hopper");
        screenshot("14-history");
        open("/no-such-page");
        waitForText("Request id");
        screenshot("15-not-found");
    }

    /**
     * Issue 16, finding 15: the policy allows no inline script and no eval, and the pages still work under
     * it (the confirm before cancelling a lease comes from the static script; nothing is blocked).
     */
    @Test
    @Order(8)
    void theAdminUiWorksUnderAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        String scripts = csp.replaceAll(".*script-src ([^;]*).*", "$1");
        assertThat(scripts).isEqualTo("'self'");
        assertThat(csp).doesNotContain("unsafe-eval");

        open("/leases/" + leaseId);
        waitForText("Cancel this lease");
        ((JavascriptExecutor) browser)
                .executeScript("window.__violations = [];"
                        + " document.addEventListener('securitypolicyviolation',"
                        + " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));");
        browser.findElement(By.cssSelector("button[data-confirm]")).click();
        var confirm = wait.until(ExpectedConditions.alertIsPresent());
        assertThat(confirm.getText()).contains("Cancel this lease?");
        confirm.dismiss();
        assertThat(browser.getCurrentUrl()).endsWith("/leases/" + leaseId);
        assertThat(text()).contains("ACTIVE");
        Object violations = ((JavascriptExecutor) browser).executeScript("return window.__violations;");
        assertThat((List<?>) violations).isEmpty();
        browser.manage().logs().get("browser"); // start afresh
        for (String path : List.of("/", "/members", "/members/import", "/spaces/" + spaceId, "/leases/new", "/users")) {
            open(path);
            wait.until(d -> ((JavascriptExecutor) d)
                    .executeScript("return document.readyState")
                    .equals("complete"));
            wait.until(d -> !htmxBusy());
        }
        assertThat(browser.manage().logs().get("browser").getAll())
                .as("console messages about the Content-Security-Policy")
                .filteredOn(entry -> entry.getMessage().contains("Content Security Policy"))
                .isEmpty();
    }

    @Test
    @Order(9)
    void signOut() {
        open("/");
        browser.findElement(By.cssSelector("form.signout button")).click();
        wait.until(ExpectedConditions.urlContains("/login"));
        waitForText("You are signed out");
        open("/members");
        wait.until(ExpectedConditions.urlContains("/login"));
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private void type(String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private void submit() {
        browser.findElement(By.cssSelector("main form button[type=submit].primary"))
                .click();
    }

    /**
     * Sets the lease period and fires "change" on the end date, as a person picking dates does (typing into
     * date inputs depends on the locale); htmx then reloads the free spaces for both dates.
     */
    private void setPeriod(LocalDate start, LocalDate end) {
        wait.until(d -> !htmxBusy());
        ((JavascriptExecutor) browser)
                .executeScript(
                        "document.getElementById('start').value = arguments[0];"
                                + " var end = document.getElementById('end'); end.value = arguments[1];"
                                + " end.dispatchEvent(new Event('change', {bubbles: true}));",
                        start.toString(),
                        end.toString());
    }

    private void chooseSpace(long id) {
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            if (htmxBusy()) {
                return false;
            }
            new Select(d.findElement(By.id("spaceId"))).selectByValue(String.valueOf(id));
            return true;
        });
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
