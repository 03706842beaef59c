package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.LiveSocket;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ShopTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The live topics with a real WebSocket client: the automation runs topic (staff only, never
 * another tenant's), topics of a switched-off module, and the sockets that close when their tenant
 * is suspended or closed or a module of their topics is switched off.
 */
@DisplayName("Live topics")
class LiveTopicsTest extends ShopTest {

    private static final String RULES = "/api/v1/automations/rules";

    private String enabledRule(String trigger, String tag) {
        Api.Response created = submit(
                owner,
                RULES,
                Map.of(
                        "name",
                        "Live " + tag,
                        "trigger",
                        trigger,
                        "actions",
                        List.of(Map.of("type", "add_tag", "tag", tag))));
        created.assertStatus(201);
        String id = created.json().get("id").asText();
        api.post(RULES + "/" + id + "/enable").in(shop, owner).send().assertStatus(200);
        return id;
    }

    private static Predicate<JsonNode> runEvent(String type, String rule) {
        return e -> type.equals(e.path("type").asText())
                && rule.equals(e.path("data").path("ruleId").asText());
    }

    private void adminDisables(Platform.Shop in, String module) {
        api.delete("/api/v1/platform/tenants/" + in.id() + "/modules/" + module)
                .bearer(platform.adminToken())
                .send()
                .assertStatus(200);
    }

    @Nested
    @DisplayName("automation runs")
    class AutomationRuns {

        @Test
        @DisplayName(
                "staff see a run start, its step done and the run finish, in order; another tenant's socket sees none")
        void staffSeeTheRun() {
            String staff = platform.staffToken(shop, owner, "staff");
            Platform.Shop other = platform.newShop();
            try (LiveSocket mine =
                            LiveSocket.withToken(port, shop.domain(), staff).subscribe(null, "automation_runs");
                    LiveSocket theirs = LiveSocket.withToken(port, other.domain(), platform.ownerToken(other))
                            .subscribe(null, "automation_runs", "orders", "contacts")) {
                String rule = enabledRule("order.placed", "live-run");
                String order = placeOrder(customer(), 1).get("id").asText();

                JsonNode started = mine.awaitEvent(runEvent("automation.run_started", rule));
                JsonNode done = mine.awaitEvent(runEvent("automation.step_done", rule));
                JsonNode finished = mine.awaitEvent(runEvent("automation.run_finished", rule));

                String run = started.get("data").get("runId").asText();
                assertThat(started.get("tenantId").asText()).isEqualTo(shop.id());
                assertThat(started.get("data").get("triggerEventType").asText()).isEqualTo("order.placed");
                assertThat(started.get("data").get("ruleVersion").asLong()).isEqualTo(1);
                assertThat(started.get("data").get("steps").asInt()).isEqualTo(1);
                assertThat(started.get("data").get("triggeredAt").asText()).isNotBlank();
                assertThat(done.get("data").get("runId").asText()).isEqualTo(run);
                assertThat(done.get("data").get("position").asInt()).isZero();
                assertThat(done.get("data").get("action").asText()).isEqualTo("add_tag");
                assertThat(finished.get("data").get("runId").asText()).isEqualTo(run);
                assertThat(finished.get("data").get("status").asText()).isEqualTo("completed");
                assertThat(started.get("position").asLong())
                        .isLessThan(done.get("position").asLong())
                        .isPositive();
                assertThat(done.get("position").asLong())
                        .isLessThan(finished.get("position").asLong());

                // The run log says the same.
                Api.Response runs = api.get(RULES + "/" + rule + "/runs/" + run)
                        .in(shop, owner)
                        .send();
                runs.assertStatus(200);
                assertThat(runs.json().get("status").asText()).isEqualTo("completed");

                assertThat(theirs.events())
                        .as("the other tenant's socket")
                        .noneSatisfy(e -> assertThat(e.toString()).contains(rule))
                        .noneSatisfy(e -> assertThat(e.toString()).contains(order))
                        .noneSatisfy(e -> assertThat(e.toString()).contains(shop.id()));
            }
        }

        @Test
        @DisplayName("a step the contact refuses shows as step_failed, not retrying, then the run parked")
        void parkedRun() {
            Api.Response created = submit(
                    owner,
                    RULES,
                    Map.of(
                            "name",
                            "Live park",
                            "trigger",
                            "order.placed",
                            "actions",
                            List.of(Map.of("type", "set_stage", "stage", "champion"))));
            created.assertStatus(201);
            String rule = created.json().get("id").asText();
            api.post(RULES + "/" + rule + "/enable").in(shop, owner).send().assertStatus(200);
            try (LiveSocket socket =
                    LiveSocket.withToken(port, shop.domain(), owner).subscribe(null, "automation_runs")) {
                placeOrder(customer(), 1);
                JsonNode failed = Awaitility.await()
                        .atMost(Duration.ofSeconds(40))
                        .until(
                                () -> socket.events().stream()
                                        .filter(runEvent("automation.step_failed", rule))
                                        .filter(e ->
                                                !e.get("data").get("retrying").asBoolean())
                                        .findFirst()
                                        .orElse(null),
                                e -> e != null);
                JsonNode parked = socket.awaitEvent(runEvent("automation.run_parked", rule));
                assertThat(failed.get("data").get("action").asText()).isEqualTo("set_stage");
                assertThat(failed.get("data").get("error").asText()).isNotBlank();
                assertThat(parked.get("data").get("position").asInt()).isZero();
                assertThat(parked.get("data").get("runId").asText())
                        .isEqualTo(failed.get("data").get("runId").asText());
                assertThat(socket.events()).noneMatch(runEvent("automation.run_finished", rule));
            }
        }

        @Test
        @DisplayName("a run's events are resumed from the store like any other, after the position the client saw")
        void resumable() {
            String rule = enabledRule("order.placed", "live-resume");
            long before;
            try (LiveSocket first =
                    LiveSocket.withToken(port, shop.domain(), owner).subscribe(null, "orders")) {
                placeOrder(customer(), 1);
                before = first.awaitEvent(
                                e -> "order.placed".equals(e.path("type").asText()))
                        .get("position")
                        .asLong();
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Api.Response runs =
                        api.get(RULES + "/" + rule + "/runs").in(shop, owner).send();
                assertThat(runs.json().get("items").get(0).get("status").asText())
                        .isEqualTo("completed");
            });
            try (LiveSocket again =
                    LiveSocket.withToken(port, shop.domain(), owner).subscribe(before, "automation_runs")) {
                assertThat(again.events())
                        .extracting(e -> e.get("type").asText())
                        .containsExactly("automation.run_started", "automation.step_done", "automation.run_finished");
            }
        }

        @Test
        @DisplayName("a customer may not subscribe to automation runs")
        void customersRefused() {
            try (LiveSocket socket = LiveSocket.withToken(port, shop.domain(), customer())) {
                socket.send("{\"type\":\"subscribe\",\"topics\":[\"automation_runs\"]}");
                JsonNode refused =
                        socket.awaitFrame(f -> "error".equals(f.path("type").asText()));
                assertThat(refused.get("code").asText()).isEqualTo("forbidden");
                assertThat(socket.frames())
                        .noneSatisfy(f -> assertThat(f.path("type").asText()).isEqualTo("subscribed"));
            }
        }
    }

    @Nested
    @DisplayName("modules")
    class Modules {

        @Test
        @DisplayName("a topic of a switched-off module is refused with module_disabled; the socket stays usable")
        void disabledModuleTopicRefused() {
            adminDisables(shop, "crm");
            adminDisables(shop, "automations");
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .untilAsserted(() ->
                            api.get("/api/v1/contacts").in(shop, owner).send().assertProblem(403, "module_disabled"));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> api.get(RULES).in(shop, owner).send().assertProblem(403, "module_disabled"));
            try (LiveSocket socket = LiveSocket.withToken(port, shop.domain(), owner)) {
                for (String topic : List.of("contacts", "conversations", "automation_runs")) {
                    int seen = socket.frames().size();
                    socket.send("{\"type\":\"subscribe\",\"topics\":[\"orders\",\"" + topic + "\"]}");
                    JsonNode refused = Awaitility.await()
                            .atMost(Duration.ofSeconds(20))
                            .until(
                                    () -> socket
                                            .frames()
                                            .subList(seen, socket.frames().size())
                                            .stream()
                                            .filter(f -> "error"
                                                    .equals(f.path("type").asText()))
                                            .findFirst()
                                            .orElse(null),
                                    f -> f != null);
                    assertThat(refused.get("code").asText()).isEqualTo("module_disabled");
                    assertThat(refused.get("detail").asText()).contains(topic);
                }
                assertThat(socket.frames())
                        .noneSatisfy(f -> assertThat(f.path("type").asText()).isEqualTo("subscribed"));
                socket.subscribe(null, "orders");
                assertThat(socket.isOpen()).isTrue();
            }
        }

        @Test
        @DisplayName("switching a module off closes the sockets subscribed to its topics with 4423, and no other")
        void disablingClosesItsSubscribers() {
            try (LiveSocket runs = LiveSocket.withToken(port, shop.domain(), owner)
                            .subscribe(null, "orders", "automation_runs");
                    LiveSocket orders =
                            LiveSocket.withToken(port, shop.domain(), owner).subscribe(null, "orders")) {
                adminDisables(shop, "automations");
                assertThat(runs.awaitClose(Duration.ofSeconds(15))).isEqualTo(4423);
                String order = placeOrder(customer(), 1).get("id").asText();
                orders.awaitEvent(LiveSocket.event("order.placed", order));
                assertThat(orders.isOpen()).isTrue();
            }
        }
    }

    @Nested
    @DisplayName("the tenant's standing")
    class Standing {

        @Test
        @DisplayName("suspending the tenant closes its sockets with 4410; another tenant's stay open")
        void suspensionCloses() {
            Platform.Shop other = platform.newShop();
            try (LiveSocket mine =
                            LiveSocket.withToken(port, shop.domain(), owner).subscribe(null, "orders");
                    LiveSocket customers = LiveSocket.withToken(port, shop.domain(), customer())
                            .subscribe(null, "orders");
                    LiveSocket theirs = LiveSocket.withToken(port, other.domain(), platform.ownerToken(other))
                            .subscribe(null, "orders")) {
                platform.suspend(platform.adminToken(), shop);
                assertThat(mine.awaitClose(Duration.ofSeconds(15))).isEqualTo(4410);
                assertThat(customers.awaitClose(Duration.ofSeconds(15))).isEqualTo(4410);
                assertThat(theirs.isOpen()).isTrue();
                // The edge refuses the tenant's requests once its directory has the suspension.
                Awaitility.await()
                        .atMost(Duration.ofSeconds(15))
                        .untilAsserted(() -> api.get("/api/v1/public/products")
                                .origin(shop.domain())
                                .send()
                                .assertProblem(403, "tenant_suspended"));
                assertThat(LiveSocket.attempt(port, shop.domain(), owner, null).status())
                        .as("a new socket of the suspended tenant")
                        .isEqualTo(403);
            }
        }

        @Test
        @DisplayName("deactivating a staff member closes their socket with 4403, and the owner's stays open")
        void deactivatedUserCloses() {
            String staff = platform.staffToken(shop, owner, "staff");
            String id = api.get("/api/v1/auth/me")
                    .in(shop, staff)
                    .send()
                    .json()
                    .get("id")
                    .asText();
            try (LiveSocket theirs =
                            LiveSocket.withToken(port, shop.domain(), staff).subscribe(null, "orders");
                    LiveSocket owners =
                            LiveSocket.withToken(port, shop.domain(), owner).subscribe(null, "orders")) {
                api.post("/api/v1/users/" + id + "/deactivate")
                        .in(shop, owner)
                        .send()
                        .assertStatus(200);
                assertThat(theirs.awaitClose(Duration.ofSeconds(15))).isEqualTo(4403);
                assertThat(owners.isOpen()).isTrue();
            }
        }

        @Test
        @DisplayName("closing the tenant closes its sockets with 4410")
        void closingCloses() {
            try (LiveSocket mine =
                    LiveSocket.withToken(port, shop.domain(), owner).subscribe(null, "orders")) {
                api.post("/api/v1/platform/tenants/" + shop.id() + "/close")
                        .bearer(platform.adminToken())
                        .json(Map.of("reason", "contract ended"))
                        .send()
                        .assertStatus(200);
                assertThat(mine.awaitClose(Duration.ofSeconds(15))).isEqualTo(4410);
            }
        }
    }
}
