package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.IntegrationTest;
import dev.tenantcore.app.support.Orders;
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
 * The live event socket as a storefront's page opens it in headless Chromium: the browser cannot
 * send the access token with the upgrade, so the page trades it for a ticket and opens the socket
 * with that, from the tenant's own origin. Needs Debian's {@code chromium} and {@code
 * chromium-driver}, as {@link BrowserCorsTest} does; without them it fails, never skips.
 */
@IntegrationTest
class LiveBrowserTest {

    private static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM_BINARY", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Gets a ticket, opens the socket, subscribes to orders and writes every frame into the DOM. */
    private static final String PAGE = """
            <!doctype html>
            <html><head><title>loading</title></head><body><pre id="frames"></pre><script>
            (async () => {
              const params = new URLSearchParams(location.search);
              const api = params.get('api');
              const frames = [];
              try {
                const response = await fetch(api + '/api/v1/live/tickets', {
                  method: 'POST', headers: { 'Authorization': 'Bearer ' + params.get('token') } });
                const { ticket } = await response.json();
                const socket = new WebSocket(api.replace('http', 'ws') + '/api/v1/live?ticket=' + ticket);
                socket.onopen = () => socket.send(JSON.stringify({ type: 'subscribe', topics: ['orders'] }));
                socket.onmessage = (message) => {
                  const frame = JSON.parse(message.data);
                  frames.push(frame);
                  document.getElementById('frames').textContent = JSON.stringify(frames);
                  if (frame.type === 'subscribed') document.title = 'subscribed';
                };
                socket.onclose = (close) => { document.title = 'closed ' + close.code; };
              } catch (e) {
                document.title = 'failed ' + e.name;
              }
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

    @Test
    @DisplayName("a page on the tenant's domain opens the socket with a ticket and receives the tenant's order.placed")
    void pageReceivesTheEvent() throws IOException {
        Api api = new Api(port);
        Platform platform = new Platform(api);
        Platform.Shop shop = platform.newShop();
        String owner = platform.ownerToken(shop);

        browser.get("http://" + shop.domain() + ":" + pages.getAddress().getPort() + "/?api="
                + URLEncoder.encode("http://localhost:" + port, StandardCharsets.UTF_8)
                + "&token=" + URLEncoder.encode(owner, StandardCharsets.UTF_8));
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !"loading".equals(browser.getTitle()));
        assertThat(browser.getTitle()).isEqualTo("subscribed");

        String mug =
                platform.newProduct(shop, owner, "browser-mug", 1100).get("id").asText();
        String order = Orders.place(api, shop, platform.customerToken(shop), Orders.body(mug, 1, Orders.BILLING, null))
                .assertStatus(201)
                .json()
                .get("id")
                .asText();

        JsonNode placed = Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> {
                            for (JsonNode frame : JSON.readTree(
                                    browser.findElement(By.id("frames")).getText())) {
                                if ("event".equals(frame.path("type").asText())
                                        && order.equals(frame.path("event")
                                                .path("aggregateId")
                                                .asText())) {
                                    return frame.get("event");
                                }
                            }
                            return null;
                        },
                        frame -> frame != null);
        assertThat(placed.get("type").asText()).isEqualTo("order.placed");
        assertThat(placed.get("tenantId").asText()).isEqualTo(shop.id());
    }
}
