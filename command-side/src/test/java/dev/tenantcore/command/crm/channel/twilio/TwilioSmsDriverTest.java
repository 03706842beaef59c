package dev.tenantcore.command.crm.channel.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.crm.conversation.MessageId;
import dev.tenantcore.api.crm.conversation.MessageStatus;
import dev.tenantcore.command.crm.channel.ChannelCredentials;
import dev.tenantcore.command.crm.channel.ChannelUnavailableException;
import dev.tenantcore.command.crm.channel.InboundDelivery;
import dev.tenantcore.command.crm.channel.OutboundMessage;
import dev.tenantcore.command.crm.channel.WebhookRequest;
import dev.tenantcore.command.support.TestOutboundHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Against a stub of Twilio's documented Messages API, requests asserted exactly. */
@DisplayName("Twilio SMS channel driver")
class TwilioSmsDriverTest {

    static final String ACCOUNT_SID = "AC" + "0123456789abcdef0123456789abcdef";
    static final String AUTH_TOKEN = "f00dfeedf00dfeedf00dfeedf00dfeed";
    static final String FROM = "+15017122661";
    static final String CUSTOMER = "+34600111222";
    static final String URL = "https://api.tenantcore.test/api/v1/webhooks/channels/Xq3endpoint";
    static final ChannelCredentials CREDENTIALS =
            new ChannelCredentials(ACCOUNT_SID, Map.of("authToken", AUTH_TOKEN, "sender", FROM));

    static WireMockServer twilio;

    TwilioSmsDriver driver;

    @BeforeAll
    static void start() {
        twilio = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        twilio.start();
    }

    @AfterAll
    static void stop() {
        twilio.stop();
    }

    @BeforeEach
    void setUp() {
        twilio.resetAll();
        driver = new TwilioSmsDriver(TestOutboundHttp.allowingLoopback(), twilio::baseUrl);
    }

    @AfterEach
    void tearDown() throws Exception {
        driver.destroy();
    }

    static String basic() {
        return "Basic "
                + Base64.getEncoder().encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Twilio's documented algorithm, written out here: the full URL, then each POST parameter sorted by
     * name, name and value appended; HMAC-SHA1 with the auth token; base64.
     */
    static String twilioSignature(String token, String url, Map<String, String> parameters) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(parameters).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String form(Map<String, String> parameters) {
        List<String> pairs = new ArrayList<>();
        parameters.forEach((name, value) -> pairs.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return String.join("&", pairs);
    }

    static WebhookRequest signedRequest(Map<String, String> parameters) {
        return new WebhookRequest(
                Map.of("x-twilio-signature", twilioSignature(AUTH_TOKEN, URL, parameters)), form(parameters), URL);
    }

    static Map<String, String> inboundSms(String sid, String body) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("ToCountry", "US");
        p.put("SmsMessageSid", sid);
        p.put("NumMedia", "0");
        p.put("SmsSid", sid);
        p.put("SmsStatus", "received");
        p.put("Body", body);
        p.put("To", FROM);
        p.put("NumSegments", "1");
        p.put("MessageSid", sid);
        p.put("AccountSid", ACCOUNT_SID);
        p.put("From", CUSTOMER);
        p.put("ApiVersion", "2010-04-01");
        return p;
    }

    static Map<String, String> statusCallback(String sid, String status) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("SmsSid", sid);
        p.put("SmsStatus", status);
        p.put("MessageStatus", status);
        p.put("To", CUSTOMER);
        p.put("MessageSid", sid);
        p.put("AccountSid", ACCOUNT_SID);
        p.put("From", FROM);
        p.put("ApiVersion", "2010-04-01");
        if (status.equals("undelivered")) {
            p.put("ErrorCode", "30003");
        }
        return p;
    }

