package dev.tenantcore.app;

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
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Channels;
import dev.tenantcore.app.support.MediaFiles;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ShopTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Inbound attachments fetched once into the tenant's media store, per provider, against one stub
 * standing for the providers' APIs and their media hosts: the auth each provider documents is
 * asserted on the download, the stored item's bytes are the stub's, an attachment over the cap
 * (256 KiB here) is {@code too_large} with nothing stored, a refused one {@code unavailable}, a
 * redelivered webhook fetches nothing again, and another tenant reaches neither message nor media.
 */
@DisplayName("Inbound media")
class InboundMediaTest extends ShopTest {

    private static final Duration SETTLED = Duration.ofSeconds(30);
    private static final String APP_SECRET = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private static final String WA_TOKEN = "EAAJBmedia0123456789";
    private static final String PHONE_NUMBER_ID = "106540352242999";
    private static final String PAGE_TOKEN = "EAAGpagemedia0123456789";
    private static final String PAGE_ID = "104873218593999";
    private static final String ACCOUNT_SID = "AC" + "abcdefabcdefabcdefabcdefabcdef01";
    private static final String AUTH_TOKEN = "feedf00dfeedf00dfeedf00dfeedf00d";
    private static final byte[] PNG = MediaFiles.image("png", 24, 16);

    @RegisterExtension
    static final WireMockExtension stub = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private Channels channels;

    @BeforeAll
    static void pointDriversAtStub() {
        for (String kind : new String[] {"whatsapp", "telegram", "messenger", "instagram", "twilio"}) {
            System.setProperty("app.channels." + kind + ".base-url", stub.baseUrl());
        }
        System.setProperty("app.channels.public-url", Channels.PUBLIC_URL);
    }

    @AfterAll
    static void forgetStub() {
        for (String kind : new String[] {"whatsapp", "telegram", "messenger", "instagram", "twilio"}) {
            System.clearProperty("app.channels." + kind + ".base-url");
        }
        System.clearProperty("app.channels.public-url");
    }

    @BeforeEach
    void setUp() {
        channels = new Channels(api);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** The conversation's one message once its attachment is no longer pending. */
    private JsonNode settledMessage(Platform.Shop in, String token) {
        String conversation = channels.awaitConversations(in, token, 1, SETTLED)
                .get(0)
                .get("id")
                .asText();
        return await().atMost(SETTLED)
                .until(
                        () -> channels.messages(in, token, conversation).get(0),
                        m -> !m.path("mediaState").isNull()
                                && !"pending".equals(m.path("mediaState").asText()));
    }

    /** The message references a media item of the shop whose bytes are {@code expected}. */
    private String assertStored(JsonNode message, byte[] expected) throws Exception {
        assertThat(message.get("mediaState").asText()).isEqualTo("stored");
        String media = message.get("mediaId").asText();
        assertThat(message.get("mediaUrl").asText()).isEqualTo("/api/v1/media/" + media + "/download");
        Api.Response item = api.get("/api/v1/media/" + media).in(shop, owner).send();
        item.assertStatus(200);
        // Sniffed from the bytes, not the provider's claim; PNGs are stored as they came.
        assertThat(item.json().get("contentType").asText()).isEqualTo("image/png");
        assertThat(item.json().get("sizeBytes").asLong()).isEqualTo(expected.length);
        assertThat(item.json().get("sha256").asText()).isEqualTo(sha256(expected));
        return media;
    }

    // ------------------------------------------------------------------------------------ WhatsApp

    private Channels.Channel connectWhatsApp() {
        return channels.connect(
                shop,
                owner,
                Map.of(
                        "kind",
                        "whatsapp",
                        "name",
                        "WhatsApp",
                        "accountId",
                        PHONE_NUMBER_ID,
                        "secrets",
                        Map.of("accessToken", WA_TOKEN, "appSecret", APP_SECRET, "verifyToken", "verify-media-1")),
                WA_TOKEN,
                APP_SECRET);
    }

    private static String whatsappImage(String wamid, String mediaId) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1022\",\"changes\":[{\"value\":{"
                + "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783881\","
                + "\"phone_number_id\":\"" + PHONE_NUMBER_ID + "\"},"
                + "\"contacts\":[{\"profile\":{\"name\":\"Ann\"},\"wa_id\":\"34600111222\"}],"
                + "\"messages\":[{\"from\":\"34600111222\",\"id\":\"" + wamid + "\",\"timestamp\":\""
                + Instant.now().getEpochSecond() + "\",\"type\":\"image\",\"image\":{\"mime_type\":\"image/jpeg\","
                + "\"sha256\":\"x\",\"id\":\"" + mediaId + "\"}}]},\"field\":\"messages\"}]}]}";
    }

