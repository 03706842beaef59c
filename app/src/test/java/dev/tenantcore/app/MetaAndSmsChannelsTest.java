package dev.tenantcore.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Messenger, Instagram and Twilio SMS end to end through the real webhook endpoint, against stubs of
 * the Graph Send API and Twilio's Messages API: a signed delivery opens a conversation that another
 * tenant cannot see, a forged one records nothing, and (SMS) a reply is sent once with its status
 * callback, whose statuses move it forward only. Signatures are computed here as the providers
 * document them, not with the application's code.
 */
@DisplayName("Messenger, Instagram and SMS channels")
class MetaAndSmsChannelsTest extends ShopTest {

    private static final Duration SETTLED = Duration.ofSeconds(30);
    private static final String PUBLIC_URL = "https://api.tenantcore.test";
    private static final String APP_SECRET = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private static final String PAGE_TOKEN = "EAAGpage0123456789abcdef";
    private static final String PAGE_ID = "104873218593271";
    private static final String IG_ID = "17841405822304914";
    private static final String ACCOUNT_SID = "AC" + "0123456789abcdef0123456789abcdef";
    private static final String AUTH_TOKEN = "f00dfeedf00dfeedf00dfeedf00dfeed";
    private static final String FROM = "+15017122661";
    private static final String CUSTOMER = "+34600111222";

    @RegisterExtension
    static final WireMockExtension graph = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    @RegisterExtension
    static final WireMockExtension twilio = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    @BeforeAll
    static void pointDriversAtStubs() {
        System.setProperty("app.channels.messenger.base-url", graph.baseUrl());
        System.setProperty("app.channels.instagram.base-url", graph.baseUrl());
        System.setProperty("app.channels.twilio.base-url", twilio.baseUrl());
        System.setProperty("app.channels.public-url", PUBLIC_URL);
    }

    @AfterAll
    static void forgetStubs() {
        System.clearProperty("app.channels.messenger.base-url");
        System.clearProperty("app.channels.instagram.base-url");
        System.clearProperty("app.channels.twilio.base-url");
        System.clearProperty("app.channels.public-url");
    }

    private record Channel(String id, String path) {}

    private Channel connect(Platform.Shop in, String token, Map<String, Object> request) {
        Api.Response created =
                api.post("/api/v1/channels").in(in, token).json(request).send();
        created.assertStatus(201);
        assertThat(created.body())
                .doesNotContain(PAGE_TOKEN)
                .doesNotContain(APP_SECRET)
                .doesNotContain(AUTH_TOKEN);
        String path = created.json().get("webhook").get("path").asText();
        assertThat(created.json().get("webhook").get("url").asText()).isEqualTo(PUBLIC_URL + path);
        return new Channel(created.json().get("id").asText(), path);
    }

    private Channel connectMeta(String kind, String accountId) {
        return connect(
                shop,
                owner,
                Map.of(
                        "kind",
                        kind,
                        "name",
                        kind,
                        "accountId",
                        accountId,
                        "secrets",
                        Map.of(
                                "pageAccessToken",
                                PAGE_TOKEN,
                                "appSecret",
                                APP_SECRET,
                                "verifyToken",
                                "verify-me-123")));
    }

    private Api.Response deliverMeta(Channel channel, String body, String secret) {
        return api.post(channel.path())
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", Channels.hubSignature(secret, body))
                .raw(body)
                .send();
    }

