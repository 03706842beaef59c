package dev.tenantcore.command.crm.channel.instagram;

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
import dev.tenantcore.command.crm.channel.ChannelCredentials;
import dev.tenantcore.command.crm.channel.InboundDelivery;
import dev.tenantcore.command.crm.channel.OutboundMessage;
import dev.tenantcore.command.support.TestOutboundHttp;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Against a stub of the Send API as Instagram messaging uses it, requests asserted exactly. */
@DisplayName("Instagram channel driver")
class InstagramChannelDriverTest {

    static final String IG_ID = "17841405822304914";
    static final String PAGE_ID = "104873218593271";
    static final String TOKEN = "EAAGpage0123456789abcdef";
    static final String APP_SECRET = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    static final String IGSID = "1234567890123456";
    static final ChannelCredentials CREDENTIALS = new ChannelCredentials(
            IG_ID, Map.of("pageAccessToken", TOKEN, "appSecret", APP_SECRET, "verifyToken", "verify-me-123"));

    static WireMockServer graph;

    InstagramChannelDriver driver;

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
        driver = new InstagramChannelDriver(
                TestOutboundHttp.allowingLoopback(), new ObjectMapper(), graph::baseUrl, "v21.0");
    }

    @AfterEach
    void tearDown() throws Exception {
        driver.destroy();
    }

    static String signed(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("validate reads the token's page and checks it is linked to the channel's Instagram account")
    void validate() {
        String uri = "/v21.0/me?fields=id,name,instagram_business_account";
        graph.stubFor(get(urlEqualTo(uri))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson("{\"id\":\"" + PAGE_ID + "\",\"name\":\"Acme Shop\","
                        + "\"instagram_business_account\":{\"id\":\"" + IG_ID + "\"}}")));
        var identity = driver.validate(CREDENTIALS);
        assertThat(identity.id()).isEqualTo(IG_ID);
        assertThat(identity.displayName()).isEqualTo("Acme Shop");

        graph.stubFor(get(urlEqualTo(uri)).willReturn(okJson("{\"id\":\"" + PAGE_ID + "\",\"name\":\"Acme Shop\"}")));
        assertThatThrownBy(() -> driver.validate(CREDENTIALS))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CHANNEL_PROVIDER_FAILED));
    }

    @Test
    @DisplayName("text goes to me/messages with the page's token as a RESPONSE")
    void sendText() {
        graph.stubFor(post("/v21.0/me/messages")
                .willReturn(okJson("{\"recipient_id\":\"" + IGSID + "\",\"message_id\":\"aWdfZAG1faXRlbToxOk\"}")));
        var sent = driver.send(CREDENTIALS, new OutboundMessage(MessageId.random(), IGSID, "Hi Ann", null, null));
        assertThat(sent.providerMessageId()).isEqualTo("aWdfZAG1faXRlbToxOk");
        graph.verify(
                1,
                postRequestedFor(urlEqualTo("/v21.0/me/messages"))
                        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                        .withHeader("Content-Type", equalTo("application/json"))
                        .withRequestBody(equalToJson("{\"recipient\":{\"id\":\"" + IGSID + "\"},"
                                + "\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\"Hi Ann\"}}")));
        driver.send(
                CREDENTIALS,
                new OutboundMessage(MessageId.random(), IGSID, null, "https://cdn.example.com/p.jpg", null));
        graph.verify(
                1,
                postRequestedFor(urlEqualTo("/v21.0/me/messages"))
                        .withRequestBody(equalToJson("{\"recipient\":{\"id\":\"" + IGSID + "\"},"
                                + "\"messaging_type\":\"RESPONSE\",\"message\":{\"attachment\":{\"type\":\"image\","
                                + "\"payload\":{\"url\":\"https://cdn.example.com/p.jpg\"}}}}")));
    }

    @Test
    @DisplayName("a signed delivery of the Instagram account is read: messages, read receipts by message; echoes not")
    void inbound() {
        String body = "{\"object\":\"instagram\",\"entry\":[{\"id\":\"" + IG_ID + "\",\"time\":1764763200000,"
                + "\"messaging\":[{\"sender\":{\"id\":\"" + IGSID + "\"},\"recipient\":{\"id\":\"" + IG_ID + "\"},"
                + "\"timestamp\":1764763200000,\"message\":{\"mid\":\"aWdfIN1\",\"text\":\"Hola\"}},"
                + "{\"sender\":{\"id\":\"" + IG_ID + "\"},\"recipient\":{\"id\":\"" + IGSID + "\"},"
                + "\"timestamp\":1764763200000,\"message\":{\"mid\":\"aWdfECHO\",\"is_echo\":true,\"text\":\"ours\"}},"
                + "{\"sender\":{\"id\":\"" + IGSID + "\"},\"recipient\":{\"id\":\"" + IG_ID + "\"},"
                + "\"timestamp\":1764763300000,\"read\":{\"mid\":\"aWdfOUT1\"}}]}]}";
        InboundDelivery read = driver.verify(CREDENTIALS, Map.of("x-hub-signature-256", signed(body)), body);
        assertThat(read.messages())
                .containsExactly(new InboundDelivery.Message(
                        "aWdfIN1", IGSID, null, "Hola", null, null, Instant.ofEpochMilli(1764763200000L)));
        assertThat(read.statuses())
                .containsExactly(new InboundDelivery.StatusUpdate(
                        "aWdfOUT1", IGSID, MessageStatus.READ, null, Instant.ofEpochMilli(1764763300000L)));
        // A Messenger ("page") delivery of the same id is not Instagram's.
        String page = body.replace("\"object\":\"instagram\"", "\"object\":\"page\"");
        assertThat(driver.verify(CREDENTIALS, Map.of("x-hub-signature-256", signed(page)), page)
                        .messages())
                .isEmpty();
    }

    @Test
    @DisplayName("a forged delivery is refused as unverified")
    void forged() {
        String body = "{\"object\":\"instagram\",\"entry\":[]}";
        assertThatThrownBy(() -> driver.verify(CREDENTIALS, Map.of("x-hub-signature-256", signed(body + "x")), body))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE));
    }
}