    private void stubWhatsAppMedia(String mediaId, byte[] bytes) {
        stub.stubFor(get("/v21.0/" + mediaId)
                .withHeader("Authorization", equalTo("Bearer " + WA_TOKEN))
                .willReturn(okJson("{\"messaging_product\":\"whatsapp\",\"url\":\"" + stub.baseUrl()
                        + "/whatsapp/media/" + mediaId + "\",\"mime_type\":\"image/jpeg\",\"file_size\":"
                        + bytes.length + ",\"id\":\"" + mediaId + "\"}")));
        stub.stubFor(get("/whatsapp/media/" + mediaId)
                .withHeader("Authorization", equalTo("Bearer " + WA_TOKEN))
                .willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(bytes)));
    }

    @Test
    @DisplayName("WhatsApp: GET /{media-id} then the download, both with the token; stored once under redelivery")
    void whatsapp() throws Exception {
        String mediaId = String.valueOf(1_000_000_000L + (long) (Math.random() * 1_000_000_000L));
        stubWhatsAppMedia(mediaId, PNG);
        Channels.Channel channel = connectWhatsApp();
        String body = whatsappImage("wamid.media." + mediaId, mediaId);
        channels.deliverMeta(channel, body, APP_SECRET).assertStatus(200);

        JsonNode message = settledMessage(shop, owner);
        String media = assertStored(message, PNG);
        // The provider's claim (image/jpeg) was not believed; the message keeps its kind of attachment.
        assertThat(message.get("mediaType").asText()).isEqualTo("image");

        channels.deliverMeta(channel, body, APP_SECRET).assertStatus(200);
        await().during(Duration.ofSeconds(2))
                .atMost(SETTLED)
                .untilAsserted(() -> assertThat(stub.findAll(getRequestedFor(urlEqualTo("/whatsapp/media/" + mediaId))))
                        .hasSize(1));
        stub.verify(1, getRequestedFor(urlEqualTo("/v21.0/" + mediaId)));

        // Another tenant reaches neither the message nor its media.
        Platform.Shop globex = platform.newShop();
        String globexOwner = platform.ownerToken(globex);
        String conversation = channels.awaitConversations(shop, owner, 1, SETTLED)
                .get(0)
                .get("id")
                .asText();
        api.get("/api/v1/conversations/" + conversation + "/messages")
                .in(globex, globexOwner)
                .send()
                .assertProblem(404, "not_found");
        api.get("/api/v1/media/" + media).in(globex, globexOwner).send().assertProblem(404, "not_found");
        api.get("/api/v1/media/" + media + "/download")
                .in(globex, globexOwner)
                .send()
                .assertProblem(404, "not_found");
    }

    @Test
    @DisplayName("an attachment over the cap is too_large and nothing is stored")
    void tooLarge() {
        String mediaId = String.valueOf(3_000_000_000L + (long) (Math.random() * 1_000_000_000L));
        stubWhatsAppMedia(mediaId, new byte[300 * 1024]);
        Channels.Channel channel = connectWhatsApp();
        channels.deliverMeta(channel, whatsappImage("wamid.big." + mediaId, mediaId), APP_SECRET)
                .assertStatus(200);

        JsonNode message = settledMessage(shop, owner);
        assertThat(message.get("mediaState").asText()).isEqualTo("too_large");
        assertThat(message.get("mediaId").isNull()).isTrue();
        assertThat(message.get("mediaReason").asText()).isNotBlank();
        Api.Response media = api.get("/api/v1/media").in(shop, owner).send();
        media.assertStatus(200);
        assertThat(media.json().get("items")).isEmpty();
    }

    @Test
    @DisplayName("an attachment the provider refuses is unavailable with the reason")
    void unavailable() {
        String mediaId = String.valueOf(5_000_000_000L + (long) (Math.random() * 1_000_000_000L));
        stub.stubFor(get("/v21.0/" + mediaId)
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"Unsupported get request\",\"code\":100}}")));
        Channels.Channel channel = connectWhatsApp();
        channels.deliverMeta(channel, whatsappImage("wamid.gone." + mediaId, mediaId), APP_SECRET)
                .assertStatus(200);

        JsonNode message = settledMessage(shop, owner);
        assertThat(message.get("mediaState").asText()).isEqualTo("unavailable");
        assertThat(message.get("mediaReason").asText()).contains("404");
    }

    // ------------------------------------------------------------------------------------ Telegram

    @Test
    @DisplayName("Telegram: getFile then /file/bot<token>/<file_path>")
    void telegram() throws Exception {
        String botToken = (100000 + (int) (Math.random() * 800000)) + ":AAH"
                + UUID.randomUUID().toString().replace("-", "");
        stub.stubFor(post("/bot" + botToken + "/setWebhook").willReturn(okJson("{\"ok\":true,\"result\":true}")));
        stub.stubFor(post("/bot" + botToken + "/getFile")
                .withRequestBody(equalToJson("{\"file_id\":\"AgACAgQAAxkBAAIB\"}"))
                .willReturn(okJson("{\"ok\":true,\"result\":{\"file_id\":\"AgACAgQAAxkBAAIB\","
                        + "\"file_unique_id\":\"AQAD\",\"file_size\":" + PNG.length
                        + ",\"file_path\":\"photos/file_7.png\"}}")));
        stub.stubFor(get("/file/bot" + botToken + "/photos/file_7.png")
                .willReturn(aResponse().withBody(PNG)));
        Channels.Channel channel = channels.connect(
                shop,
                owner,
                Map.of("kind", "telegram", "name", "Bot", "secrets", Map.of("botToken", botToken)),
                botToken);
        String secret = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(stub.findAll(postRequestedFor(urlEqualTo("/bot" + botToken + "/setWebhook")))
                        .get(0)
                        .getBodyAsString())
                .get("secret_token")
                .asText();
        String update = "{\"update_id\":91,\"message\":{\"message_id\":5,\"date\":"
                + Instant.now().getEpochSecond() + ",\"from\":{\"id\":778,\"is_bot\":false,\"first_name\":\"Bo\"},"
                + "\"chat\":{\"id\":778,\"type\":\"private\"},\"photo\":[{\"file_id\":\"small\",\"file_unique_id\":\"a\","
                + "\"width\":9,\"height\":6},{\"file_id\":\"AgACAgQAAxkBAAIB\",\"file_unique_id\":\"AQAD\","
                + "\"width\":24,\"height\":16}]}}";
        channels.deliverTelegram(channel, secret, update).assertStatus(200);

        assertStored(settledMessage(shop, owner), PNG);
        stub.verify(1, getRequestedFor(urlEqualTo("/file/bot" + botToken + "/photos/file_7.png")));
    }

    // ------------------------------------------------------------------------------------ Messenger

    @Test
    @DisplayName("Messenger: the attachment's URL, fetched without the page token")
    void messenger() throws Exception {
        String path = "/cdn/" + UUID.randomUUID() + ".png";
        stub.stubFor(get(path).willReturn(aResponse().withBody(PNG)));
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
                        Map.of("pageAccessToken", PAGE_TOKEN, "appSecret", APP_SECRET, "verifyToken", "verify-page-1")),
                PAGE_TOKEN);
        long now = Instant.now().toEpochMilli();
        String body = "{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE_ID + "\",\"time\":" + now
                + ",\"messaging\":[{\"sender\":{\"id\":\"24012345678\"},\"recipient\":{\"id\":\"" + PAGE_ID
                + "\"},\"timestamp\":" + now + ",\"message\":{\"mid\":\"m_media_" + UUID.randomUUID()
                + "\",\"attachments\":[{\"type\":\"image\",\"payload\":{\"url\":\"" + stub.baseUrl() + path
                + "\"}}]}}]}]}";
        channels.deliverMeta(channel, body, APP_SECRET).assertStatus(200);

        assertStored(settledMessage(shop, owner), PNG);
        assertThat(stub.findAll(getRequestedFor(urlEqualTo(path))))
                .hasSize(1)
                .allSatisfy(r -> assertThat(r.containsHeader("Authorization")).isFalse());
    }

    // ------------------------------------------------------------------------------------ Twilio

    @Test
    @DisplayName("Twilio: MediaUrl0 with the account's Basic auth")
    void twilio() throws Exception {
        String path = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages/MM"
                + UUID.randomUUID().toString().replace("-", "") + "/Media/ME0001";
        String basic = "Basic "
                + Base64.getEncoder().encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
        stub.stubFor(get(path)
                .withHeader("Authorization", equalTo(basic))
                .willReturn(aResponse().withBody(PNG)));
        Channels.Channel channel = channels.connect(
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
                        Map.of("authToken", AUTH_TOKEN, "sender", "+15017122661")),
                AUTH_TOKEN);
        String sid = "MM" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> p = new LinkedHashMap<>();
        p.put("MessageSid", sid);
        p.put("SmsMessageSid", sid);
        p.put("AccountSid", ACCOUNT_SID);
        p.put("From", "+34600111333");
        p.put("To", "+15017122661");
        p.put("Body", "");
        p.put("NumMedia", "1");
        p.put("MediaContentType0", "image/jpeg");
        p.put("MediaUrl0", stub.baseUrl() + path);
        p.put("ApiVersion", "2010-04-01");
        channels.deliverTwilio(channel, p, AUTH_TOKEN).assertStatus(200);

        assertStored(settledMessage(shop, owner), PNG);
        stub.verify(1, getRequestedFor(urlEqualTo(path)));
    }
}
