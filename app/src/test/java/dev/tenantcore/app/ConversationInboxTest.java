package dev.tenantcore.app;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ShopTest;
import dev.tenantcore.app.support.Webhooks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The inbox workflow over HTTP against the real database: snooze with its durable deadline,
 * priority and labels with their list filters, round-robin assignment among available staff, and
 * each staff user's unread counts; and another tenant, a customer and an anonymous caller who try to
 * reach any of it.
 */
@DisplayName("The conversation inbox")
class ConversationInboxTest extends ShopTest {

    private static final Duration SETTLED = Duration.ofSeconds(15);
    private static final String DEADLINE_OF = "position(convert_to(?, 'UTF8') in task_data) > 0";

    @RegisterExtension
    static final WireMockExtension telegram = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private Webhooks webhooks;
    private String botToken;
    private String path;
    private String secret;
    private long updates = 1000;

    @BeforeAll
    static void pointDriversAtStubs() {
        System.setProperty("app.channels.telegram.base-url", telegram.baseUrl());
        System.setProperty("app.channels.public-url", "https://api.tenantcore.test");
    }

    @AfterAll
    static void forgetStubs() {
        System.clearProperty("app.channels.telegram.base-url");
        System.clearProperty("app.channels.public-url");
    }

    @BeforeEach
    void connectTelegram() {
        webhooks = new Webhooks(api);
        botToken = (100000 + (int) (Math.random() * 800000)) + ":AAH"
                + UUID.randomUUID().toString().replace("-", "");
        telegram.stubFor(post("/bot" + botToken + "/setWebhook").willReturn(okJson("{\"ok\":true,\"result\":true}")));
        Api.Response created = api.post("/api/v1/channels")
                .in(shop, owner)
                .json(Map.of("kind", "telegram", "name", "Shop bot", "secrets", Map.of("botToken", botToken)))
                .send();
        created.assertStatus(201);
        path = created.json().get("webhook").get("path").asText();
        secret = telegram.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals("/bot" + botToken + "/setWebhook"))
                .map(e -> parse(e.getRequest().getBodyAsString())
                        .get("secret_token")
                        .asText())
                .findFirst()
                .orElseThrow();
    }

    private static JsonNode parse(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A customer's Telegram message from chat {@code chat}; answers the conversation's id once it is visible. */
    private synchronized long nextUpdate() {
        return ++updates;
    }

    private void write(long chat, String text) {
        long update = nextUpdate();
        String body = "{\"update_id\":" + update + ",\"message\":{\"message_id\":" + update + ",\"date\":"
                + Instant.now().getEpochSecond() + ",\"from\":{\"id\":" + chat
                + ",\"is_bot\":false,\"first_name\":\"Ann\"},\"chat\":{\"id\":" + chat
                + ",\"type\":\"private\"},\"text\":\"" + text + "\"}}";
        webhooks.deliver(path, body, Map.of("X-Telegram-Bot-Api-Secret-Token", secret))
                .assertStatus(200);
    }

    private JsonNode conversationOf(long chat) {
        return await().atMost(SETTLED)
                .until(
                        () -> {
                            for (JsonNode item : list("").get("items")) {
                                if (item.get("channelUserId").asText().equals(String.valueOf(chat))
                                        && !item.path("lastInboundAt").isNull()) {
                                    return item;
                                }
                            }
                            return null;
                        },
                        java.util.Objects::nonNull);
    }

    private JsonNode list(String query) {
        Api.Response list =
                api.get("/api/v1/conversations" + query).in(shop, owner).send();
        list.assertStatus(200);
        return list.json();
    }

    private JsonNode get(String id) {
        Api.Response found =
                api.get("/api/v1/conversations/" + id).in(shop, owner).send();
        found.assertStatus(200);
        return found.json();
    }

    private Api.Response change(String token, String method, String route, Object body) {
        Api.Call call = switch (method) {
            case "PUT" -> api.put(route);
            case "DELETE" -> api.delete(route);
            default -> api.post(route);
        };
        call = call.in(shop, token).returningRepresentation();
        return body == null ? call.send() : call.json(body).send();
    }

    private int deadlines(String conversation) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM scheduled_tasks WHERE " + DEADLINE_OF, Integer.class, conversation);
    }

    @Test
    @DisplayName("a snoozed conversation opens again when its deadline passes, and a customer wakes it at once")
    void snooze() {
        write(501, "Hola");
        String id = conversationOf(501).get("id").asText();
        long version = get(id).get("version").asLong();
        // Whole seconds: the read model keeps microseconds.
        Instant until = Instant.now().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        Api.Response snoozed = api.post("/api/v1/conversations/" + id + "/snooze")
                .in(shop, owner)
                .ifMatch(version)
                .returningRepresentation()
                .json(Map.of("until", until.toString()))
                .send();
        snoozed.assertStatus(200);
        assertThat(snoozed.json().get("status").asText()).isEqualTo("snoozed");
        assertThat(Instant.parse(snoozed.json().get("snoozedUntil").asText())).isEqualTo(until);
        assertThat(deadlines(id)).isEqualTo(1);
        assertThat(list("?status=snoozed").get("items")).hasSize(1);

        // Stale version, a past time, a time too far ahead, no time: refused, nothing changed.
        api.post("/api/v1/conversations/" + id + "/snooze")
                .in(shop, owner)
                .ifMatch(version)
                .json(Map.of("until", until.plusSeconds(60).toString()))
                .send()
                .assertProblem(412, "version_conflict");
        change(owner, "POST", "/api/v1/conversations/" + id + "/snooze", Map.of("until", "2020-01-01T00:00:00Z"))
                .assertProblem(422, "snooze_until_invalid");
        change(
                        owner,
                        "POST",
                        "/api/v1/conversations/" + id + "/snooze",
                        Map.of("until", Instant.now().plus(Duration.ofDays(91)).toString()))
                .assertProblem(422, "snooze_until_invalid");
        change(owner, "POST", "/api/v1/conversations/" + id + "/snooze", Map.of())
                .assertProblem(400, "validation_failed");
        change(owner, "POST", "/api/v1/conversations/" + id + "/snooze", Map.of("until", "tomorrow"))
                .assertProblem(400, "validation_failed");
        assertThat(deadlines(id)).isEqualTo(1);

        // The deadline comes due: the conversation is open again and the deadline is gone.
        assertThat(jdbc.update("UPDATE scheduled_tasks SET execution_time = now() WHERE " + DEADLINE_OF, id))
                .isEqualTo(1);
        await().atMost(SETTLED).untilAsserted(() -> {
            JsonNode woken = get(id);
            assertThat(woken.get("status").asText()).isEqualTo("open");
            assertThat(woken.get("snoozedUntil").isNull()).isTrue();
        });
        await().atMost(SETTLED).until(() -> deadlines(id) == 0);

        // Snoozed again, the customer writes: open at once, and the deadline is cancelled.
        change(owner, "POST", "/api/v1/conversations/" + id + "/snooze", Map.of("until", until.toString()))
                .assertStatus(200);
        assertThat(deadlines(id)).isEqualTo(1);
        write(501, "Still there?");
        await().atMost(SETTLED).until(() -> get(id).get("status").asText().equals("open"));
        assertThat(deadlines(id)).isZero();

        // Resolving a snoozed conversation cancels its deadline too.
        change(owner, "POST", "/api/v1/conversations/" + id + "/snooze", Map.of("until", until.toString()))
                .assertStatus(200);
        change(owner, "POST", "/api/v1/conversations/" + id + "/resolve", null).assertStatus(200);
        assertThat(deadlines(id)).isZero();
    }

    @Test
    @DisplayName("priority and labels are set idempotently and filter the list")
    void priorityAndLabels() {
        write(601, "Hola");
        write(602, "Hola");
        String id = conversationOf(601).get("id").asText();
        conversationOf(602);

        Api.Response urgent =
                change(owner, "PUT", "/api/v1/conversations/" + id + "/priority", Map.of("priority", "urgent"));
        urgent.assertStatus(200);
        assertThat(urgent.json().get("priority").asText()).isEqualTo("urgent");
        long version = urgent.json().get("version").asLong();
        assertThat(change(owner, "PUT", "/api/v1/conversations/" + id + "/priority", Map.of("priority", "urgent"))
                        .json()
                        .get("version")
                        .asLong())
                .isEqualTo(version);
        change(owner, "PUT", "/api/v1/conversations/" + id + "/priority", Map.of("priority", "critical"))
                .assertProblem(400, "validation_failed");

        Api.Response labelled =
                change(owner, "POST", "/api/v1/conversations/" + id + "/labels", Map.of("label", "  Billing "));
        labelled.assertStatus(200);
        assertThat(labelled.json().get("labels").toString()).isEqualTo("[\"billing\"]");
        Api.Response again =
                change(owner, "POST", "/api/v1/conversations/" + id + "/labels", Map.of("label", "BILLING"));
        assertThat(again.json().get("version").asLong())
                .isEqualTo(labelled.json().get("version").asLong());
        change(owner, "POST", "/api/v1/conversations/" + id + "/labels", Map.of("label", "vip"))
                .assertStatus(200);
        change(owner, "POST", "/api/v1/conversations/" + id + "/labels", Map.of("label", "<b>"))
                .assertProblem(400, "validation_failed");

        assertThat(list("?priority=urgent").get("items")).hasSize(1);
        assertThat(list("?priority=none").get("items")).hasSize(1);
        assertThat(list("?label=Billing").get("items")).hasSize(1);
        assertThat(list("?label=billing&priority=urgent").get("items")).hasSize(1);
        assertThat(list("?label=other").get("items")).isEmpty();
        api.get("/api/v1/conversations?priority=critical")
                .in(shop, owner)
                .send()
                .assertProblem(400, "validation_failed");

        Api.Response removed = change(owner, "DELETE", "/api/v1/conversations/" + id + "/labels/Billing", null);
        removed.assertStatus(200);
        assertThat(removed.json().get("labels").toString()).isEqualTo("[\"vip\"]");
        assertThat(change(owner, "DELETE", "/api/v1/conversations/" + id + "/labels/billing", null)
                        .json()
                        .get("version")
                        .asLong())
                .isEqualTo(removed.json().get("version").asLong());
        assertThat(list("?label=billing").get("items")).isEmpty();
    }

    private String userId(String token) {
        Api.Response available = api.put("/api/v1/conversations/availability")
                .in(shop, token)
                .json(Map.of("available", true))
                .send();
        available.assertStatus(200);
        assertThat(available.json().get("available").asBoolean()).isTrue();
        return available.json().get("userId").asText();
    }

    @Test
    @DisplayName("new conversations started at once go round-robin to the available staff, never to a deactivated one")
    void roundRobin() throws Exception {
        String ann = platform.staffToken(shop, owner, "staff");
        String bob = platform.staffToken(shop, owner, "staff");
        String eve = platform.staffToken(shop, owner, "staff");
        String cid = platform.staffToken(shop, owner, "staff");
        String annId = userId(ann);
        String bobId = userId(bob);
        String eveId = userId(eve);
        userId(cid);
        // Cid is no longer available; Eve is deactivated while still marked available.
        api.put("/api/v1/conversations/availability")
                .in(shop, cid)
                .json(Map.of("available", false))
                .send()
                .assertStatus(200);
        api.post("/api/v1/users/" + eveId + "/deactivate")
                .in(shop, owner)
                .send()
                .assertStatus(200);

        // Off by default: a conversation stays unassigned.
        write(700, "Hola");
        assertThat(conversationOf(700).get("assigneeId").isNull()).isTrue();

        Api.Response on = api.put("/api/v1/conversations/settings")
                .in(shop, owner)
                .json(Map.of("autoAssign", true))
                .send();
        on.assertStatus(200);
        assertThat(on.json().get("autoAssign").asBoolean()).isTrue();

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (long chat = 701; chat <= 704; chat++) {
                long c = chat;
                sent.add(pool.submit((Callable<Void>) () -> {
                    write(c, "Hola");
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        Map<String, Integer> given = new HashMap<>();
        for (long chat = 701; chat <= 704; chat++) {
            long c = chat;
            JsonNode conversation = await().atMost(SETTLED)
                    .until(() -> conversationOf(c), n -> !n.get("assigneeId").isNull());
            given.merge(conversation.get("assigneeId").asText(), 1, Integer::sum);
        }
        assertThat(given).as("two each, in whatever order").isEqualTo(Map.of(annId, 2, bobId, 2));

        // A customer is no staff member; a staff member cannot change the tenant's setting.
        api.put("/api/v1/conversations/availability")
                .in(shop, customer())
                .json(Map.of("available", true))
                .send()
                .assertStatus(403);
        api.put("/api/v1/conversations/settings")
                .in(shop, ann)
                .json(Map.of("autoAssign", false))
                .send()
                .assertStatus(403);
        api.put("/api/v1/conversations/settings")
                .in(shop, owner)
                .json(Map.of())
                .send()
                .assertProblem(400, "validation_failed");
    }

    private JsonNode unread(String token) {
        Api.Response unread =
                api.get("/api/v1/conversations/unread").in(shop, token).send();
        unread.assertStatus(200);
        return unread.json();
    }

    @Test
    @DisplayName("each staff user's unread counts: reading clears the reader's own, assignment moves them")
    void unreadPerStaff() {
        String ann = platform.staffToken(shop, owner, "staff");
        String bob = platform.staffToken(shop, owner, "staff");
        String bobId = userId(bob);
        write(801, "one");
        write(801, "two");
        String id = conversationOf(801).get("id").asText();
        await().atMost(SETTLED).until(() -> unread(ann).get("total").asLong() == 2);
        JsonNode annUnread = unread(ann);
        assertThat(annUnread.get("unassigned").asLong()).isEqualTo(2);
        assertThat(annUnread.get("assigned").asLong()).isZero();
        assertThat(annUnread.get("conversations")).hasSize(1);
        assertThat(annUnread.get("conversations").get(0).get("conversationId").asText())
                .isEqualTo(id);
        assertThat(annUnread.get("conversations").get(0).get("unread").asInt()).isEqualTo(2);

        change(ann, "POST", "/api/v1/conversations/" + id + "/read", null).assertStatus(200);
        await().atMost(SETTLED).until(() -> unread(ann).get("total").asLong() == 0);
        assertThat(unread(ann).get("conversations")).isEmpty();
        assertThat(unread(bob).get("total").asLong())
                .as("Ann's reading is not Bob's")
                .isEqualTo(2);

        change(owner, "POST", "/api/v1/conversations/" + id + "/assign", Map.of("assigneeId", bobId))
                .assertStatus(200);
        write(801, "three");
        await().atMost(SETTLED).until(() -> unread(bob).get("total").asLong() == 3);
        JsonNode bobUnread = unread(bob);
        assertThat(bobUnread.get("assigned").asLong()).isEqualTo(3);
        assertThat(bobUnread.get("unassigned").asLong()).isZero();
        assertThat(bobUnread.get("conversations").get(0).get("assignedToMe").asBoolean())
                .isTrue();
        JsonNode annNow = unread(ann);
        assertThat(annNow.get("total").asLong()).isEqualTo(1);
        assertThat(annNow.get("conversations")).as("assigned to someone else").isEmpty();
    }

    @Test
    @DisplayName("the round-robin setting and staff availability are read back; another tenant reads only its own")
    void settingsAndAvailabilityReadBack() {
        Api.Response unset =
                api.get("/api/v1/conversations/settings").in(shop, owner).send();
        unset.assertStatus(200);
        assertThat(unset.json().get("autoAssign").asBoolean()).isFalse();
        assertThat(unset.json().get("updatedAt").isNull()).isTrue();
        assertThat(api.get("/api/v1/conversations/availability")
                        .in(shop, owner)
                        .send()
                        .assertStatus(200)
                        .json()
                        .get("items"))
                .isEmpty();

        String manager = platform.staffToken(shop, owner, "manager");
        String ann = platform.staffToken(shop, owner, "staff");
        String bob = platform.staffToken(shop, owner, "staff");
        String annId = userId(ann);
        String bobId = userId(bob);
        api.put("/api/v1/conversations/availability")
                .in(shop, bob)
                .json(Map.of("available", false))
                .send()
                .assertStatus(200);
        api.put("/api/v1/conversations/settings")
                .in(shop, manager)
                .json(Map.of("autoAssign", true))
                .send()
                .assertStatus(200);

        // Read side: once the projection has the inbox's events; staff read it too.
        JsonNode settings = await().atMost(SETTLED)
                .until(
                        () -> api.get("/api/v1/conversations/settings")
                                .in(shop, ann)
                                .send()
                                .assertStatus(200)
                                .json(),
                        json -> json.get("autoAssign").asBoolean());
        assertThat(settings.get("updatedAt").isNull()).isFalse();
        JsonNode staff = await().atMost(SETTLED)
                .until(
                        () -> api.get("/api/v1/conversations/availability")
                                .in(shop, manager)
                                .send()
                                .assertStatus(200)
                                .json()
                                .get("items"),
                        items -> items.size() == 2
                                && !items.get(1).get("available").asBoolean());
        assertThat(staff.get(0).get("userId").asText()).isEqualTo(annId);
        assertThat(staff.get(0).get("available").asBoolean()).isTrue();
        assertThat(staff.get(1).get("userId").asText()).isEqualTo(bobId);
        assertThat(staff.get(1).get("updatedAt").isNull()).isFalse();

        // Another tenant reads its own inbox (nothing set), never this one's; a customer and an
        // anonymous caller read nothing.
        Platform.Shop globex = platform.newShop();
        String globexOwner = platform.ownerToken(globex);
        assertThat(api.get("/api/v1/conversations/settings")
                        .in(globex, globexOwner)
                        .send()
                        .assertStatus(200)
                        .json()
                        .get("autoAssign")
                        .asBoolean())
                .isFalse();
        assertThat(api.get("/api/v1/conversations/availability")
                        .in(globex, globexOwner)
                        .send()
                        .assertStatus(200)
                        .json()
                        .get("items"))
                .isEmpty();
        String customer = customer();
        api.get("/api/v1/conversations/settings").in(shop, customer).send().assertStatus(403);
        api.get("/api/v1/conversations/availability").in(shop, customer).send().assertStatus(403);
        api.get("/api/v1/conversations/availability")
                .origin(shop.domain())
                .send()
                .assertStatus(401);
        // Row-level security: the other tenant's transaction sees none of the rows.
        assertThat(asTenant(
                        globex,
                        () -> jdbc.queryForObject("SELECT count(*) FROM conversation_staff_availability", Long.class)))
                .isZero();
        assertThat(asTenant(
                        shop,
                        () -> jdbc.queryForObject("SELECT count(*) FROM conversation_staff_availability", Long.class)))
                .isEqualTo(2);
    }

    @Test
    @DisplayName("another tenant, a customer and an anonymous caller reach none of the inbox")
    void isolation() {
        write(901, "Hola");
        String id = conversationOf(901).get("id").asText();
        Platform.Shop globex = platform.newShop();
        String globexOwner = platform.ownerToken(globex);
        String in = Instant.now().plus(Duration.ofHours(1)).toString();
        for (Api.Call call : List.of(
                api.post("/api/v1/conversations/" + id + "/snooze").json(Map.of("until", in)),
                api.put("/api/v1/conversations/" + id + "/priority").json(Map.of("priority", "high")),
                api.post("/api/v1/conversations/" + id + "/labels").json(Map.of("label", "x")),
                api.delete("/api/v1/conversations/" + id + "/labels/x"))) {
            call.in(globex, globexOwner).send().assertProblem(404, "not_found");
        }
        JsonNode theirs = api.get("/api/v1/conversations/unread")
                .in(globex, globexOwner)
                .send()
                .assertStatus(200)
                .json();
        assertThat(theirs.get("total").asLong()).isZero();
        assertThat(theirs.get("conversations")).isEmpty();

        String customer = customer();
        api.get("/api/v1/conversations/unread").in(shop, customer).send().assertStatus(403);
        api.post("/api/v1/conversations/" + id + "/snooze")
                .in(shop, customer)
                .json(Map.of("until", in))
                .send()
                .assertStatus(403);
        api.get("/api/v1/conversations/unread").origin(shop.domain()).send().assertStatus(401);

        JsonNode mine = get(id);
        assertThat(mine.get("status").asText()).isEqualTo("open");
        assertThat(mine.get("priority").asText()).isEqualTo("none");
        assertThat(mine.get("labels")).isEmpty();
        assertThat(deadlines(id)).isZero();
    }
}
