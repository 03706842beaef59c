package dev.tenantcore.app;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Channels;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ShopTest;
import dev.tenantcore.app.support.Webhooks;
import java.time.Duration;
import java.time.Instant;
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
 * Conversations end to end per channel, against stubs of the Telegram Bot API and the WhatsApp Cloud
 * API: a channel connected, a customer's delivery verified and visible in the conversation, a reply
 * sent once after the transaction, and its statuses; forged, unknown and replayed deliveries; and
 * another tenant who tries to reach any of it.
 */
@DisplayName("Conversations over channels")
class ConversationsTest extends ShopTest {

    private static final Duration SETTLED = Duration.ofSeconds(15);
    private static final String PUBLIC_URL = Channels.PUBLIC_URL;

    @RegisterExtension
    static final WireMockExtension telegram = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    @RegisterExtension
    static final WireMockExtension graph = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private Webhooks webhooks;
    private Channels channels;
    private String botToken;

    @BeforeAll
    static void pointDriversAtStubs() {
        System.setProperty("app.channels.telegram.base-url", telegram.baseUrl());
        System.setProperty("app.channels.whatsapp.base-url", graph.baseUrl());
        System.setProperty("app.channels.public-url", PUBLIC_URL);
    }

    @AfterAll
    static void forgetStubs() {
        System.clearProperty("app.channels.telegram.base-url");
        System.clearProperty("app.channels.whatsapp.base-url");
        System.clearProperty("app.channels.public-url");
    }

    @BeforeEach
    void setUp() {
        webhooks = new Webhooks(api);
        channels = new Channels(api);
        botToken = (100000 + (int) (Math.random() * 800000)) + ":AAH"
                + UUID.randomUUID().toString().replace("-", "");
        telegram.stubFor(post("/bot" + botToken + "/setWebhook").willReturn(okJson("{\"ok\":true,\"result\":true}")));
        telegram.stubFor(post("/bot" + botToken + "/getMe")
                .willReturn(okJson("{\"ok\":true,\"result\":{\"id\":1,\"is_bot\":true,\"username\":\"acme_bot\"}}")));
        telegram.stubFor(post("/bot" + botToken + "/sendMessage")
                .willReturn(okJson("{\"ok\":true,\"result\":{\"message_id\":900,\"chat\":{\"id\":777}}}")));
    }

    // ------------------------------------------------------------------------------------ Telegram

    private record Channel(String id, String path, String secret) {}

    private Channel connectTelegram(Platform.Shop in, String token) {
        Api.Response created = api.post("/api/v1/channels")
                .in(in, token)
                .json(Map.of("kind", "telegram", "name", "Shop bot", "secrets", Map.of("botToken", botToken)))
                .send();
        created.assertStatus(201);
        assertThat(created.body()).doesNotContain(botToken);
        JsonNode webhook = created.json().get("webhook");
        String path = webhook.get("path").asText();
        assertThat(path).startsWith("/api/v1/webhooks/channels/").doesNotContain(in.id());
        assertThat(webhook.get("url").asText()).isEqualTo(PUBLIC_URL + path);
        assertThat(webhook.get("registrationError").isNull()).isTrue();
        // setWebhook told Telegram the URL and a secret token of the service's own making.
        List<LoggedRequest> set = telegram.findAll(postRequestedFor(urlEqualTo("/bot" + botToken + "/setWebhook")));
        assertThat(set).hasSize(1);
        JsonNode body = parse(set.get(0).getBodyAsString());
        assertThat(body.get("url").asText()).isEqualTo(PUBLIC_URL + path);
        assertThat(body.get("allowed_updates").toString()).isEqualTo("[\"message\"]");
        String secret = body.get("secret_token").asText();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(32).doesNotContain(botToken);
        return new Channel(created.json().get("id").asText(), path, secret);
    }

