package dev.tenantcore.app;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tenantcore.app.support.Channels;
import dev.tenantcore.app.support.ShopTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Messenger's read receipt names no message, only a watermark time: our replies sent before it
 * become read, one sent after it stays sent, and an older watermark moves nothing back.
 */
@DisplayName("Messenger read watermark")
class ReadWatermarkTest extends ShopTest {

    private static final Duration SETTLED = Duration.ofSeconds(30);
    private static final String APP_SECRET = "9a8b7c6d5e4f30211203f4e5d6c7b8a9";
    private static final String PAGE_TOKEN = "EAAGpagewatermark012345";
    private static final String PAGE_ID = "104873218500077";
    private static final String PSID = "24000000000077";

    @RegisterExtension
    static final WireMockExtension graph = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    @BeforeAll
    static void pointDriverAtStub() {
        System.setProperty("app.channels.messenger.base-url", graph.baseUrl());
        System.setProperty("app.channels.public-url", Channels.PUBLIC_URL);
    }

    @AfterAll
    static void forgetStub() {
        System.clearProperty("app.channels.messenger.base-url");
        System.clearProperty("app.channels.public-url");
    }

    private static String item(String body) {
        long now = Instant.now().toEpochMilli();
        return "{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE_ID + "\",\"time\":" + now + ",\"messaging\":[{"
                + "\"sender\":{\"id\":\"" + PSID + "\"},\"recipient\":{\"id\":\"" + PAGE_ID + "\"},\"timestamp\":"
                + now + "," + body + "}]}]}";
    }

    private JsonNode message(Channels channels, String conversation, String id) {
        for (JsonNode m : channels.messages(shop, owner, conversation)) {
            if (m.get("id").asText().equals(id)) {
                return m;
            }
        }
        throw new AssertionError("no message " + id);
    }

    private String reply(Channels channels, String conversation, String text) {
        String id = api.post("/api/v1/conversations/" + conversation + "/messages")
                .in(shop, owner)
                .json(Map.of("text", text))
                .send()
                .assertStatus(202)
                .json()
                .get("messageId")
                .asText();
        await().atMost(SETTLED)
                .until(() -> message(channels, conversation, id).get("status").asText(), "sent"::equals);
        return id;
    }

    @Test
    @DisplayName("a watermark reads what was sent before it, never after it, and never backwards")
    void watermark() {
        for (String text : new String[] {"one", "two"}) {
            graph.stubFor(post("/v21.0/" + PAGE_ID + "/messages")
                    .withRequestBody(containing("\"" + text + "\""))
                    .willReturn(okJson("{\"recipient_id\":\"" + PSID + "\",\"message_id\":\"m_OUT_" + text + "\"}")));
        }
        Channels channels = new Channels(api);
        Channels.Channel channel = channels.connect(
                shop,
                owner,
                Map.of(
                        "kind",
                        "messenger",
                        "name",
                        "Page",
                        "accountId",
                        PAGE_ID,
                        "secrets",
                        Map.of("pageAccessToken", PAGE_TOKEN, "appSecret", APP_SECRET, "verifyToken", "verify-wm-1")),
                PAGE_TOKEN);
        channels.deliverMeta(channel, item("\"message\":{\"mid\":\"m_IN_W1\",\"text\":\"Hola\"}"), APP_SECRET)
                .assertStatus(200);
        String conversation = channels.awaitConversations(shop, owner, 1, SETTLED)
                .get(0)
                .get("id")
                .asText();

        String first = reply(channels, conversation, "one");
        Instant between = Instant.now();
        String second = reply(channels, conversation, "two");

        channels.deliverMeta(channel, item("\"read\":{\"watermark\":" + between.toEpochMilli() + "}"), APP_SECRET)
                .assertStatus(200);
        await().atMost(SETTLED)
                .until(
                        () -> message(channels, conversation, first)
                                .get("status")
                                .asText(),
                        "read"::equals);
        assertThat(message(channels, conversation, second).get("status").asText())
                .isEqualTo("sent");

        // A later watermark reads the second; a stale one after it changes nothing.
        channels.deliverMeta(
                        channel, item("\"read\":{\"watermark\":" + Instant.now().toEpochMilli() + "}"), APP_SECRET)
                .assertStatus(200);
        await().atMost(SETTLED)
                .until(
                        () -> message(channels, conversation, second)
                                .get("status")
                                .asText(),
                        "read"::equals);
        channels.deliverMeta(channel, item("\"read\":{\"watermark\":1}"), APP_SECRET)
                .assertStatus(200);
        assertThat(message(channels, conversation, first).get("status").asText())
                .isEqualTo("read");
        assertThat(message(channels, conversation, second).get("status").asText())
                .isEqualTo("read");
    }
}
