package dev.tenantcore.command.crm.channel.messenger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.crm.conversation.MessageId;
import dev.tenantcore.api.crm.conversation.MessageStatus;
import dev.tenantcore.api.crm.conversation.MessageTemplate;
import dev.tenantcore.command.crm.channel.ChannelCredentials;
import dev.tenantcore.command.crm.channel.ChannelUnavailableException;
import dev.tenantcore.command.crm.channel.InboundDelivery;
import dev.tenantcore.command.crm.channel.OutboundMessage;
import dev.tenantcore.command.support.TestOutboundHttp;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Against a stub of Meta's documented Send API and page endpoint, requests asserted exactly. */
@DisplayName("Messenger channel driver")
class MessengerChannelDriverTest {

    static final String PAGE_ID = "104873218593271";
    static final String TOKEN = "EAAGpage0123456789abcdef";
    static final String APP_SECRET = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    static final String PSID = "6543210987654321";
    static final ChannelCredentials CREDENTIALS = new ChannelCredentials(
            PAGE_ID, Map.of("pageAccessToken", TOKEN, "appSecret", APP_SECRET, "verifyToken", "verify-me-123"));

    static WireMockServer graph;

    MessengerChannelDriver driver;

    @BeforeAll
    static void start() {
        graph = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        graph.start();
    }

    @AfterAll
    static void stop() {
        graph.stop();
    }

    @BeforeEach
    void setUp() {
        graph.resetAll();
        driver = new MessengerChannelDriver(
                TestOutboundHttp.allowingLoopback(), new ObjectMapper(), graph::baseUrl, "v21.0");
    }

    @AfterEach
    void tearDown() throws Exception {
        driver.destroy();
    }

    /** {@code X-Hub-Signature-256} as Meta documents it, computed here without the application's helper. */
    static String signed(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String delivery(String object, String entryId, String messaging) {
        return "{\"object\":\"" + object + "\",\"entry\":[{\"id\":\"" + entryId + "\",\"time\":1764763200000,"
                + "\"messaging\":[" + messaging + "]}]}";
    }

    static String message(String sender, String recipient, String message) {
        return "{\"sender\":{\"id\":\"" + sender + "\"},\"recipient\":{\"id\":\"" + recipient + "\"},"
                + "\"timestamp\":1764763200123,\"message\":" + message + "}";
    }

    @Test
    @DisplayName("validate reads the page with its token")
    void validate() {
        graph.stubFor(get(urlEqualTo("/v21.0/" + PAGE_ID + "?fields=id,name"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson("{\"id\":\"" + PAGE_ID + "\",\"name\":\"Acme Shop\"}")));
        var identity = driver.validate(CREDENTIALS);
        assertThat(identity.id()).isEqualTo(PAGE_ID);
        assertThat(identity.displayName()).isEqualTo("Acme Shop");
        graph.verify(1, getRequestedFor(urlEqualTo("/v21.0/" + PAGE_ID + "?fields=id,name")));

        graph.stubFor(get(urlEqualTo("/v21.0/" + PAGE_ID + "?fields=id,name"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"Invalid OAuth access token.\",\"code\":190}}")));
        assertThatThrownBy(() -> driver.validate(CREDENTIALS)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CHANNEL_PROVIDER_FAILED);
            assertThat(e.getMessage()).contains("190").doesNotContain(TOKEN);
        });
    }

    @Test
    @DisplayName("text goes to the page's messages endpoint as a RESPONSE, and the message id comes back")
    void sendText() {
        graph.stubFor(post("/v21.0/" + PAGE_ID + "/messages")
                .willReturn(okJson("{\"recipient_id\":\"" + PSID + "\",\"message_id\":\"m_AG5Hz2Uq7tuwNEhXfYYK\"}")));
        var sent = driver.send(CREDENTIALS, new OutboundMessage(MessageId.random(), PSID, "Hi Ann", null, null));
        assertThat(sent.providerMessageId()).isEqualTo("m_AG5Hz2Uq7tuwNEhXfYYK");
        graph.verify(
                1,
                postRequestedFor(urlEqualTo("/v21.0/" + PAGE_ID + "/messages"))
                        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                        .withHeader("Content-Type", equalTo("application/json"))
                        .withRequestBody(equalToJson("{\"recipient\":{\"id\":\"" + PSID + "\"},"
                                + "\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\"Hi Ann\"}}")));
    }

