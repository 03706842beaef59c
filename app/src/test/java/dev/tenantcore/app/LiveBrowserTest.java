package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.HeadlessChromium;
import dev.tenantcore.app.support.IntegrationTest;
import dev.tenantcore.app.support.Orders;
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
 * The live event socket as a storefront's page opens it in headless Chromium: the browser cannot
 * send the access token with the upgrade, so the page trades it for a ticket and opens the socket
 * with that, from the tenant's own origin. Needs Debian's {@code chromium} and {@code
 * chromium-driver}, through {@link HeadlessChromium}; without them it fails, never skips.
 */
@IntegrationTest
class LiveBrowserTest {

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

    @Test
    @DisplayName("a page on the tenant's domain opens the socket with a ticket and receives the tenant's order.placed")
    void pageReceivesTheEvent() throws IOException {
        Api api = new Api(port);
        Platform platform = new Platform(api);
        Platform.Shop shop = platform.newShop();
        String owner = platform.ownerToken(shop);

        browser.open(
                shop.domain(),
                "api=" + URLEncoder.encode("http://localhost:" + port, StandardCharsets.UTF_8) + "&token="
                        + URLEncoder.encode(owner, StandardCharsets.UTF_8));
        browser.awaitTitle(Duration.ofSeconds(20), title -> !"loading".equals(title));
        assertThat(browser.title()).isEqualTo("subscribed");

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
                            for (JsonNode frame : JSON.readTree(browser.text("frames"))) {
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
