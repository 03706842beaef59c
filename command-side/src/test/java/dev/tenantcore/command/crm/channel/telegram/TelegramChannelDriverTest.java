package dev.tenantcore.command.crm.channel.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
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
import dev.tenantcore.api.crm.conversation.MessageTemplate;
import dev.tenantcore.command.crm.channel.ChannelCredentials;
import dev.tenantcore.command.crm.channel.ChannelUnavailableException;
import dev.tenantcore.command.crm.channel.InboundDelivery;
import dev.tenantcore.command.crm.channel.OutboundMessage;
import dev.tenantcore.command.support.TestOutboundHttp;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Against a stub of the Telegram Bot API's documented methods, requests asserted exactly. */
@DisplayName("Telegram channel driver")
class TelegramChannelDriverTest {

    private static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    private static final String SECRET = "s3cr3t-token_for-webhooks";
    private static final ChannelCredentials CREDENTIALS =
            new ChannelCredentials(null, Map.of("botToken", TOKEN, "webhookSecret", SECRET));

    static WireMockServer telegram;

    TelegramChannelDriver driver;

    @BeforeAll
    static void start() {
        telegram = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        telegram.start();
    }

    @AfterAll
    static void stop() {
        telegram.stop();
    }

    @BeforeEach
    void setUp() {
        telegram.resetAll();
        driver = new TelegramChannelDriver(TestOutboundHttp.allowingLoopback(), new ObjectMapper(), telegram::baseUrl);
    }

    @AfterEach
    void tearDown() throws Exception {
        driver.destroy();
    }

    @Test
    @DisplayName("validate asks getMe and answers the bot's username")
    void validate() {
        telegram.stubFor(post("/bot" + TOKEN + "/getMe")
                .willReturn(okJson("{\"ok\":true,\"result\":{\"id\":123456789,\"is_bot\":true,"
                        + "\"first_name\":\"Acme\",\"username\":\"acme_shop_bot\"}}")));
        var identity = driver.validate(CREDENTIALS);
        assertThat(identity.id()).isEqualTo("123456789");
        assertThat(identity.displayName()).isEqualTo("@acme_shop_bot");
    }