    private static JsonNode parse(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String update(long updateId, long messageId, String text) {
        return "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":" + messageId + ",\"date\":"
                + Instant.now().getEpochSecond() + ",\"from\":{\"id\":777,\"is_bot\":false,\"first_name\":\"Ann\"},"
                + "\"chat\":{\"id\":777,\"type\":\"private\"},\"text\":\"" + text + "\"}}";
    }

    private Api.Response deliverTelegram(Channel channel, String secret, String body) {
        return channels.deliverTelegram(new Channels.Channel(channel.id(), channel.path()), secret, body);
    }

    private JsonNode awaitConversation(Platform.Shop in, String token) {
        return await().atMost(SETTLED)
                .until(
                        () -> {
                            Api.Response list = api.get("/api/v1/conversations")
                                    .in(in, token)
                                    .send();
                            list.assertStatus(200);
                            return list.json().get("items");
                        },
                        // The message that started it is in the row too (its own event, maybe another batch).
                        items -> items.size() == 1
                                && !items.get(0).path("lastInboundAt").isNull()
                                && !items.get(0).path("lastInboundAt").isMissingNode())
                .get(0);
    }

    private JsonNode messages(String conversation) {
        return channels.messages(shop, owner, conversation);
    }

    private long deliveries(Platform.Shop in) {
        return asTenant(
                in,
                () -> jdbc.queryForObject(
                        "SELECT count(*) FROM webhook_deliveries WHERE source = 'channels'", Long.class));
    }

    @Test
    @DisplayName("Telegram: an update is verified, visible, answered once after the transaction, read and resolved")
    void telegramFlow() {
        Channel channel = connectTelegram(shop, owner);

        Api.Response validated = api.post("/api/v1/channels/" + channel.id() + "/validate")
                .in(shop, owner)
                .send();
        validated.assertStatus(200);
        assertThat(validated.json().get("displayName").asText()).isEqualTo("@acme_bot");

        Api.Response delivered = deliverTelegram(channel, channel.secret(), update(5001, 11, "Hola"));
        delivered.assertStatus(200);
        assertThat(delivered.json().get("result").asText()).isEqualTo("processed");
        Api.Response again = deliverTelegram(channel, channel.secret(), update(5001, 11, "Hola"));
        again.assertStatus(200);
        assertThat(again.json().get("result").asText()).isEqualTo("duplicate");

        JsonNode conversation = awaitConversation(shop, owner);
        String id = conversation.get("id").asText();
        assertThat(conversation.get("channelKind").asText()).isEqualTo("telegram");
        assertThat(conversation.get("channelUserId").asText()).isEqualTo("777");
        assertThat(conversation.get("userName").asText()).isEqualTo("Ann");
        assertThat(conversation.get("status").asText()).isEqualTo("open");
        assertThat(conversation.get("unread").asInt()).isEqualTo(1);
        assertThat(conversation.get("contactId").isNull()).isFalse();
        assertThat(messages(id)).hasSize(1);
        assertThat(messages(id).get(0).get("text").asText()).isEqualTo("Hola");

        // The contact was found or made through the CRM, with the channel handle.
        await().atMost(SETTLED).untilAsserted(() -> {
            Api.Response contact = api.get(
                            "/api/v1/contacts/" + conversation.get("contactId").asText())
                    .in(shop, owner)
                    .send();
            assertThat(contact.status()).isEqualTo(200);
            assertThat(contact.body()).contains("telegram").contains("777");
        });

        Api.Response reply = api.post("/api/v1/conversations/" + id + "/messages")
                .in(shop, owner)
                .json(Map.of("text", "Hi Ann"))
                .send();
        reply.assertStatus(202);
        String messageId = reply.json().get("messageId").asText();
        assertThat(reply.json().get("status").asText()).isEqualTo("pending");
        await().atMost(SETTLED).untilAsserted(() -> {
            JsonNode sent = findMessage(id, messageId);
            assertThat(sent.get("status").asText()).isEqualTo("sent");
        });
        List<LoggedRequest> sends = telegram.findAll(postRequestedFor(urlEqualTo("/bot" + botToken + "/sendMessage")));
        assertThat(sends).hasSize(1);
        assertThat(sends.get(0).getBodyAsString()).isEqualTo("{\"chat_id\":\"777\",\"text\":\"Hi Ann\"}");

        Api.Response read = api.post("/api/v1/conversations/" + id + "/read")
                .in(shop, owner)
                .returningRepresentation()
                .send();
        read.assertStatus(200);
        assertThat(read.json().get("unread").asInt()).isZero();
        Api.Response resolved = api.post("/api/v1/conversations/" + id + "/resolve")
                .in(shop, owner)
                .returningRepresentation()
                .send();
        resolved.assertStatus(200);
        assertThat(resolved.json().get("status").asText()).isEqualTo("resolved");
        Api.Response filtered = api.get("/api/v1/conversations?status=resolved&channelId=" + channel.id())
                .in(shop, owner)
                .send();
        filtered.assertStatus(200);
        assertThat(filtered.json().get("items")).hasSize(1);
        assertThat(api.get("/api/v1/conversations?unread=true")
                        .in(shop, owner)
                        .send()
                        .json()
                        .get("items"))
                .isEmpty();
        // Still one delivery kept: the duplicate changed nothing.
        assertThat(deliveries(shop)).isEqualTo(1);
    }

    private JsonNode findMessage(String conversation, String messageId) {
        for (JsonNode message : messages(conversation)) {
            if (message.get("id").asText().equals(messageId)) {
                return message;
            }
        }
        throw new AssertionError("no message " + messageId);
    }

    @Test
    @DisplayName("forged, unknown and other tenants' deliveries are refused with 400 and nothing is recorded")
    void forgedRefused() {
        Channel channel = connectTelegram(shop, owner);
        deliverTelegram(channel, "not-the-secret-token-at-all-000000", update(1, 1, "x"))
                .assertProblem(400, "invalid_signature");
        webhooks.deliver(channel.path(), update(2, 2, "x"), Map.of()).assertProblem(400, "invalid_signature");
        Channel unknown = new Channel(channel.id(), "/api/v1/webhooks/channels/unknown-endpoint", channel.secret());
        deliverTelegram(unknown, channel.secret(), update(3, 3, "x")).assertProblem(400, "invalid_signature");

        // Globex's channel cannot be fed with Acme's secret.
        Platform.Shop globex = platform.newShop();
        String globexOwner = platform.ownerToken(globex);
        botToken = "424242:AAH" + UUID.randomUUID().toString().replace("-", "");
        telegram.stubFor(post("/bot" + botToken + "/setWebhook").willReturn(okJson("{\"ok\":true,\"result\":true}")));
        Channel theirs = connectTelegram(globex, globexOwner);
        deliverTelegram(theirs, channel.secret(), update(4, 4, "x")).assertProblem(400, "invalid_signature");

        assertThat(deliveries(shop)).isZero();
        assertThat(deliveries(globex)).isZero();
        assertThat(api.get("/api/v1/conversations")
                        .in(shop, owner)
                        .send()
                        .json()
                        .get("items"))
                .isEmpty();
    }

    @Test
    @DisplayName("another tenant, a customer and an anonymous caller reach neither channels nor conversations")
    void isolation() {
        Channel channel = connectTelegram(shop, owner);
        deliverTelegram(channel, channel.secret(), update(7001, 1, "Hola")).assertStatus(200);
        String id = awaitConversation(shop, owner).get("id").asText();

        Platform.Shop globex = platform.newShop();
        String globexOwner = platform.ownerToken(globex);
        api.get("/api/v1/conversations/" + id).in(globex, globexOwner).send().assertProblem(404, "not_found");
        api.get("/api/v1/conversations/" + id + "/messages")
                .in(globex, globexOwner)
                .send()
                .assertProblem(404, "not_found");
        api.post("/api/v1/conversations/" + id + "/messages")
                .in(globex, globexOwner)
                .json(Map.of("text", "hijack"))
                .send()
                .assertProblem(404, "not_found");
        api.post("/api/v1/conversations/" + id + "/resolve")
                .in(globex, globexOwner)
                .send()
                .assertProblem(404, "not_found");
        api.get("/api/v1/channels/" + channel.id())
                .in(globex, globexOwner)
                .send()
                .assertProblem(404, "not_found");
        api.delete("/api/v1/channels/" + channel.id())
                .in(globex, globexOwner)
                .send()
                .assertProblem(404, "not_found");
        assertThat(api.get("/api/v1/conversations")
                        .in(globex, globexOwner)
                        .send()
                        .json()
                        .get("items"))
                .isEmpty();
        assertThat(api.get("/api/v1/channels")
                        .in(globex, globexOwner)
                        .send()
                        .json()
                        .get("items"))
                .isEmpty();

        String customer = customer();
        api.get("/api/v1/conversations").in(shop, customer).send().assertStatus(403);
        api.get("/api/v1/channels").in(shop, customer).send().assertStatus(403);
        api.get("/api/v1/conversations").origin(shop.domain()).send().assertStatus(401);

        // The conversation is still Acme's alone, and nothing was sent to the customer.
        assertThat(messages(id)).hasSize(1);
        assertThat(telegram.findAll(postRequestedFor(urlEqualTo("/bot" + botToken + "/sendMessage"))))
                .isEmpty();
    }

    @Test
    @DisplayName("a disconnected channel's deliveries are refused and its secrets are gone")
    void disconnect() {
        Channel channel = connectTelegram(shop, owner);
        api.delete("/api/v1/channels/" + channel.id()).in(shop, owner).send().assertStatus(204);
        deliverTelegram(channel, channel.secret(), update(1, 1, "x")).assertProblem(400, "invalid_signature");
        assertThat(asTenant(
                        shop,
                        () -> jdbc.queryForObject(
                                "SELECT count(*) FROM tenant_credentials WHERE scope = ?",
                                Long.class,
                                "crm.channel." + channel.id())))
                .isZero();
    }

    // ------------------------------------------------------------------------------------ WhatsApp

    private static final String PHONE_NUMBER_ID = "106540352242922";
    private static final String APP_SECRET = "6f1c0d3e2b4a59687a6b5c4d3e2f1a0b";
    private static final String ACCESS_TOKEN = "EAAJB0123456789abcdef";

    private Channel connectWhatsApp() {
        Api.Response created = api.post("/api/v1/channels")
                .in(shop, owner)
                .json(Map.of(
                        "kind",
                        "whatsapp",
                        "name",
                        "WhatsApp",
                        "accountId",
                        PHONE_NUMBER_ID,
                        "secrets",
                        Map.of("accessToken", ACCESS_TOKEN, "appSecret", APP_SECRET, "verifyToken", "verify-me-123")))
                .send();
        created.assertStatus(201);
        assertThat(created.body())
                .doesNotContain(ACCESS_TOKEN)
                .doesNotContain(APP_SECRET)
                .doesNotContain("verify-me-123");
        assertThat(created.json().get("secretsSet").toString())
                .isEqualTo("[\"accessToken\",\"appSecret\",\"verifyToken\"]");
        return new Channel(
                created.json().get("id").asText(),
                created.json().get("webhook").get("path").asText(),
                null);
    }

    private static String whatsapp(String valueBody) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1022\",\"changes\":[{\"value\":{"
                + "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783881\","
                + "\"phone_number_id\":\"" + PHONE_NUMBER_ID + "\"}," + valueBody + "},\"field\":\"messages\"}]}]}";
    }

