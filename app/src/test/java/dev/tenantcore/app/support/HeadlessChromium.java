package dev.tenantcore.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.awaitility.Awaitility;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.util.FileSystemUtils;

/**
 * Headless Chromium with one page of the test's own, served from a loopback server under any
 * {@code *.test} name: Chromium's host resolver maps every {@code *.test} name to this machine, so a
 * page can be "on" a tenant's domain or a stranger's. Start it in {@code @BeforeAll}, close it in
 * {@code @AfterAll}.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} (CI installs them; other paths via
 * {@code CHROMIUM_BINARY} and {@code CHROMEDRIVER}). Without them a test fails, never skips.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM_BINARY", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");

    private final HttpServer pages;
    private final Path profile;
    private final ChromeDriverService service;
    private final WebDriver browser;

    private HeadlessChromium(HttpServer pages, Path profile, ChromeDriverService service, WebDriver browser) {
        this.pages = pages;
        this.profile = profile;
        this.service = service;
        this.browser = browser;
    }

    /** Starts the page server and the browser; {@code page} is the HTML served for every path. */
    public static HeadlessChromium serving(String page) throws IOException {
        assertThat(new File(CHROMIUM))
                .as("Chromium is required for this test: apt-get install chromium chromium-driver")
                .canRead();
        assertThat(new File(CHROMEDRIVER).canExecute())
                .as("chromedriver is required for this test: apt-get install chromium chromium-driver")
                .isTrue();
        HttpServer pages = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pages.createContext("/", exchange -> {
            byte[] html = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, html.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(html);
            }
        });
        pages.start();

        // Selenium warns that it has no DevTools bindings for this Chromium; the tests need none.
        Logger.getLogger("org.openqa.selenium.devtools").setLevel(Level.SEVERE);
        Logger.getLogger("org.openqa.selenium.chromium").setLevel(Level.SEVERE);
        Path profile = Files.createTempDirectory("chromium-profile-");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM)
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--user-data-dir=" + profile,
                        "--host-resolver-rules=MAP *.test 127.0.0.1");
        return new HeadlessChromium(pages, profile, service, new ChromeDriver(service, options));
    }

    /** Opens the page as served from {@code domain}, with {@code query} (already encoded) after {@code ?}. */
    public void open(String domain, String query) {
        browser.get("http://" + domain + ":" + pages.getAddress().getPort() + "/?" + query);
    }

    /** Waits up to {@code timeout} until the page's title passes {@code test}; the title then. */
    public String awaitTitle(Duration timeout, Predicate<String> test) {
        Awaitility.await()
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> test.test(browser.getTitle()));
        return browser.getTitle();
    }

    public String title() {
        return browser.getTitle();
    }

    /** The text of the page's element with this id. */
    public String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    @Override
    public void close() {
        try {
            browser.quit();
        } finally {
            service.stop();
            pages.stop(0);
            FileSystemUtils.deleteRecursively(profile.toFile());
        }
    }
}
