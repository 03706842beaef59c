package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.HeadlessChromium;
import dev.tenantcore.app.support.IntegrationTest;
import dev.tenantcore.app.support.Platform;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

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

    private static HeadlessChromium browser;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = HeadlessChromium.serving(PAGE);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** Opens the page as served from {@code domain} and returns what its script could read. */
    private JsonNode visit(String domain, String token) throws IOException {
        browser.open(
                domain,
                "api=" + URLEncoder.encode("http://localhost:" + port, StandardCharsets.UTF_8) + "&token="
                        + URLEncoder.encode(token, StandardCharsets.UTF_8));
        browser.awaitTitle(Duration.ofSeconds(20), "done"::equals);
        return JSON.readTree(browser.text("outcome"));
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
