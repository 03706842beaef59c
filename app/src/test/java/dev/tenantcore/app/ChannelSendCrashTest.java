package dev.tenantcore.app;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.Restarts;
import dev.tenantcore.app.support.Webhooks;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A send is never made twice for one message: the node dies while the provider has the request (the
 * stub answers only after the node stopped), and the restarted application finds the attempt
 * recorded but not acknowledged. It does not call again; it fails the message as "not confirmed".
 */
class ChannelSendCrashTest {

    /** Longer than a node takes to stop: the answer finds nobody waiting. */
    private static final int ANSWER_DELAY_MS = 20_000;
    /** Fast heartbeats, so the restarted node takes over the dead node's send within seconds. */
    private static final String[] SCHEDULER = {
        "--db-scheduler.heartbeat-interval=1s",
        "--db-scheduler.missed-heartbeats-limit=4",
        "--db-scheduler.shutdown-max-wait=0s",
        "--db-scheduler.polling-interval=200ms"
    };

    @RegisterExtension
    static final WireMockExtension telegram = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1"))
            .build();

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

    @Test
    @DisplayName("the node dies between the provider call and its answer: after a restart the message is not sent"
            + " again and ends failed as not confirmed")
    void sendOnceAcrossACrash() throws Exception {
        String botToken = "515151:AAH" + UUID.randomUUID().toString().replace("-", "");
        String sendPath = "/bot" + botToken + "/sendMessage";
        telegram.stubFor(post("/bot" + botToken + "/setWebhook").willReturn(okJson("{\"ok\":true,\"result\":true}")));
        telegram.stubFor(post(sendPath)
                .willReturn(okJson("{\"ok\":true,\"result\":{\"message_id\":900,\"chat\":{\"id\":777}}}")
                        .withFixedDelay(ANSWER_DELAY_MS)));
        Path dataDir = Restarts.dataDirectory("channel-send-");
        Platform.Shop shop;
        String conversation;
        String message;
        String channel;
        try (ConfigurableApplicationContext first = Restarts.start(dataDir, SCHEDULER)) {
            Api api = Restarts.api(first);
            Platform platform = new Platform(api);
            shop = platform.newShop();
            String owner = platform.ownerToken(shop);
            Api.Response created = api.post("/api/v1/channels")
                    .in(shop, owner)
                    .json(Map.of("kind", "telegram", "name", "Bot", "secrets", Map.of("botToken", botToken)))
                    .send();
            created.assertStatus(201);
            channel = created.json().get("id").asText();
            String secret = new ObjectMapper()
                    .readTree(telegram.findAll(postRequestedFor(urlEqualTo("/bot" + botToken + "/setWebhook")))
                            .get(0)
                            .getBodyAsString())
                    .get("secret_token")
                    .asText();
            String update = "{\"update_id\":1,\"message\":{\"message_id\":1,\"date\":"
                    + Instant.now().getEpochSecond()
                    + ",\"from\":{\"id\":777,\"is_bot\":false,\"first_name\":\"Ann\"},"
                    + "\"chat\":{\"id\":777,\"type\":\"private\"},\"text\":\"Hola\"}}";
            new Webhooks(api)
                    .deliver(
                            created.json().get("webhook").get("path").asText(),
                            update,
                            Map.of("X-Telegram-Bot-Api-Secret-Token", secret))
                    .assertStatus(200);
            conversation = await().atMost(Duration.ofSeconds(20))
                    .until(
                            () -> api.get("/api/v1/conversations")
                                    .in(shop, owner)
                                    .send()
                                    .json()
                                    .get("items"),
                            items -> items.size() == 1)
                    .get(0)
                    .get("id")
                    .asText();
            message = api.post("/api/v1/conversations/" + conversation + "/messages")
                    .in(shop, owner)
                    .json(Map.of("text", "Hi Ann"))
                    .send()
                    .assertStatus(202)
                    .json()
                    .get("messageId")
                    .asText();
            // The request has reached the provider; its answer is still on the way when the node stops.
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> telegram.findAll(postRequestedFor(urlEqualTo(sendPath)))
                                    .size()
                            == 1);
        }
        try (ConfigurableApplicationContext second = Restarts.start(dataDir, SCHEDULER)) {
            Api api = Restarts.api(second);
            String owner = new Platform(api).ownerToken(shop);
            JsonNode failed = await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> find(api, shop, owner, conversation, message),
                            m -> m != null && "failed".equals(m.get("status").asText()));
            assertThat(failed.get("failureReason").asText()).contains("Not confirmed");
            // Reported, the send is done: no later attempt can call again.
            assertThat(telegram.findAll(postRequestedFor(urlEqualTo(sendPath))))
                    .as("sent once, not again after the restart")
                    .hasSize(1);
            JsonNode health = api.get("/api/v1/channels/" + channel + "/health")
                    .in(shop, owner)
                    .send()
                    .assertStatus(200)
                    .json();
            assertThat(health.get("failedSends24h").asInt()).isEqualTo(1);
            assertThat(health.get("lastError").asText()).contains("Not confirmed");
        }
    }

    private static JsonNode find(Api api, Platform.Shop shop, String owner, String conversation, String message) {
        for (JsonNode m : api.get("/api/v1/conversations/" + conversation + "/messages")
                .in(shop, owner)
                .send()
                .json()
                .get("items")) {
            if (m.get("id").asText().equals(message)) {
                return m;
            }
        }
        return null;
    }
}