    @Test
    @DisplayName("an image goes as an attachment by URL; with text, the text first and the image's id is kept")
    void sendImage() {
        graph.stubFor(post("/v21.0/" + PAGE_ID + "/messages")
                .inScenario("two")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"recipient_id\":\"" + PSID + "\",\"message_id\":\"m_text\"}"))
                .willSetStateTo("image"));
        graph.stubFor(post("/v21.0/" + PAGE_ID + "/messages")
                .inScenario("two")
                .whenScenarioStateIs("image")
                .willReturn(okJson("{\"recipient_id\":\"" + PSID + "\",\"message_id\":\"m_image\"}")));
        var sent = driver.send(
                CREDENTIALS,
                new OutboundMessage(MessageId.random(), PSID, "Your parcel", "https://cdn.example.com/p.jpg", null));
        assertThat(sent.providerMessageId()).isEqualTo("m_image");
        graph.verify(
                1,
                postRequestedFor(urlEqualTo("/v21.0/" + PAGE_ID + "/messages"))
                        .withRequestBody(equalToJson("{\"recipient\":{\"id\":\"" + PSID + "\"},"
                                + "\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\"Your parcel\"}}")));
        graph.verify(
                1,
                postRequestedFor(urlEqualTo("/v21.0/" + PAGE_ID + "/messages"))
                        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                        .withRequestBody(equalToJson("{\"recipient\":{\"id\":\"" + PSID + "\"},"
                                + "\"messaging_type\":\"RESPONSE\",\"message\":{\"attachment\":{\"type\":\"image\","
                                + "\"payload\":{\"url\":\"https://cdn.example.com/p.jpg\"}}}}")));
    }

    @Test
    @DisplayName("once the text went, a failed image is not retried: it would send the text twice")
    void imageAfterTextNeverRetried() {
        graph.stubFor(post("/v21.0/" + PAGE_ID + "/messages")
                .inScenario("two")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"message_id\":\"m_text\"}"))
                .willSetStateTo("image"));
        graph.stubFor(post("/v21.0/" + PAGE_ID + "/messages")
                .inScenario("two")
                .whenScenarioStateIs("image")
                .willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> driver.send(
                        CREDENTIALS,
                        new OutboundMessage(MessageId.random(), PSID, "Hi", "https://cdn.example.com/p.jpg", null)))
                .isInstanceOfSatisfying(
                        ChannelUnavailableException.class,
                        e -> assertThat(e.maybeDelivered()).isTrue());
        // Without text, a 503 is an ordinary transient failure.
        graph.resetAll();
        graph.stubFor(
                post("/v21.0/" + PAGE_ID + "/messages").willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> driver.send(
                        CREDENTIALS,
                        new OutboundMessage(MessageId.random(), PSID, null, "https://cdn.example.com/p.jpg", null)))
                .isInstanceOfSatisfying(
                        ChannelUnavailableException.class,
                        e -> assertThat(e.maybeDelivered()).isFalse());
    }

    @Test
    @DisplayName("Meta's refusal (outside the window) fails with its code; templates are not Messenger's")
    void refusals() {
        graph.stubFor(post("/v21.0/" + PAGE_ID + "/messages")
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"(#10) This message is sent outside of allowed window.\","
                                + "\"type\":\"OAuthException\",\"code\":10,\"error_subcode\":2018278}}")));
        assertThatThrownBy(
                        () -> driver.send(CREDENTIALS, new OutboundMessage(MessageId.random(), PSID, "Hi", null, null)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CHANNEL_PROVIDER_FAILED);
                    assertThat(e.getMessage())
                            .contains("outside of allowed window")
                            .doesNotContain(TOKEN);
                });
        assertThatThrownBy(() -> driver.send(
                        CREDENTIALS,
                        new OutboundMessage(
                                MessageId.random(), PSID, null, null, new MessageTemplate("x", "en", List.of()))))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CHANNEL_PROVIDER_FAILED));
    }

    @Test
    @DisplayName("a signed delivery is read: text, attachments by URL, delivery receipts; echoes are not")
    void inbound() {
        String body = delivery(
                "page",
                PAGE_ID,
                message(PSID, PAGE_ID, "{\"mid\":\"m_IN1\",\"text\":\"Hola\"}")
                        + ","
                        + message(
                                PSID,
                                PAGE_ID,
                                "{\"mid\":\"m_IN2\",\"attachments\":[{\"type\":\"image\",\"payload\":"
                                        + "{\"url\":\"https://scontent.xx.fbcdn.net/v/p.jpg\"}}]}")
                        + ","
                        + message(PAGE_ID, PSID, "{\"mid\":\"m_ECHO\",\"is_echo\":true,\"text\":\"our reply\"}")
                        + ",{\"sender\":{\"id\":\"" + PSID + "\"},\"recipient\":{\"id\":\"" + PAGE_ID + "\"},"
                        + "\"timestamp\":1764763300000,\"delivery\":{\"mids\":[\"m_OUT1\",\"m_OUT2\"],"
                        + "\"watermark\":1764763299000}}"
                        + ",{\"sender\":{\"id\":\"" + PSID + "\"},\"recipient\":{\"id\":\"" + PAGE_ID + "\"},"
                        + "\"timestamp\":1764763400000,\"read\":{\"watermark\":1764763399000}}");
        InboundDelivery read =
                driver.verify(CREDENTIALS, Map.of("x-hub-signature-256", signed(APP_SECRET, body)), body);
        Instant at = Instant.ofEpochMilli(1764763200123L);
        assertThat(read.messages())
                .containsExactly(
                        new InboundDelivery.Message("m_IN1", PSID, null, "Hola", null, null, at),
                        new InboundDelivery.Message(
                                "m_IN2", PSID, null, null, "image", "https://scontent.xx.fbcdn.net/v/p.jpg", at));
        assertThat(read.statuses())
                .containsExactly(
                        new InboundDelivery.StatusUpdate(
                                "m_OUT1", PSID, MessageStatus.DELIVERED, null, Instant.ofEpochMilli(1764763300000L)),
                        new InboundDelivery.StatusUpdate(
                                "m_OUT2", PSID, MessageStatus.DELIVERED, null, Instant.ofEpochMilli(1764763300000L)));
        // The read receipt names no message: everything sent before its watermark is read.
        assertThat(read.watermarks())
                .containsExactly(new InboundDelivery.ReadWatermark(PSID, Instant.ofEpochMilli(1764763399000L)));
        // Meta's redelivery of the same body names the same delivery.
        assertThat(driver.verify(CREDENTIALS, Map.of("x-hub-signature-256", signed(APP_SECRET, body)), body)
                        .deliveryId())
                .isEqualTo(read.deliveryId())
                .startsWith("sha256:");
    }

    @Test
    @DisplayName("entries of another page, or of another product, are not read")
    void otherPage() {
        String theirs = delivery("page", "999999", message(PSID, "999999", "{\"mid\":\"m_X\",\"text\":\"x\"}"));
        assertThat(driver.verify(CREDENTIALS, Map.of("x-hub-signature-256", signed(APP_SECRET, theirs)), theirs)
                        .messages())
                .isEmpty();
        String instagram = delivery("instagram", PAGE_ID, message(PSID, PAGE_ID, "{\"mid\":\"m_Y\",\"text\":\"y\"}"));
        assertThat(driver.verify(CREDENTIALS, Map.of("x-hub-signature-256", signed(APP_SECRET, instagram)), instagram)
                        .messages())
                .isEmpty();
    }

    @Test
    @DisplayName("a delivery unsigned, signed with another secret or altered after signing is refused as unverified")
    void forged() {
        String body = delivery("page", PAGE_ID, message(PSID, PAGE_ID, "{\"mid\":\"m_F\",\"text\":\"x\"}"));
        for (Map<String, String> headers : List.of(
                Map.<String, String>of(),
                Map.of("x-hub-signature-256", signed("another-secret-123", body)),
                Map.of("x-hub-signature-256", signed(APP_SECRET, body + " ")),
                Map.of("x-hub-signature-256", signed(APP_SECRET, body).substring("sha256=".length())))) {
            assertThatThrownBy(() -> driver.verify(CREDENTIALS, headers, body))
                    .isInstanceOfSatisfying(
                            DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE));
        }
        // Verified before it is parsed: a forged body that is not even JSON is unverified, not malformed.
        assertThatThrownBy(() -> driver.verify(CREDENTIALS, Map.of("x-hub-signature-256", "sha256=00"), "{not json"))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE));
    }

    @Test
    @DisplayName("the subscription handshake echoes hub.challenge only for the channel's verify token")
    void challenge() {
        assertThat(driver.challenge(
                        CREDENTIALS,
                        Map.of("hub.mode", "subscribe", "hub.verify_token", "verify-me-123", "hub.challenge", "42")))
                .contains("42");
        assertThat(driver.challenge(
                        CREDENTIALS,
                        Map.of("hub.mode", "subscribe", "hub.verify_token", "guess-guess", "hub.challenge", "42")))
                .isEmpty();
    }
}
