package dev.tenantcore.app;

import static dev.tenantcore.app.support.LiveSocket.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.LiveSocket;
import dev.tenantcore.app.support.Orders;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.Restarts;
import dev.tenantcore.app.support.ShopTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Live events over a real WebSocket, with Java's own client: who receives which event, resuming
 * after a gap, the tickets, the sockets that must close, and a second node on the same database.
 */
class LiveEventsTest extends ShopTest {

    @Autowired
    Environment environment;

    @Autowired
    MeterRegistry meters;

    /** The events of this payload type the live processor has handled (read past ones are not counted). */
    private double handledByLive(String payloadType) {
        return meters
                .find("eventProcessor.ingestedCounter")
                .tag("processorName", "live")
                .tag("payloadType", payloadType)
                .counters()
                .stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private void newCategory(Platform.Shop in, String token) {
        String slug = "quiet-" + UUID.randomUUID().toString().substring(0, 8);
        api.post("/api/v1/categories")
                .in(in, token)
                .json(Map.of("name", "Quiet", "slug", slug))
                .send()
                .assertStatus(201);
    }

    private String ticket(Platform.Shop in, String token) {
        Api.Response issued = api.post("/api/v1/live/tickets").in(in, token).send();
        issued.assertStatus(200);
        assertThat(issued.json().get("expiresAt").asText()).isNotBlank();
        return issued.json().get("ticket").asText();
    }

    private String placed(String customer) {
        return placeOrder(customer, 1).get("id").asText();
    }

    @Nested
    @DisplayName("who receives an event")
    class Audience {

        @Test
        @DisplayName("staff of tenant A receive A's order.placed, and tenant B's socket never receives it")
        void staffOfTheTenantOnly() {
            String staff = platform.staffToken(shop, owner, "staff");
            Platform.Shop other = platform.newShop();
            String otherOwner = platform.ownerToken(other);
            try (LiveSocket mine =
                            LiveSocket.withToken(port, shop.domain(), staff).subscribe(null, "orders");
                    LiveSocket theirs = LiveSocket.withToken(port, other.domain(), otherOwner)
                            .subscribe(
                                    null,
                                    "orders",
                                    "payments",
                                    "invoices",
                                    "catalog",
                                    "contacts",
                                    "leads",
                                    "conversations")) {
                String order = placed(customer());

                JsonNode event = mine.awaitEvent(event("order.placed", order));
                assertThat(event.get("tenantId").asText()).isEqualTo(shop.id());
                assertThat(event.get("aggregateType").asText()).isEqualTo("order");
                assertThat(event.get("version").asInt()).isEqualTo(1);
                assertThat(event.get("position").asLong()).isPositive();
                assertThat(event.get("data").get("orderId").asText()).isEqualTo(order);

                // The other tenant's own event arrives after A's was delivered: had A's been sent
                // to B's socket, it would be there by now.
                String otherCustomer = platform.customerToken(other);
                String theirOrder = Orders.place(
                                api,
                                other,
                                otherCustomer,
                                Orders.body(
                                        platform.newProduct(other, otherOwner, "b-mug", 900)
                                                .get("id")
                                                .asText(),
                                        1,
                                        Orders.BILLING,
                                        null))
                        .assertStatus(201)
                        .json()
                        .get("id")
                        .asText();
                theirs.awaitEvent(event("order.placed", theirOrder));
                assertThat(theirs.events())
                        .as("tenant B's socket")
                        .allSatisfy(e -> assertThat(e.get("tenantId").asText()).isEqualTo(other.id()))
                        .noneSatisfy(e -> assertThat(e.toString()).contains(order));
                assertThat(mine.events())
                        .noneSatisfy(e -> assertThat(e.toString()).contains(theirOrder));
            }
        }

        @Test
        @DisplayName(
                "the live processor reads past the events of a tenant with no socket on this node, and takes them once one opens")
        void readsPastTenantsWithoutSockets() {
            Platform.Shop quiet = platform.newShop();
            String quietOwner = platform.ownerToken(quiet);
            String staff = platform.staffToken(shop, owner, "staff");
            double before = handledByLive("CategoryCreatedEvent");

            newCategory(quiet, quietOwner);
            // The processor reads in order: once the shop's later event reached its socket, it is past the quiet one.
            try (LiveSocket mine =
                    LiveSocket.withToken(port, shop.domain(), staff).subscribe(null, "catalog")) {
                String product = platform.newProduct(
                                shop,
                                owner,
                                "after-quiet-" + UUID.randomUUID().toString().substring(0, 8),
                                900)
                        .get("id")
                        .asText();
                mine.awaitEvent(event("product.created", product));
            }
            assertThat(handledByLive("CategoryCreatedEvent"))
                    .as("handled without a socket")
                    .isEqualTo(before);

            try (LiveSocket theirs =
                    LiveSocket.withToken(port, quiet.domain(), quietOwner).subscribe(null, "catalog")) {
                newCategory(quiet, quietOwner);
                await().untilAsserted(() -> assertThat(handledByLive("CategoryCreatedEvent"))
                        .as("handled with a socket of the tenant open")
                        .isEqualTo(before + 1));
            }
        }

        @Test
        @DisplayName("a customer receives their own orders' and payments' events only, and no other topic")
        void customerTheirOwnOnly() {
            Platform.Customer ann = platform.newCustomer(shop);
            Platform.Customer bob = platform.newCustomer(shop);
            try (LiveSocket anns = LiveSocket.withToken(port, shop.domain(), ann.token())
                            .subscribe(null, "orders", "payments");
                    LiveSocket bobs = LiveSocket.withToken(port, shop.domain(), bob.token())
                            .subscribe(null, "orders", "payments")) {
                String first = placed(ann.token());
                String bobsOrder = placed(bob.token());
                String bobsPayment = Orders.awaitSagaPayment(api, shop, owner, bobsOrder)
                        .get("id")
                        .asText();
                bobs.awaitEvent(event("order.placed", bobsOrder));
                // The payment the saga opened names its order: what a storefront waits for instead of polling.
                JsonNode created = bobs.awaitEvent(event("payment.created", bobsPayment));
                assertThat(created.at("/data/orderId").asText()).isEqualTo(bobsOrder);
                assertThat(created.at("/data/customerId").asText()).isEqualTo(bob.id());
                assertThat(created.at("/data/amount/amountMinor").asLong()).isPositive();
                // Ann's next order comes after Bob's in the stream: Bob's would have reached her first.
                String second = placed(ann.token());
                anns.awaitEvent(event("order.placed", first));
                anns.awaitEvent(event("order.placed", second));
                JsonNode annsPayment = anns.awaitEvent(
                        e -> "payment.created".equals(e.path("type").asText())
                                && second.equals(e.at("/data/orderId").asText()));
                assertThat(annsPayment.get("aggregateId").asText())
                        .isEqualTo(Orders.awaitSagaPayment(api, shop, owner, second)
                                .get("id")
                                .asText());

                assertThat(anns.events())
                        .as("Ann's socket")
                        .noneSatisfy(e -> assertThat(e.toString()).contains(bobsOrder))
                        .noneSatisfy(e -> assertThat(e.toString()).contains(bobsPayment))
                        .allSatisfy(e -> assertThat(e.get("type").asText()).matches("(order|payment)\\..*"));
                assertThat(bobs.events())
                        .noneSatisfy(e -> assertThat(e.toString()).contains(first));

                anns.send("{\"type\":\"subscribe\",\"topics\":[\"leads\"]}");
                JsonNode refused =
                        anns.awaitFrame(f -> "error".equals(f.path("type").asText()));
                assertThat(refused.get("code").asText()).isEqualTo("forbidden");
                assertThat(anns.isOpen()).isTrue();
            }
        }

        @Test
        @DisplayName("a frame that is not a subscription gets an error frame, and the socket stays usable")
        void badFrames() {
            try (LiveSocket socket = LiveSocket.withToken(port, shop.domain(), owner)) {
                for (String frame : List.of(
                        "not json",
                        "[]",
                        "{\"type\":\"unsubscribe\"}",
                        "{\"type\":\"subscribe\",\"topics\":[\"weather\"]}",
                        "{\"type\":\"subscribe\",\"topics\":[]}",
                        "{\"type\":\"subscribe\",\"topics\":[\"orders\"],\"after\":\"x\"}")) {
                    socket.send(frame);
                }
                socket.subscribe(null, "orders");
                assertThat(socket.frames().stream()
                                .filter(f -> "error".equals(f.path("type").asText()))
                                .map(f -> f.get("code").asText()))
                        .hasSize(6)
                        .containsOnly("validation_failed");
                String order = placed(customer());
                socket.awaitEvent(event("order.placed", order));
            }
        }
    }

    @Nested
    @DisplayName("resuming")
    class Resuming {

        @Test
        @DisplayName("a client reconnecting with after gets the events it missed once, in order, then live ones")
        void missedEventsOnceInOrder() {
            String customer = customer();
            String first = placed(customer);
            long seen;
            try (LiveSocket socket =
                    LiveSocket.withToken(port, shop.domain(), owner).subscribe(null, "orders")) {
                String marker = placed(customer);
                seen = socket.awaitEvent(event("order.placed", marker))
                        .get("position")
                        .asLong();
            }
            String missedOne = placed(customer);
            String missedTwo = placed(customer);

            try (LiveSocket socket =
                    LiveSocket.withToken(port, shop.domain(), owner).subscribe(seen, "orders")) {
                List<JsonNode> frames = socket.frames();
                int acknowledged = 0;
                while (!"subscribed"
                        .equals(frames.get(acknowledged).path("type").asText())) {
                    acknowledged++;
                }
                List<JsonNode> replayed = frames.subList(0, acknowledged).stream()
                        .map(f -> f.get("event"))
                        .toList();
                assertThat(replayed)
                        .extracting(e -> e.get("aggregateId").asText())
                        .contains(missedOne, missedTwo)
                        .doesNotContain(first);
                assertThat(replayed)
                        .extracting(e -> e.get("position").asLong())
                        .allSatisfy(p -> assertThat(p).isGreaterThan(seen))
                        .isSorted();
                assertThat(frames.get(acknowledged).get("after").asLong()).isEqualTo(seen);

                String live = placed(customer);
                socket.awaitEvent(event("order.placed", live));
                List<JsonNode> events = socket.events();
                Set<String> ids = new HashSet<>();
                events.forEach(e -> assertThat(ids.add(e.get("id").asText()))
                        .as("sent once: " + e)
                        .isTrue());
                assertThat(events.stream().filter(event("order.placed", missedOne)))
                        .hasSize(1);
            }
        }
    }

    @Nested
    @DisplayName("tickets and tokens")
    class Tickets {

        @Test
        @DisplayName("a ticket opens one socket, only on its own tenant's domain")
        void singleUseAndOwnTenantOnly() {
            Platform.Shop other = platform.newShop();
            String ticket = ticket(shop, owner);
            assertThat(ticket).startsWith("lvt_");

            LiveSocket.Attempt elsewhere = LiveSocket.withTicket(port, other.domain(), ticket);
            assertThat(elsewhere.status()).isEqualTo(401);
            assertThat(elsewhere.socket()).isNull();

            try (LiveSocket socket =
                    LiveSocket.withTicket(port, shop.domain(), ticket).opened().subscribe(null, "orders")) {
                String order = placed(customer());
                socket.awaitEvent(event("order.placed", order));
            }
            assertThat(LiveSocket.withTicket(port, shop.domain(), ticket).status())
                    .as("the same ticket again")
                    .isEqualTo(401);
        }

        @Test
        @DisplayName("no credential, a forged ticket, or another tenant's token open nothing")
        void refusedUpgrades() {
            assertThat(LiveSocket.attempt(port, shop.domain(), null, null).status())
                    .isEqualTo(401);
            assertThat(LiveSocket.withTicket(port, shop.domain(), "lvt_forged").status())
                    .isEqualTo(401);
            Platform.Shop other = platform.newShop();
            assertThat(LiveSocket.attempt(port, other.domain(), owner, null).status())
                    .isEqualTo(403);
            assertThat(LiveSocket.attempt(port, shop.domain(), owner + "x", null)
                            .status())
                    .isEqualTo(401);
            assertThat(LiveSocket.attempt(port, "unknown-" + shop.domain(), owner, null)
                            .status())
                    .isEqualTo(404);
        }

        @Test
        @DisplayName("signing out closes the socket at once with 4403")
        void revokedSessionCloses() {
            String token = platform.ownerToken(shop);
            try (LiveSocket socket =
                    LiveSocket.withToken(port, shop.domain(), token).subscribe(null, "orders")) {
                api.post("/api/v1/auth/logout").in(shop, token).send().assertStatus(204);
                assertThat(socket.awaitClose(Duration.ofSeconds(10))).isEqualTo(4403);
            }
        }

        @Test
        @DisplayName("a suspended user's socket closes with 4403")
        void suspendedUserCloses() {
            Platform.Customer customer = platform.newCustomer(shop);
            try (LiveSocket socket =
                    LiveSocket.withToken(port, shop.domain(), customer.token()).subscribe(null, "orders")) {
                api.post("/api/v1/platform/tenants/" + shop.id() + "/users/" + customer.id() + "/suspend")
                        .bearer(platform.adminToken())
                        .json(java.util.Map.of("reason", "fraud"))
                        .send()
                        .assertStatus(200);
                assertThat(socket.awaitClose(Duration.ofSeconds(15))).isEqualTo(4403);
            }
        }

        @Test
        @DisplayName("the socket closes with 4401 when the token it was opened with expires")
        void expiredTokenCloses() {
            String ticket = ticket(shop, owner);
            asTenant(
                    shop, () -> jdbc.update("UPDATE live_tickets SET token_expires_at = now() + interval '2 seconds'"));
            try (LiveSocket socket =
                    LiveSocket.withTicket(port, shop.domain(), ticket).opened().subscribe(null, "orders")) {
                assertThat(socket.awaitClose(Duration.ofSeconds(15))).isEqualTo(4401);
            }
        }
    }

    @Test
    @DisplayName("with two nodes on one database, each node's sockets receive the events stored through either")
    void twoNodes() {
        try (ConfigurableApplicationContext second =
                Restarts.join(environment, "--app.processing.node-id=live-second-node")) {
            Api secondApi = Restarts.api(second);
            int secondPort = ((org.springframework.boot.web.context.WebServerApplicationContext) second)
                    .getWebServer()
                    .getPort();
            String customer = customer();
            try (LiveSocket here =
                            LiveSocket.withToken(port, shop.domain(), owner).subscribe(null, "orders");
                    LiveSocket there = LiveSocket.withToken(secondPort, shop.domain(), owner)
                            .subscribe(null, "orders")) {
                String throughFirst = placed(customer);
                String mug = platform.newProduct(shop, owner, "second-node-mug", 800)
                        .get("id")
                        .asText();
                String throughSecond = Orders.place(
                                secondApi, shop, customer, Orders.body(mug, 1, Orders.BILLING, null))
                        .assertStatus(201)
                        .json()
                        .get("id")
                        .asText();
                for (LiveSocket socket : List.of(here, there)) {
                    socket.awaitEvent(event("order.placed", throughFirst));
                    socket.awaitEvent(event("order.placed", throughSecond));
                }
            }
        }
    }
}