    @Test
    @DisplayName(
            "a token Telegram refuses fails with channel_provider_failed and Telegram's description, never the token")
    void refusedToken() {
        telegram.stubFor(post("/bot" + TOKEN + "/getMe")
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}")));
        assertThatThrownBy(() -> driver.validate(CREDENTIALS)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CHANNEL_PROVIDER_FAILED);
            assertThat(e.getMessage()).contains("Unauthorized").doesNotContain(TOKEN);
        });
    }

    @Test
    @DisplayName("register calls setWebhook with the URL, the secret token and message updates only")
    void register() {
        telegram.stubFor(post("/bot" + TOKEN + "/setWebhook")
                .willReturn(okJson("{\"ok\":true,\"result\":true,\"description\":\"Webhook was set\"}")));
        driver.register(CREDENTIALS, "https://api.example.com/api/v1/webhooks/channels/abc");
        telegram.verify(postRequestedFor(urlEqualTo("/bot" + TOKEN + "/setWebhook"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"url\":\"https://api.example.com/api/v1/webhooks/channels/abc\","
                        + "\"secret_token\":\"" + SECRET + "\",\"allowed_updates\":[\"message\"]}")));
    }

    @Test
    @DisplayName("text goes out with sendMessage to the chat, and the answer's chat and message id name it")
    void sendText() {
        telegram.stubFor(post("/bot" + TOKEN + "/sendMessage")
                .willReturn(okJson("{\"ok\":true,\"result\":{\"message_id\":42,\"date\":1764763200,"
                        + "\"chat\":{\"id\":777,\"type\":\"private\"},\"text\":\"Hi Ann\"}}")));
        var sent = driver.send(CREDENTIALS, new OutboundMessage(MessageId.random(), "777", "Hi Ann", null, null));
        assertThat(sent.providerMessageId()).isEqualTo("777:42");
        telegram.verify(postRequestedFor(urlEqualTo("/bot" + TOKEN + "/sendMessage"))
                .withRequestBody(equalToJson("{\"chat_id\":\"777\",\"text\":\"Hi Ann\"}")));
    }

    @Test
    @DisplayName("a media link goes out with sendPhoto, the text as caption")
    void sendPhoto() {
        telegram.stubFor(post("/bot" + TOKEN + "/sendPhoto")
                .willReturn(okJson("{\"ok\":true,\"result\":{\"message_id\":43,\"chat\":{\"id\":777}}}")));
        driver.send(
                CREDENTIALS,
                new OutboundMessage(MessageId.random(), "777", "Your order", "https://cdn.example.com/a.jpg", null));
        telegram.verify(
                postRequestedFor(urlEqualTo("/bot" + TOKEN + "/sendPhoto"))
                        .withRequestBody(
                                equalToJson(
                                        "{\"chat_id\":\"777\",\"photo\":\"https://cdn.example.com/a.jpg\",\"caption\":\"Your order\"}")));
    }

    @Test
    @DisplayName("a 429 or 5xx is transient and surely unsent; a template is refused without a call")
    void transientAndTemplates() {
        telegram.stubFor(
                post("/bot" + TOKEN + "/sendMessage")
                        .willReturn(
                                aResponse()
                                        .withStatus(429)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 5\"}")));
        assertThatThrownBy(() ->
                        driver.send(CREDENTIALS, new OutboundMessage(MessageId.random(), "777", "Hi", null, null)))
                .isInstanceOfSatisfying(
                        ChannelUnavailableException.class,
                        e -> assertThat(e.maybeDelivered()).isFalse());
        assertThatThrownBy(() -> driver.send(
                        CREDENTIALS,
                        new OutboundMessage(
                                MessageId.random(), "777", null, null, new MessageTemplate("x", "en", null))))
                .isInstanceOf(DomainException.class);
    }

    @Test
    @DisplayName("an update with the secret token is read: chat id, message id, sender's name, text")
    void inbound() {
        String update = "{\"update_id\":10000,\"message\":{\"message_id\":1365,\"date\":1764763200,"
                + "\"from\":{\"id\":777,\"is_bot\":false,\"first_name\":\"Ann\",\"last_name\":\"Lee\"},"
                + "\"chat\":{\"id\":777,\"type\":\"private\"},\"text\":\"Hola\"}}";
        InboundDelivery delivery =
                driver.verify(CREDENTIALS, Map.of("x-telegram-bot-api-secret-token", SECRET), update);
        assertThat(delivery.deliveryId()).isEqualTo("update:10000");
        assertThat(delivery.messages())
                .containsExactly(new InboundDelivery.Message(
                        "777:1365", "777", "Ann Lee", "Hola", null, null, Instant.ofEpochSecond(1764763200)));
        assertThat(delivery.statuses()).isEmpty();
    }

    @Test
    @DisplayName("a photo is read as an image with the largest size's file id and its caption")
    void inboundPhoto() {
        String update = "{\"update_id\":10001,\"message\":{\"message_id\":1366,\"date\":1764763200,"
                + "\"from\":{\"id\":777,\"first_name\":\"Ann\"},\"chat\":{\"id\":777},\"caption\":\"Broken\","
                + "\"photo\":[{\"file_id\":\"small\",\"width\":90},{\"file_id\":\"large\",\"width\":1280}]}}";
        InboundDelivery delivery =
                driver.verify(CREDENTIALS, Map.of("x-telegram-bot-api-secret-token", SECRET), update);
        assertThat(delivery.messages().get(0).mediaType()).isEqualTo("image");
        assertThat(delivery.messages().get(0).mediaRef()).isEqualTo("large");
        assertThat(delivery.messages().get(0).text()).isEqualTo("Broken");
    }

    @Test
    @DisplayName("an update without the secret token, or with another, is refused as unverified")
    void forged() {
        String update = "{\"update_id\":1,\"message\":{\"message_id\":1,\"chat\":{\"id\":1},\"text\":\"x\"}}";
        for (Map<String, String> headers :
                java.util.List.of(Map.<String, String>of(), Map.of("x-telegram-bot-api-secret-token", SECRET + "x"))) {
            assertThatThrownBy(() -> driver.verify(CREDENTIALS, headers, update))
                    .isInstanceOfSatisfying(
                            DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE));
        }
    }

    @Test
    @DisplayName("a verified update that is not JSON or has no update_id is malformed")
    void malformed() {
        for (String body : java.util.List.of("not json", "{\"message\":{}}")) {
            assertThatThrownBy(
                            () -> driver.verify(CREDENTIALS, Map.of("x-telegram-bot-api-secret-token", SECRET), body))
                    .isInstanceOfSatisfying(
                            DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST));
        }
    }
}