    private Api.Response deliverWhatsApp(Channel channel, String body, String secret) {
        return channels.deliverMeta(new Channels.Channel(channel.id(), channel.path()), body, secret);
    }

    private static String status(String wamid, String status) {
        return whatsapp("\"statuses\":[{\"id\":\"" + wamid + "\",\"status\":\"" + status + "\",\"timestamp\":\""
                + Instant.now().getEpochSecond() + "\",\"recipient_id\":\"34600111222\"}]");
    }

    @Test
    @DisplayName("WhatsApp: Meta's handshake, a signed message visible, a reply sent and its statuses never backwards")
    void whatsappFlow() {
        Channel channel = connectWhatsApp();
        Api.Response handshake = api.get(
                        channel.path() + "?hub.mode=subscribe&hub.verify_token=verify-me-123&hub.challenge=1158201444")
                .send();
        handshake.assertStatus(200);
        assertThat(handshake.body()).isEqualTo("1158201444");
        api.get(channel.path() + "?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1")
                .send()
                .assertProblem(403, "forbidden");

        String inbound = whatsapp("\"contacts\":[{\"profile\":{\"name\":\"Ann\"},\"wa_id\":\"34600111222\"}],"
                + "\"messages\":[{\"from\":\"34600111222\",\"id\":\"wamid.IN1\",\"timestamp\":\""
                + Instant.now().getEpochSecond() + "\",\"text\":{\"body\":\"Hola\"},\"type\":\"text\"}]");
        deliverWhatsApp(channel, inbound, "another-app-secret-000").assertProblem(400, "invalid_signature");
        deliverWhatsApp(channel, inbound, APP_SECRET).assertStatus(200);

        JsonNode conversation = awaitConversation(shop, owner);
        String id = conversation.get("id").asText();
        assertThat(conversation.get("channelUserId").asText()).isEqualTo("34600111222");

        graph.stubFor(post("/v21.0/" + PHONE_NUMBER_ID + "/messages")
                .willReturn(okJson("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.OUT1\"}]}")));
        Api.Response reply = api.post("/api/v1/conversations/" + id + "/messages")
                .in(shop, owner)
                .json(Map.of("text", "Hi Ann"))
                .send();
        reply.assertStatus(202);
        String messageId = reply.json().get("messageId").asText();
        await().atMost(SETTLED)
                .until(() -> findMessage(id, messageId).get("status").asText().equals("sent"));
        graph.verify(
                1,
                postRequestedFor(urlEqualTo("/v21.0/" + PHONE_NUMBER_ID + "/messages"))
                        .withRequestBody(
                                equalToJson(
                                        "{\"messaging_product\":\"whatsapp\",\"recipient_type\":"
                                                + "\"individual\",\"to\":\"34600111222\",\"type\":\"text\",\"text\":{\"body\":\"Hi Ann\"}}")));

        deliverWhatsApp(channel, status("wamid.OUT1", "read"), APP_SECRET).assertStatus(200);
        await().atMost(SETTLED)
                .until(() -> findMessage(id, messageId).get("status").asText().equals("read"));
        // A late "delivered" after "read" changes nothing.
        deliverWhatsApp(channel, status("wamid.OUT1", "delivered"), APP_SECRET).assertStatus(200);
        Api.Response note = api.post("/api/v1/conversations/" + id + "/notes")
                .in(shop, owner)
                .json(Map.of("text", "VIP"))
                .send();
        note.assertStatus(202);
        await().atMost(SETTLED).until(() -> messages(id).size() == 3);
        assertThat(findMessage(id, messageId).get("status").asText()).isEqualTo("read");
    }