    private static String messaging(String object, String entryId, String sender, String mid, String text) {
        return "{\"object\":\"" + object + "\",\"entry\":[{\"id\":\"" + entryId + "\",\"time\":"
                + Instant.now().toEpochMilli() + ",\"messaging\":[{\"sender\":{\"id\":\"" + sender + "\"},"
                + "\"recipient\":{\"id\":\"" + entryId + "\"},\"timestamp\":"
                + Instant.now().toEpochMilli()
                + ",\"message\":{\"mid\":\"" + mid + "\",\"text\":\"" + text + "\"}}]}]}";
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
                        items -> items.size() == 1
                                && !items.get(0).path("lastInboundAt").isNull()
                                && !items.get(0).path("lastInboundAt").isMissingNode())
                .get(0);
    }

    private JsonNode messages(String conversation) {
        Api.Response page = api.get("/api/v1/conversations/" + conversation + "/messages")
                .in(shop, owner)
                .send();
        page.assertStatus(200);
        return page.json().get("items");
    }

    private JsonNode findMessage(String conversation, String messageId) {
        for (JsonNode message : messages(conversation)) {
            if (message.get("id").asText().equals(messageId)) {
                return message;
            }
        }
        throw new AssertionError("no message " + messageId);
    }

    private long deliveries(Platform.Shop in) {
        return asTenant(
                in,
                () -> jdbc.queryForObject(
                        "SELECT count(*) FROM webhook_deliveries WHERE source = 'channels'", Long.class));
    }

    /** Another tenant sees neither the conversation nor its messages, and cannot reply in it. */
    private void invisibleToAnotherTenant(String conversation) {
        Platform.Shop globex = platform.newShop();
        String globexOwner = platform.ownerToken(globex);
        api.get("/api/v1/conversations/" + conversation)
                .in(globex, globexOwner)
                .send()
                .assertProblem(404, "not_found");
        api.get("/api/v1/conversations/" + conversation + "/messages")
                .in(globex, globexOwner)
                .send()
                .assertProblem(404, "not_found");
        api.post("/api/v1/conversations/" + conversation + "/messages")
                .in(globex, globexOwner)
                .json(Map.of("text", "hijack"))
                .send()
                .assertProblem(404, "not_found");
        assertThat(api.get("/api/v1/conversations")
                        .in(globex, globexOwner)
                        .send()
                        .json()
                        .get("items"))
                .isEmpty();
        assertThat(deliveries(globex)).isZero();
    }

    @Test
    @DisplayName(
            "Messenger: Meta's handshake, a signed message opens a conversation, a reply is sent, forgeries refused")
    void messenger() {
        Channel channel = connectMeta("messenger", PAGE_ID);
        Api.Response handshake = api.get(
                        channel.path() + "?hub.mode=subscribe&hub.verify_token=verify-me-123&hub.challenge=1158201444")
                .send();
        handshake.assertStatus(200);
        assertThat(handshake.body()).isEqualTo("1158201444");

        String body = messaging("page", PAGE_ID, "6543210987654321", "m_IN1", "Hola");
        deliverMeta(channel, body, "another-app-secret-000").assertProblem(400, "invalid_signature");
        assertThat(deliveries(shop)).isZero();
        Api.Response delivered = deliverMeta(channel, body, APP_SECRET);
        delivered.assertStatus(200);
        assertThat(delivered.json().get("result").asText()).isEqualTo("processed");
        assertThat(deliverMeta(channel, body, APP_SECRET).json().get("result").asText())
                .isEqualTo("duplicate");

        JsonNode conversation = awaitConversation(shop, owner);
        String id = conversation.get("id").asText();
        assertThat(conversation.get("channelKind").asText()).isEqualTo("messenger");
        assertThat(conversation.get("channelUserId").asText()).isEqualTo("6543210987654321");
        assertThat(messages(id)).hasSize(1);
        assertThat(messages(id).get(0).get("text").asText()).isEqualTo("Hola");

        graph.stubFor(post("/v21.0/" + PAGE_ID + "/messages")
                .willReturn(okJson("{\"recipient_id\":\"6543210987654321\",\"message_id\":\"m_OUT1\"}")));
        String messageId = api.post("/api/v1/conversations/" + id + "/messages")
                .in(shop, owner)
                .json(Map.of("text", "Hi Ann"))
                .send()
                .assertStatus(202)
                .json()
                .get("messageId")
                .asText();
        await().atMost(SETTLED)
                .untilAsserted(() -> assertThat(
                                findMessage(id, messageId).get("status").asText())
                        .isEqualTo("sent"));
        graph.verify(
                1,
                postRequestedFor(urlEqualTo("/v21.0/" + PAGE_ID + "/messages"))
                        .withHeader("Authorization", equalTo("Bearer " + PAGE_TOKEN))
                        .withRequestBody(equalToJson("{\"recipient\":{\"id\":\"6543210987654321\"},"
                                + "\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\"Hi Ann\"}}")));
        String receipt = "{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE_ID + "\",\"time\":1,\"messaging\":[{"
                + "\"sender\":{\"id\":\"6543210987654321\"},\"recipient\":{\"id\":\"" + PAGE_ID + "\"},"
                + "\"timestamp\":1,\"delivery\":{\"mids\":[\"m_OUT1\"],\"watermark\":1}}]}]}";
        deliverMeta(channel, receipt, APP_SECRET).assertStatus(200);
        await().atMost(SETTLED)
                .untilAsserted(() -> assertThat(
                                findMessage(id, messageId).get("status").asText())
                        .isEqualTo("delivered"));

        invisibleToAnotherTenant(id);
    }

    @Test
    @DisplayName("Instagram: a signed message opens a conversation that another tenant cannot see")
    void instagram() {
        Channel channel = connectMeta("instagram", IG_ID);
        String body = messaging("instagram", IG_ID, "1234567890123456", "aWdfIN1", "Hola IG");
        deliverMeta(channel, body + " ", APP_SECRET.replace('a', 'b')).assertProblem(400, "invalid_signature");
        deliverMeta(channel, body, APP_SECRET).assertStatus(200);
        JsonNode conversation = awaitConversation(shop, owner);
        assertThat(conversation.get("channelKind").asText()).isEqualTo("instagram");
        assertThat(conversation.get("channelUserId").asText()).isEqualTo("1234567890123456");
        String id = conversation.get("id").asText();
        assertThat(messages(id).get(0).get("text").asText()).isEqualTo("Hola IG");
        assertThat(deliveries(shop)).isEqualTo(1);
        invisibleToAnotherTenant(id);
    }

    // ------------------------------------------------------------------------------------ Twilio

    private Api.Response deliverTwilio(Channel channel, Map<String, String> parameters, String token) {
        return api.post(channel.path())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", Channels.twilioSignature(token, PUBLIC_URL + channel.path(), parameters))
                .raw(Channels.form(parameters))
                .send();
    }

    private static Map<String, String> inboundSms(String sid, String text) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("SmsMessageSid", sid);
        p.put("NumMedia", "0");
        p.put("SmsSid", sid);
        p.put("SmsStatus", "received");
        p.put("Body", text);
        p.put("To", FROM);
        p.put("MessageSid", sid);
        p.put("AccountSid", ACCOUNT_SID);
        p.put("From", CUSTOMER);
        p.put("ApiVersion", "2010-04-01");
        return p;
    }

    private static Map<String, String> statusCallback(String sid, String status) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("SmsSid", sid);
        p.put("SmsStatus", status);
        p.put("MessageStatus", status);
        p.put("To", CUSTOMER);
        p.put("MessageSid", sid);
        p.put("AccountSid", ACCOUNT_SID);
        p.put("From", FROM);
        p.put("ApiVersion", "2010-04-01");
        return p;
    }

    @Test
    @DisplayName("SMS: a signed inbound SMS opens a conversation; a reply is sent once with its status callback;"
            + " statuses in any order never go backwards")
    void sms() {
        Channel channel = connect(
                shop,
                owner,
                Map.of(
                        "kind",
                        "sms",
                        "name",
                        "SMS",
                        "accountId",
                        ACCOUNT_SID,
                        "secrets",
                        Map.of("authToken", AUTH_TOKEN, "sender", FROM)));
        Map<String, String> inbound = inboundSms("SM10000000000000000000000000000001", "Hola, ¿qué tal? 100% +1");
        deliverTwilio(channel, inbound, "not-the-auth-token-0000").assertProblem(400, "invalid_signature");
        assertThat(deliveries(shop)).isZero();
        deliverTwilio(channel, inbound, AUTH_TOKEN).assertStatus(200);
        assertThat(deliverTwilio(channel, inbound, AUTH_TOKEN)
                        .json()
                        .get("result")
                        .asText())
                .isEqualTo("duplicate");

        JsonNode conversation = awaitConversation(shop, owner);
        String id = conversation.get("id").asText();
        assertThat(conversation.get("channelKind").asText()).isEqualTo("sms");
        assertThat(conversation.get("channelUserId").asText()).isEqualTo(CUSTOMER);
        assertThat(messages(id)).hasSize(1);
        assertThat(messages(id).get(0).get("text").asText()).isEqualTo("Hola, ¿qué tal? 100% +1");
        // The contact was found or made with the channel handle and, the handle being a number, that phone.
        await().atMost(SETTLED).untilAsserted(() -> {
            Api.Response contact = api.get(
                            "/api/v1/contacts/" + conversation.get("contactId").asText())
                    .in(shop, owner)
                    .send();
            assertThat(contact.status()).isEqualTo(200);
            assertThat(contact.json().get("phones").toString()).contains(CUSTOMER);
            assertThat(contact.json().get("channelHandles").toString()).contains("sms");
        });

        twilio.stubFor(post("/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json")
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SM20000000000000000000000000000001\",\"status\":\"queued\"}")));
        String messageId = api.post("/api/v1/conversations/" + id + "/messages")
                .in(shop, owner)
                .json(Map.of("text", "Hi Ann"))
                .send()
                .assertStatus(202)
                .json()
                .get("messageId")
                .asText();
        await().atMost(SETTLED)
                .untilAsserted(() -> assertThat(
                                findMessage(id, messageId).get("status").asText())
                        .isEqualTo("sent"));
        List<LoggedRequest> sends =
                twilio.findAll(postRequestedFor(urlEqualTo("/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json")));
        assertThat(sends).hasSize(1);
        assertThat(sends.get(0).getHeader("Authorization"))
                .isEqualTo("Basic "
                        + Base64.getEncoder()
                                .encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8)));
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : sends.get(0).getBodyAsString().split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(
                    URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        assertThat(fields)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "To", CUSTOMER, "From", FROM, "Body", "Hi Ann", "StatusCallback", PUBLIC_URL + channel.path()));

        // "delivered" first, then a late "sent": the message stays delivered.
        deliverTwilio(channel, statusCallback("SM20000000000000000000000000000001", "delivered"), AUTH_TOKEN)
                .assertStatus(200);
        await().atMost(SETTLED)
                .untilAsserted(() -> assertThat(
                                findMessage(id, messageId).get("status").asText())
                        .isEqualTo("delivered"));
        deliverTwilio(channel, statusCallback("SM20000000000000000000000000000001", "sent"), AUTH_TOKEN)
                .assertStatus(200);
        Api.Response note = api.post("/api/v1/conversations/" + id + "/notes")
                .in(shop, owner)
                .json(Map.of("text", "checked"))
                .send();
        note.assertStatus(202);
        await().atMost(SETTLED).until(() -> messages(id).size() == 3);
        assertThat(findMessage(id, messageId).get("status").asText()).isEqualTo("delivered");

        invisibleToAnotherTenant(id);
    }
}