    @Test
    @DisplayName("validate reads the account with HTTP Basic AccountSid:AuthToken")
    void validate() {
        twilio.stubFor(get("/2010-04-01/Accounts/" + ACCOUNT_SID + ".json")
                .withHeader("Authorization", equalTo(basic()))
                .willReturn(okJson("{\"sid\":\"" + ACCOUNT_SID + "\",\"friendly_name\":\"Acme SMS\","
                        + "\"status\":\"active\",\"type\":\"Full\"}")));
        var identity = driver.validate(CREDENTIALS);
        assertThat(identity.id()).isEqualTo(ACCOUNT_SID);
        assertThat(identity.displayName()).isEqualTo("Acme SMS");
        twilio.verify(1, getRequestedFor(urlEqualTo("/2010-04-01/Accounts/" + ACCOUNT_SID + ".json")));

        twilio.stubFor(get("/2010-04-01/Accounts/" + ACCOUNT_SID + ".json")
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":20003,\"message\":\"Authenticate\",\"more_info\":"
                                + "\"https://www.twilio.com/docs/errors/20003\",\"status\":401}")));
        assertThatThrownBy(() -> driver.validate(CREDENTIALS)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CHANNEL_PROVIDER_FAILED);
            assertThat(e.getMessage()).contains("20003").doesNotContain(AUTH_TOKEN);
        });
    }

    @Test
    @DisplayName("a send posts the documented form fields with the status callback, and the SID comes back")
    void send() {
        twilio.stubFor(post("/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json")
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SM1f0e8ae6ade43cb3c0ce4525424e404f\",\"status\":\"queued\"}")));
        var sent = driver.send(
                CREDENTIALS,
                new OutboundMessage(
                        MessageId.random(), CUSTOMER, "Hi Ann & co", "https://cdn.example.com/p.jpg", null, URL));
        assertThat(sent.providerMessageId()).isEqualTo("SM1f0e8ae6ade43cb3c0ce4525424e404f");
        List<LoggedRequest> requests =
                twilio.findAll(postRequestedFor(urlEqualTo("/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json"))
                        .withHeader("Authorization", equalTo(basic()))
                        .withHeader("Content-Type", containing("application/x-www-form-urlencoded")));
        assertThat(requests).hasSize(1);
        Map<String, String> fields = parse(requests.get(0).getBodyAsString());
        assertThat(fields)
                .containsExactlyEntriesOf(orderedOf(
                        "To", CUSTOMER,
                        "From", FROM,
                        "Body", "Hi Ann & co",
                        "MediaUrl", "https://cdn.example.com/p.jpg",
                        "StatusCallback", URL));
    }

    @Test
    @DisplayName("a Messaging Service SID is sent as MessagingServiceSid; without a public URL no StatusCallback")
    void messagingService() {
        twilio.stubFor(post("/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json")
                .willReturn(okJson("{\"sid\":\"SM2\",\"status\":\"accepted\"}")));
        String service = "MG" + "fedcba9876543210fedcba9876543210";
        driver.send(
                new ChannelCredentials(ACCOUNT_SID, Map.of("authToken", AUTH_TOKEN, "sender", service)),
                new OutboundMessage(MessageId.random(), CUSTOMER, "Hi", null, null));
        LoggedRequest request = twilio.findAll(
                        postRequestedFor(urlEqualTo("/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json"))
                                .withHeader("Authorization", equalTo(basic())))
                .get(0);
        assertThat(parse(request.getBodyAsString()))
                .containsExactlyEntriesOf(orderedOf("To", CUSTOMER, "MessagingServiceSid", service, "Body", "Hi"));
    }

    @Test
    @DisplayName("Twilio's refusal fails with its code; a 503 is transient and surely unsent")
    void refusals() {
        twilio.stubFor(post("/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json")
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":21211,\"message\":\"The 'To' number +3460 is not a valid phone number.\","
                                + "\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":400}")));
        assertThatThrownBy(() ->
                        driver.send(CREDENTIALS, new OutboundMessage(MessageId.random(), "+3460", "Hi", null, null)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CHANNEL_PROVIDER_FAILED);
                    assertThat(e.getMessage()).contains("21211").doesNotContain(AUTH_TOKEN);
                });
        twilio.stubFor(post("/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json")
                .willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() ->
                        driver.send(CREDENTIALS, new OutboundMessage(MessageId.random(), CUSTOMER, "Hi", null, null)))
                .isInstanceOfSatisfying(
                        ChannelUnavailableException.class,
                        e -> assertThat(e.maybeDelivered()).isFalse());
    }

    @Test
    @DisplayName("an inbound SMS signed as Twilio documents it is read, and its redelivery names the same delivery")
    void inbound() {
        Map<String, String> parameters = inboundSms("SM10000000000000000000000000000001", "Hola, ¿qué tal? 100% +1");
        InboundDelivery read = driver.verify(CREDENTIALS, signedRequest(parameters));
        assertThat(read.messages()).hasSize(1);
        InboundDelivery.Message message = read.messages().get(0);
        assertThat(message.providerMessageId()).isEqualTo("SM10000000000000000000000000000001");
        assertThat(message.channelUserId()).isEqualTo(CUSTOMER);
        assertThat(message.text()).isEqualTo("Hola, ¿qué tal? 100% +1");
        assertThat(message.mediaRef()).isNull();
        assertThat(read.statuses()).isEmpty();
        assertThat(driver.verify(CREDENTIALS, signedRequest(parameters)).deliveryId())
                .isEqualTo(read.deliveryId());

        Map<String, String> mms = inboundSms("SM10000000000000000000000000000002", "");
        mms.put("NumMedia", "1");
        mms.put("MediaContentType0", "image/jpeg");
        mms.put("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages/SM2/Media/ME1");
        InboundDelivery.Message picture =
                driver.verify(CREDENTIALS, signedRequest(mms)).messages().get(0);
        assertThat(picture.mediaType()).isEqualTo("image");
        assertThat(picture.mediaRef()).isEqualTo(mms.get("MediaUrl0"));
        assertThat(picture.text()).isNull();
    }

    @Test
    @DisplayName("status callbacks map queued/sent/delivered/undelivered/failed onto ours")
    void statuses() {
        assertThat(TwilioSmsDriver.status("queued")).isEqualTo(MessageStatus.SENT);
        assertThat(TwilioSmsDriver.status("sent")).isEqualTo(MessageStatus.SENT);
        assertThat(TwilioSmsDriver.status("delivered")).isEqualTo(MessageStatus.DELIVERED);
        assertThat(TwilioSmsDriver.status("undelivered")).isEqualTo(MessageStatus.FAILED);
        assertThat(TwilioSmsDriver.status("failed")).isEqualTo(MessageStatus.FAILED);
        assertThat(TwilioSmsDriver.status("accepted")).isNull();

        InboundDelivery delivered = driver.verify(
                CREDENTIALS, signedRequest(statusCallback("SM20000000000000000000000000000001", "delivered")));
        assertThat(delivered.messages()).isEmpty();
        assertThat(delivered.statuses()).hasSize(1);
        assertThat(delivered.statuses().get(0).providerMessageId()).isEqualTo("SM20000000000000000000000000000001");
        assertThat(delivered.statuses().get(0).channelUserId()).isEqualTo(CUSTOMER);
        assertThat(delivered.statuses().get(0).status()).isEqualTo(MessageStatus.DELIVERED);
        InboundDelivery undelivered = driver.verify(
                CREDENTIALS, signedRequest(statusCallback("SM20000000000000000000000000000001", "undelivered")));
        assertThat(undelivered.statuses().get(0).status()).isEqualTo(MessageStatus.FAILED);
        assertThat(undelivered.statuses().get(0).reason()).isEqualTo("undelivered 30003");
        // Each status of a message is its own delivery.
        assertThat(undelivered.deliveryId()).isNotEqualTo(delivered.deliveryId());
    }

    @Test
    @DisplayName("forged callbacks are refused: another token, another URL, a changed parameter, no public URL")
    void forged() {
        Map<String, String> parameters = inboundSms("SM30000000000000000000000000000001", "Hola");
        String body = form(parameters);
        String good = twilioSignature(AUTH_TOKEN, URL, parameters);
        Map<String, String> altered = new LinkedHashMap<>(parameters);
        altered.put("Body", "Hacked");
        for (WebhookRequest forged : List.of(
                new WebhookRequest(Map.of(), body, URL),
                new WebhookRequest(
                        Map.of("x-twilio-signature", twilioSignature("another-token-0000", URL, parameters)),
                        body,
                        URL),
                new WebhookRequest(
                        Map.of("x-twilio-signature", twilioSignature(AUTH_TOKEN, URL + "x", parameters)), body, URL),
                new WebhookRequest(Map.of("x-twilio-signature", good), form(altered), URL),
                new WebhookRequest(Map.of("x-twilio-signature", good), body + "&Extra=1", URL),
                new WebhookRequest(Map.of("x-twilio-signature", good), body, null),
                new WebhookRequest(Map.of("x-twilio-signature", "not base64!"), body, URL),
                new WebhookRequest(Map.of("x-twilio-signature", good), "%zz=bad", URL))) {
            assertThatThrownBy(() -> driver.verify(CREDENTIALS, forged))
                    .isInstanceOfSatisfying(
                            DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE));
        }
        // The headers-and-body form cannot verify Twilio at all: it has no URL.
        assertThatThrownBy(() -> driver.verify(CREDENTIALS, Map.of("x-twilio-signature", good), body))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE));
    }

    @Test
    @DisplayName("a callback of another account, signed with this token, is read as nothing")
    void otherAccount() {
        Map<String, String> parameters = inboundSms("SM40000000000000000000000000000001", "Hola");
        parameters.put("AccountSid", "AC" + "ffffffffffffffffffffffffffffffff");
        InboundDelivery read = driver.verify(CREDENTIALS, signedRequest(parameters));
        assertThat(read.messages()).isEmpty();
        assertThat(read.statuses()).isEmpty();
    }

    private static Map<String, String> parse(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(
                    java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static Map<String, String> orderedOf(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