    @Test
    @DisplayName("WhatsApp's refusal fails the message with its reason, and bad replies are 4xx")
    void whatsappRefusal() {
        Channel channel = connectWhatsApp();
        String inbound = whatsapp("\"messages\":[{\"from\":\"34600999888\",\"id\":\"wamid.IN9\",\"timestamp\":\""
                + Instant.now().getEpochSecond() + "\",\"text\":{\"body\":\"Hola\"},\"type\":\"text\"}]");
        deliverWhatsApp(channel, inbound, APP_SECRET).assertStatus(200);
        String id = awaitConversation(shop, owner).get("id").asText();
        graph.stubFor(post("/v21.0/" + PHONE_NUMBER_ID + "/messages")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"Re-engagement message\",\"code\":131047}}")));
        String messageId = api.post("/api/v1/conversations/" + id + "/messages")
                .in(shop, owner)
                .json(Map.of("text", "Hi"))
                .send()
                .assertStatus(202)
                .json()
                .get("messageId")
                .asText();
        await().atMost(SETTLED)
                .until(() -> findMessage(id, messageId).get("status").asText().equals("failed"));
        assertThat(findMessage(id, messageId).get("failureReason").asText()).contains("131047");

        api.post("/api/v1/conversations/" + id + "/messages")
                .in(shop, owner)
                .json(Map.of())
                .send()
                .assertProblem(400, "validation_failed");
        api.post("/api/v1/conversations/" + id + "/messages")
                .in(shop, owner)
                .json(Map.of("template", Map.of("name", "x", "language", "en"), "text", "and text"))
                .send()
                .assertProblem(400, "validation_failed");
        api.post("/api/v1/conversations/" + UUID.randomUUID() + "/messages")
                .in(shop, owner)
                .json(Map.of("text", "Hi"))
                .send()
                .assertProblem(404, "not_found");
        graph.stubFor(get(urlEqualTo("/v21.0/" + PHONE_NUMBER_ID + "?fields=display_phone_number,verified_name"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"Invalid OAuth access token\",\"code\":190}}")));
        api.post("/api/v1/channels/" + channel.id() + "/validate")
                .in(shop, owner)
                .send()
                .assertProblem(502, "channel_provider_failed");
    }
}
