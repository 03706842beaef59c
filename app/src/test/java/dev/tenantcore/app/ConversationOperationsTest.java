package dev.tenantcore.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What staff see around conversations, end to end against a Telegram stub: a channel's health as
 * deliveries and sends happen, the statistics projection, and the messages on the contact's
 * timeline; and another tenant, a customer and bad input reaching none of it.
 */
@DisplayName("Channel health, conversation statistics and messages on the timeline")
class ConversationOperationsTest extends ShopTest {

    private static final Duration SETTLED = Duration.ofSeconds(15);

    @RegisterExtension
    static final WireMockExtension telegram = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private Webhooks webhooks;
    private String botToken;

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
    void setUp() {
        webhooks = new Webhooks(api);
        botToken = (100000 + (int) (Math.random() * 800000)) + ":AAH"
                + UUID.randomUUID().toString().replace("-", "");
        telegram.stubFor(post("/bot" + botToken + "/setWebhook").willReturn(okJson("{\"ok\":true,\"result\":true}")));
        telegram.stubFor(post("/bot" + botToken + "/sendMessage")
                .willReturn(okJson("{\"ok\":true,\"result\":{\"message_id\":900,\"chat\":{\"id\":777}}}")));
        telegram.stubFor(post("/bot" + botToken + "/sendMessage")
                .atPriority(1)
                .withRequestBody(containing("fail me"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}")));
    }

    private record Channel(String id, String path, String secret) {}

    private Channel connect() {
        Api.Response created = api.post("/api/v1/channels")
                .in(shop, owner)
                .json(Map.of("kind", "telegram", "name", "Shop bot", "secrets", Map.of("botToken", botToken)))
                .send();
        created.assertStatus(201);
        // The secret token the service gave Telegram with setWebhook: what Telegram sends back.
        String secret = parse(telegram.findAll(postRequestedFor(urlEqualTo("/bot" + botToken + "/setWebhook")))
                        .get(0)
                        .getBodyAsString())
                .get("secret_token")
                .asText();
        return new Channel(
                created.json().get("id").asText(),
                created.json().get("webhook").get("path").asText(),
                secret);
    }

    private static JsonNode parse(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private Api.Response deliver(Channel channel, long updateId, String text) {
        String body = "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":" + updateId + ",\"date\":"
                + Instant.now().getEpochSecond() + ",\"from\":{\"id\":777,\"is_bot\":false,\"first_name\":\"Ann\"},"
                + "\"chat\":{\"id\":777,\"type\":\"private\"},\"text\":\"" + text + "\"}}";
        return webhooks.deliver(channel.path(), body, Map.of("X-Telegram-Bot-Api-Secret-Token", channel.secret()));
    }

    private JsonNode health(Channel channel) {
        Api.Response health = api.get("/api/v1/channels/" + channel.id() + "/health")
                .in(shop, owner)
                .send();
        health.assertStatus(200);
        return health.json();
    }

    private JsonNode conversation() {
        return await().atMost(SETTLED)
                .until(
                        () -> api.get("/api/v1/conversations")
                                .in(shop, owner)
                                .send()
                                .json()
                                .get("items"),
                        items -> items.size() == 1
                                && !items.get(0).path("lastInboundAt").isNull())
                .get(0);
    }

    private String reply(String conversation, String text, String status) {
        Api.Response sent = api.post("/api/v1/conversations/" + conversation + "/messages")
                .in(shop, owner)
                .json(Map.of("text", text))
                .send();
        sent.assertStatus(202);
        String id = sent.json().get("messageId").asText();
        await().atMost(SETTLED).until(() -> {
            for (JsonNode m : api.get("/api/v1/conversations/" + conversation + "/messages")
                    .in(shop, owner)
                    .send()
                    .json()
                    .get("items")) {
                if (m.get("id").asText().equals(id)) {
                    return status.equals(m.get("status").asText());
                }
            }
            return false;
        });
        return id;
    }

    private JsonNode todayOf(JsonNode stats, String channel) {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        for (JsonNode row : stats.get("days")) {
            if (row.get("channelId").asText().equals(channel)
                    && row.get("day").asText().equals(today)) {
                return row;
            }
        }
        return null;
    }

    @Test
    @DisplayName("health follows deliveries and sends; stats and the contact's timeline follow the conversation")
    void healthStatsAndTimeline() {
        Channel channel = connect();
        JsonNode fresh = health(channel);
        assertThat(fresh.get("webhookLastSeenAt").isNull()).isTrue();
        assertThat(fresh.get("lastError").isNull()).isTrue();
        assertThat(fresh.get("sends24h").asInt()).isZero();
        assertThat(fresh.get("failureRate").isNull()).as("no sends, no rate").isTrue();

        Instant before = Instant.now().minusSeconds(1);
        deliver(channel, 8001, "Hola").assertStatus(200);
        JsonNode seen = health(channel);
        assertThat(Instant.parse(seen.get("webhookLastSeenAt").asText())).isAfter(before);
        assertThat(Instant.parse(seen.get("lastInboundAt").asText())).isAfter(before);
        assertThat(seen.get("lastOutboundAt").isNull()).isTrue();

        JsonNode conversation = conversation();
        String id = conversation.get("id").asText();
        String contact = conversation.get("contactId").asText();
        reply(id, "Hi Ann", "sent");
        reply(id, "fail me", "failed");
        JsonNode afterSends = health(channel);
        assertThat(afterSends.get("lastOutboundAt").isNull()).isFalse();
        assertThat(afterSends.get("sends24h").asInt()).isEqualTo(2);
        assertThat(afterSends.get("failedSends24h").asInt()).isEqualTo(1);
        assertThat(afterSends.get("failureRate").asDouble()).isEqualTo(0.5);
        assertThat(afterSends.get("lastError").asText()).contains("chat not found");
        assertThat(afterSends.get("lastErrorAt").isNull()).isFalse();
        assertThat(afterSends.toString()).doesNotContain(botToken);

        api.post("/api/v1/conversations/" + id + "/resolve")
                .in(shop, owner)
                .send()
                .assertStatus(200);
        JsonNode today = await().atMost(SETTLED)
                .until(
                        () -> todayOf(
                                api.get("/api/v1/conversations/stats?channelId=" + channel.id())
                                        .in(shop, owner)
                                        .send()
                                        .json(),
                                channel.id()),
                        row -> row != null && row.get("conversationsResolved").asInt() == 1);
        assertThat(today.get("conversationsOpened").asInt()).isEqualTo(1);
        assertThat(today.get("messagesIn").asInt()).isEqualTo(1);
        assertThat(today.get("messagesOut").asInt()).isEqualTo(2);
        assertThat(today.get("firstResponse").get("count").asInt()).isEqualTo(1);
        assertThat(today.get("firstResponse").get("p50Millis").asLong()).isNotNegative();
        assertThat(today.get("resolution").get("count").asInt()).isEqualTo(1);

        List<String> types = await().atMost(SETTLED)
                .until(
                        () -> {
                            List<String> found = new ArrayList<>();
                            api.get("/api/v1/contacts/" + contact + "/timeline?types=message_received,message_sent")
                                    .in(shop, owner)
                                    .send()
                                    .json()
                                    .get("items")
                                    .forEach(e -> found.add(e.get("type").asText()));
                            return found;
                        },
                        found -> found.size() == 3);
        assertThat(types).containsExactly("message_sent", "message_sent", "message_received");
    }

    @Test
    @DisplayName("another tenant, a customer and an anonymous caller reach no health or stats; bad ranges are 400")
    void isolationAndBadInput() {
        Channel channel = connect();
        deliver(channel, 9001, "Hola").assertStatus(200);
        conversation();

        Platform.Shop globex = platform.newShop();
        String globexOwner = platform.ownerToken(globex);
        api.get("/api/v1/channels/" + channel.id() + "/health")
                .in(globex, globexOwner)
                .send()
                .assertProblem(404, "not_found");
        Api.Response theirs =
                api.get("/api/v1/conversations/stats").in(globex, globexOwner).send();
        theirs.assertStatus(200);
        assertThat(theirs.json().get("days")).isEmpty();
        assertThat(theirs.json().get("channels")).isEmpty();

        String customer = customer();
        api.get("/api/v1/channels/" + channel.id() + "/health")
                .in(shop, customer)
                .send()
                .assertStatus(403);
        api.get("/api/v1/conversations/stats").in(shop, customer).send().assertStatus(403);
        api.get("/api/v1/conversations/stats").origin(shop.domain()).send().assertStatus(401);

        api.get("/api/v1/conversations/stats?from=2026-03-05&to=2026-03-01")
                .in(shop, owner)
                .send()
                .assertProblem(400, "validation_failed");
        api.get("/api/v1/conversations/stats?from=2024-01-01&to=2026-03-01")
                .in(shop, owner)
                .send()
                .assertProblem(400, "validation_failed");
        api.get("/api/v1/conversations/stats?from=yesterday")
                .in(shop, owner)
                .send()
                .assertProblem(400, "validation_failed");
        api.get("/api/v1/channels/" + UUID.randomUUID() + "/health")
                .in(shop, owner)
                .send()
                .assertProblem(404, "not_found");
    }
}
