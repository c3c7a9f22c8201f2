package org.newplos;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The real browser of the browser tests: Debian's headless Chromium and chromedriver, a throw-away profile,
 * screenshots kept under target/screenshots/. Not installed: the test class is skipped, saying why — unless
 * {@code NEWPLOS_REQUIRE_BROWSER} is set (CI), where that is a failure.
 */
public final class Chromium implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target/screenshots");

    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private Chromium(Path profile, ChromeDriverService service, ChromeDriver driver) {
        this.profile = profile;
        this.service = service;
        this.driver = driver;
    }

    /** Starts a browser with a 1280×1000 window, or skips the calling test class when none is installed. */
    public static Chromium start() throws IOException {
        boolean installed = Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
        if (System.getenv("NEWPLOS_REQUIRE_BROWSER") != null && !installed) {
            throw new IllegalStateException("NEWPLOS_REQUIRE_BROWSER is set but /usr/bin/chromium or"
                    + " /usr/bin/chromedriver is missing (apt-get install -y chromium chromium-driver)");
        }
        assumeTrue(
                installed,
                "Chromium is not installed (apt-get install -y chromium chromium-driver); skipping browser tests");
        Files.createDirectories(SCREENSHOTS);
        Path profile = Files.createTempDirectory("newplos-chromium");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(BINARY.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-dev-shm-usage",
                        "--window-size=1280,1000",
                        "--user-data-dir=" + profile);
        return new Chromium(profile, service, new ChromeDriver(service, options));
    }

    public WebDriver driver() {
        return driver;
    }

    /** Saves what the browser shows as target/screenshots/NAME.png. */
    public void screenshot(String name) {
        try {
            Path shot =
                    ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        service.stop();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
        }
    }
}
