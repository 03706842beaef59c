package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.IntegrationTest;
import dev.tenantcore.app.support.Platform;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;

/**
 * The CORS policy as a real browser enforces it: headless Chromium opens a storefront page served
 * from a tenant's domain and from a stranger's, and each page's script calls the API with
 * {@code fetch}. Chromium's host resolver maps every {@code *.test} name to this machine.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} (CI installs them; other paths via
 * {@code CHROMIUM_BINARY} and {@code CHROMEDRIVER}). Without them the test fails, never skips.
 */
@IntegrationTest
class BrowserCorsTest {

    private static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM_BINARY", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Calls the API the way a storefront would, and writes what the page could read into the DOM. */
    private static final String PAGE = """
            <!doctype html>
            <html><head><title>loading</title></head><body><pre id="outcome"></pre><script>
            (async () => {
              const params = new URLSearchParams(location.search);
              const api = params.get('api');
              const outcome = {};
              async function attempt(name, url, options) {
                try {
                  const response = await fetch(url, options);
                  outcome[name] = {
                    status: response.status,
                    rateLimit: response.headers.get('RateLimit-Limit'),
                    body: await response.json()
                  };
                } catch (e) {
                  outcome[name] = { error: e.name };
                }
              }
              await attempt('me', api + '/api/v1/auth/me',
                  { headers: { 'Authorization': 'Bearer ' + params.get('token') } });
              await attempt('catalogue', api + '/api/v1/public/products');
              document.getElementById('outcome').textContent = JSON.stringify(outcome);
              document.title = 'done';
            })();
            </script></body></html>
            """;

    @LocalServerPort
    int port;

    private static HttpServer pages;
    private static Path profile;
    private static ChromeDriverService service;
    private static WebDriver browser;

    @BeforeAll
    static void startBrowser() throws IOException {
        assertThat(new File(CHROMIUM))
                .as("Chromium is required for this test: apt-get install chromium chromium-driver")
                .canRead();
        assertThat(new File(CHROMEDRIVER).canExecute())
                .as("chromedriver is required for this test: apt-get install chromium chromium-driver")
                .isTrue();
        pages = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pages.createContext("/", exchange -> {
            byte[] html = PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, html.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(html);
            }
        });
        pages.start();

        // Selenium warns that it has no DevTools bindings for this Chromium; the test needs none.
        Logger.getLogger("org.openqa.selenium.devtools").setLevel(Level.SEVERE);
        Logger.getLogger("org.openqa.selenium.chromium").setLevel(Level.SEVERE);
        profile = Files.createTempDirectory("chromium-profile-");
        service = new ChromeDriverService.Builder()
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
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (pages != null) {
            pages.stop(0);
        }
        if (profile != null) {
            FileSystemUtils.deleteRecursively(profile.toFile());
        }
    }

    /** Opens the page as served from {@code domain} and returns what its script could read. */
    private JsonNode visit(String domain, String token) throws IOException {
        String url = "http://" + domain + ":" + pages.getAddress().getPort() + "/?api="
                + URLEncoder.encode("http://localhost:" + port, StandardCharsets.UTF_8)
                + "&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        browser.get(url);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> "done".equals(browser.getTitle()));
        return JSON.readTree(browser.findElement(By.id("outcome")).getText());
    }

    @Test
    @DisplayName(
            "a page on the tenant's domain reads the API's answers, with an Authorization header after a preflight")
    void tenantOriginCanRead() throws IOException {
        Api api = new Api(port);
        Platform platform = new Platform(api);
        Platform.Shop shop = platform.newShop();

        JsonNode outcome = visit(shop.domain(), platform.ownerToken(shop));

        assertThat(outcome.get("me").get("status").asInt())
                .as(outcome.toString())
                .isEqualTo(200);
        assertThat(outcome.get("me").get("body").get("email").asText()).isEqualTo(shop.ownerEmail());
        assertThat(outcome.get("catalogue").get("status").asInt())
                .as(outcome.toString())
                .isEqualTo(200);
        assertThat(outcome.get("catalogue").get("body").has("items")).isTrue();
        assertThat(outcome.get("catalogue").get("rateLimit").asText())
                .as("exposed headers are readable by the script")
                .isNotBlank();
    }

    @Test
    @DisplayName("a page on an unknown domain cannot read anything: the browser rejects both fetches")
    void unknownOriginCannotRead() throws IOException {
        Api api = new Api(port);
        Platform platform = new Platform(api);
        Platform.Shop shop = platform.newShop();

        JsonNode outcome = visit("evil.test", platform.ownerToken(shop));

        assertThat(outcome.get("me").get("error").asText())
                .as(outcome.toString())
                .isEqualTo("TypeError");
        assertThat(outcome.get("catalogue").get("error").asText())
                .as(outcome.toString())
                .isEqualTo("TypeError");
    }

    @Test
    @DisplayName(
            "a page on a suspended tenant's domain reads the tenant_suspended refusal, with an Authorization header after a preflight")
    void suspendedTenantsRefusalIsReadable() throws IOException {
        Api api = new Api(port);
        Platform platform = new Platform(api);
        Platform.Shop shop = platform.newShop();
        String token = platform.ownerToken(shop);
        platform.suspend(platform.adminToken(), shop);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> "tenant_suspended"
                        .equals(api.get("/api/v1/public/products")
                                .origin(shop.domain())
                                .send()
                                .code()));

        JsonNode outcome = visit(shop.domain(), token);

        for (String call : new String[] {"me", "catalogue"}) {
            assertThat(outcome.get(call).path("status").asInt())
                    .as(outcome.toString())
                    .isEqualTo(403);
            assertThat(outcome.get(call).get("body").get("code").asText()).isEqualTo("tenant_suspended");
        }
    }
}
