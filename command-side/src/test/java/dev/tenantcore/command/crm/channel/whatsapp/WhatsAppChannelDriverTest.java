package dev.tenantcore.command.crm.channel.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
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
import dev.tenantcore.infra.webhooks.HmacSha256;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Against a stub of the WhatsApp Cloud API's documented Graph endpoints, requests asserted exactly. */
@DisplayName("WhatsApp channel driver")
class WhatsAppChannelDriverTest {

    private static final String PHONE_NUMBER_ID = "106540352242922";
    private static final String TOKEN = "EAAJB0123456789abcdef";
    private static final String APP_SECRET = "6f1c0d3e2b4a59687a6b5c4d3e2f1a0b";
    private static final ChannelCredentials CREDENTIALS = new ChannelCredentials(
            PHONE_NUMBER_ID, Map.of("accessToken", TOKEN, "appSecret", APP_SECRET, "verifyToken", "verify-me-123"));

    static WireMockServer graph;

    WhatsAppChannelDriver driver;

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
        driver = new WhatsAppChannelDriver(
                TestOutboundHttp.allowingLoopback(), new ObjectMapper(), graph::baseUrl, "v21.0");
    }

    @AfterEach
    void tearDown() throws Exception {
        driver.destroy();
    }

    static String delivery(String phoneNumberId, String valueBody) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{"
                + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783881\","
                + "\"phone_number_id\":\"" + phoneNumberId + "\"}," + valueBody + "},\"field\":\"messages\"}]}]}";
    }

    static String signed(String body) {
        return "sha256=" + HmacSha256.signHex(APP_SECRET, body);
    }

    @Test
    @DisplayName("validate reads the phone number with the token")
    void validate() {
        graph.stubFor(get("/v21.0/" + PHONE_NUMBER_ID + "?fields=display_phone_number,verified_name")
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson("{\"verified_name\":\"Acme\",\"display_phone_number\":\"+1 555-078-3881\","
                        + "\"id\":\"" + PHONE_NUMBER_ID + "\"}")));
        var identity = driver.validate(CREDENTIALS);
        assertThat(identity.id()).isEqualTo(PHONE_NUMBER_ID);
        assertThat(identity.displayName()).isEqualTo("Acme +1 555-078-3881");
    }

    @Test
    @DisplayName("text goes to the messages endpoint as documented and the wamid comes back")
    void sendText() {
        graph.stubFor(post("/v21.0/" + PHONE_NUMBER_ID + "/messages")
                .willReturn(okJson("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"34600111222\","
                        + "\"wa_id\":\"34600111222\"}],\"messages\":[{\"id\":\"wamid.HBgLMzQ2MDA=\"}]}")));
        var sent =
                driver.send(CREDENTIALS, new OutboundMessage(MessageId.random(), "34600111222", "Hi Ann", null, null));
        assertThat(sent.providerMessageId()).isEqualTo("wamid.HBgLMzQ2MDA=");
        graph.verify(postRequestedFor(urlEqualTo("/v21.0/" + PHONE_NUMBER_ID + "/messages"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\","
                        + "\"to\":\"34600111222\",\"type\":\"text\",\"text\":{\"body\":\"Hi Ann\"}}")));
    }

    @Test
    @DisplayName("a template goes with its name, language and body parameters; an image by link with its caption")
    void sendTemplateAndImage() {
        graph.stubFor(post("/v21.0/" + PHONE_NUMBER_ID + "/messages")
                .willReturn(okJson("{\"messages\":[{\"id\":\"wamid.T\"}]}")));
        driver.send(
                CREDENTIALS,
                new OutboundMessage(
                        MessageId.random(),
                        "34600111222",
                        null,
                        null,
                        new MessageTemplate("order_update", "es", List.of("1042"))));
        graph.verify(postRequestedFor(urlEqualTo("/v21.0/" + PHONE_NUMBER_ID + "/messages"))
                .withRequestBody(equalToJson("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\","
                        + "\"to\":\"34600111222\",\"type\":\"template\",\"template\":{\"name\":\"order_update\","
                        + "\"language\":{\"code\":\"es\"},\"components\":[{\"type\":\"body\",\"parameters\":"
                        + "[{\"type\":\"text\",\"text\":\"1042\"}]}]}}")));
        driver.send(
                CREDENTIALS,
                new OutboundMessage(
                        MessageId.random(), "34600111222", "Your parcel", "https://cdn.example.com/p.jpg", null));
        graph.verify(postRequestedFor(urlEqualTo("/v21.0/" + PHONE_NUMBER_ID + "/messages"))
                .withRequestBody(equalToJson("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\","
                        + "\"to\":\"34600111222\",\"type\":\"image\",\"image\":{\"link\":\"https://cdn.example.com/p.jpg\","
                        + "\"caption\":\"Your parcel\"}}")));
    }

    @Test
    @DisplayName("WhatsApp's refusal outside the window fails with its code; a 503 is transient")
    void refusals() {
        graph.stubFor(post("/v21.0/" + PHONE_NUMBER_ID + "/messages")
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"Re-engagement message\",\"type\":\"OAuthException\","
                                + "\"code\":131047,\"fbtrace_id\":\"A\"}}")));
        assertThatThrownBy(() ->
                        driver.send(CREDENTIALS, new OutboundMessage(MessageId.random(), "3460", "Hi", null, null)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CHANNEL_PROVIDER_FAILED);
                    assertThat(e.getMessage()).contains("131047").doesNotContain(TOKEN);
                });
        graph.stubFor(post("/v21.0/" + PHONE_NUMBER_ID + "/messages")
                .willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() ->
                        driver.send(CREDENTIALS, new OutboundMessage(MessageId.random(), "3460", "Hi", null, null)))
                .isInstanceOfSatisfying(
                        ChannelUnavailableException.class,
                        e -> assertThat(e.maybeDelivered()).isFalse());
    }

    @Test
    @DisplayName("a signed delivery is read: messages with the profile name, and statuses in our terms")
    void inbound() {
        String body = delivery(
                PHONE_NUMBER_ID,
                "\"contacts\":[{\"profile\":{\"name\":\"Ann\"},\"wa_id\":\"34600111222\"}],"
                        + "\"messages\":[{\"from\":\"34600111222\",\"id\":\"wamid.IN1\",\"timestamp\":\"1764763200\","
                        + "\"text\":{\"body\":\"Hola\"},\"type\":\"text\"},"
                        + "{\"from\":\"34600111222\",\"id\":\"wamid.IN2\",\"timestamp\":\"1764763201\","
                        + "\"type\":\"image\",\"image\":{\"caption\":\"Broken\",\"mime_type\":\"image/jpeg\","
                        + "\"sha256\":\"abc\",\"id\":\"1234567890\"}}],"
                        + "\"statuses\":[{\"id\":\"wamid.OUT\",\"status\":\"read\",\"timestamp\":\"1764763300\","
                        + "\"recipient_id\":\"34600111222\"},{\"id\":\"wamid.OUT2\",\"status\":\"failed\","
                        + "\"timestamp\":\"1764763300\",\"recipient_id\":\"34600111222\",\"errors\":[{\"code\":131047,"
                        + "\"title\":\"Re-engagement message\"}]}]");
        InboundDelivery read = driver.verify(CREDENTIALS, Map.of("x-hub-signature-256", signed(body)), body);
        assertThat(read.deliveryId()).startsWith("sha256:");
        assertThat(read.messages())
                .containsExactly(
                        new InboundDelivery.Message(
                                "wamid.IN1",
                                "34600111222",
                                "Ann",
                                "Hola",
                                null,
                                null,
                                Instant.ofEpochSecond(1764763200)),
                        new InboundDelivery.Message(
                                "wamid.IN2",
                                "34600111222",
                                "Ann",
                                "Broken",
                                "image",
                                "1234567890",
                                Instant.ofEpochSecond(1764763201)));
        assertThat(read.statuses())
                .containsExactly(
                        new InboundDelivery.StatusUpdate(
                                "wamid.OUT",
                                "34600111222",
                                MessageStatus.READ,
                                null,
                                Instant.ofEpochSecond(1764763300)),
                        new InboundDelivery.StatusUpdate(
                                "wamid.OUT2",
                                "34600111222",
                                MessageStatus.FAILED,
                                "131047 Re-engagement message",
                                Instant.ofEpochSecond(1764763300)));
        // Meta's redelivery of the same body names the same delivery.
        assertThat(driver.verify(CREDENTIALS, Map.of("x-hub-signature-256", signed(body)), body)
                        .deliveryId())
                .isEqualTo(read.deliveryId());
    }

    @Test
    @DisplayName("changes of another phone number of the same app are not read")
    void otherNumber() {
        String body = delivery(
                "999999999",
                "\"messages\":[{\"from\":\"1\",\"id\":\"wamid.X\",\"timestamp\":\"1\",\"type\":\"text\",\"text\":{\"body\":\"x\"}}]");
        assertThat(driver.verify(CREDENTIALS, Map.of("x-hub-signature-256", signed(body)), body)
                        .messages())
                .isEmpty();
    }

    @Test
    @DisplayName("a delivery unsigned, signed with another secret or altered after signing is refused as unverified")
    void forged() {
        String body = delivery(PHONE_NUMBER_ID, "\"messages\":[]");
        for (Map<String, String> headers : List.of(
                Map.<String, String>of(),
                Map.of("x-hub-signature-256", "sha256=" + HmacSha256.signHex("another-secret-123", body)),
                Map.of("x-hub-signature-256", signed(body + " ")),
                Map.of("x-hub-signature-256", HmacSha256.signHex(APP_SECRET, body)))) {
            assertThatThrownBy(() -> driver.verify(CREDENTIALS, headers, body))
                    .isInstanceOfSatisfying(
                            DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE));
        }
    }

    @Test
    @DisplayName("the subscription handshake echoes hub.challenge only for the channel's verify token")
    void challenge() {
        assertThat(driver.challenge(
                        CREDENTIALS,
                        Map.of(
                                "hub.mode",
                                "subscribe",
                                "hub.verify_token",
                                "verify-me-123",
                                "hub.challenge",
                                "1158201444")))
                .contains("1158201444");
        assertThat(driver.challenge(
                        CREDENTIALS,
                        Map.of("hub.mode", "subscribe", "hub.verify_token", "guess", "hub.challenge", "1158201444")))
                .isEqualTo(Optional.empty());
        assertThat(driver.challenge(
                        CREDENTIALS,
                        Map.of("hub.mode", "unsubscribe", "hub.verify_token", "verify-me-123", "hub.challenge", "1")))
                .isEmpty();
    }
}
