package dev.tenantcore.app;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A conversation's snooze is a durable deadline in PostgreSQL: stopping the application neither
 * loses nor doubles it, and it opens the conversation in the next run.
 */
class SnoozeDeadlineRestartTest {

    private static final String FOR_CONVERSATION = "position(convert_to(?, 'UTF8') in task_data) > 0";
    private static final Duration SETTLED = Duration.ofSeconds(20);
    private static final String BOT = "123456:AAHrestart";

    @RegisterExtension
    static final WireMockExtension telegram = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    @Test
    @DisplayName("a snooze set before a restart ends once after it and opens the conversation")
    void snoozeSurvivesRestart() throws Exception {
        Path dataDir = Restarts.dataDirectory("snooze-");
        Platform.Shop shop;
        String conversation;
        telegram.stubFor(post("/bot" + BOT + "/setWebhook").willReturn(okJson("{\"ok\":true,\"result\":true}")));
        String[] stubs = {
            "--app.channels.telegram.base-url=" + telegram.baseUrl(), "--app.channels.public-url=https://api.test"
        };
        try (ConfigurableApplicationContext first = Restarts.start(dataDir, stubs)) {
            Api api = Restarts.api(first);
            Platform platform = new Platform(api);
            shop = platform.newShop();
            String owner = platform.ownerToken(shop);
            Api.Response channel = api.post("/api/v1/channels")
                    .in(shop, owner)
                    .json(Map.of("kind", "telegram", "name", "Bot", "secrets", Map.of("botToken", BOT)))
                    .send();
            channel.assertStatus(201);
            String path = channel.json().get("webhook").get("path").asText();
            // The secret token the service made for the bot, as it told Telegram.
            String secret = new ObjectMapper()
                    .readTree(telegram.findAll(postRequestedFor(urlEqualTo("/bot" + BOT + "/setWebhook")))
                            .get(0)
                            .getBodyAsString())
                    .get("secret_token")
                    .asText();
            String update = "{\"update_id\":1,\"message\":{\"message_id\":1,\"date\":"
                    + Instant.now().getEpochSecond()
                    + ",\"from\":{\"id\":42,\"is_bot\":false,\"first_name\":\"Ann\"},\"chat\":{\"id\":42,"
                    + "\"type\":\"private\"},\"text\":\"Hola\"}}";
            new Webhooks(api)
                    .deliver(path, update, Map.of("X-Telegram-Bot-Api-Secret-Token", secret))
                    .assertStatus(200);
            conversation = Awaitility.await()
                    .atMost(SETTLED)
                    .until(() -> firstConversation(api, shop, owner), id -> id != null);
            api.post("/api/v1/conversations/" + conversation + "/snooze")
                    .in(shop, owner)
                    .json(Map.of("until", Instant.now().plus(Duration.ofDays(1)).toString()))
                    .send()
                    .assertStatus(200);
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            assertThat(count(jdbc, conversation)).isEqualTo(1);
        }
        try (ConfigurableApplicationContext second = Restarts.start(dataDir, stubs)) {
            Api api = Restarts.api(second);
            Platform platform = new Platform(api);
            String owner = platform.ownerToken(shop);
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            assertThat(count(jdbc, conversation)).as("not lost, not doubled").isEqualTo(1);
            assertThat(status(api, shop, owner, conversation)).isEqualTo("snoozed");

            assertThat(jdbc.update(
                            "UPDATE scheduled_tasks SET execution_time = now() WHERE " + FOR_CONVERSATION,
                            conversation))
                    .isEqualTo(1);
            String id = conversation;
            Awaitility.await().atMost(SETTLED).until(() -> "open".equals(status(api, shop, owner, id)));
            Awaitility.await().atMost(SETTLED).until(() -> count(jdbc, id) == 0);
        }
    }

    private static String firstConversation(Api api, Platform.Shop shop, String owner) {
        JsonNode items =
                api.get("/api/v1/conversations").in(shop, owner).send().json().get("items");
        return items.isEmpty() || items.get(0).path("lastInboundAt").isNull()
                ? null
                : items.get(0).get("id").asText();
    }

    private static String status(Api api, Platform.Shop shop, String owner, String id) {
        Api.Response found =
                api.get("/api/v1/conversations/" + id).in(shop, owner).send();
        found.assertStatus(200);
        return found.json().get("status").asText();
    }

    private static int count(JdbcTemplate jdbc, String conversation) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM scheduled_tasks WHERE " + FOR_CONVERSATION, Integer.class, conversation);
    }
}
