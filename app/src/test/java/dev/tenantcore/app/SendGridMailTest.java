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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.ShopTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A shop's mail through SendGrid's v3 Web API, against a WireMock stub of its documented calls. */
class SendGridMailTest extends ShopTest {

    private static final String API_BASE_PROPERTY = "app.email.sendgrid-api-base";
    private static final ObjectMapper JSON = new ObjectMapper();

    static WireMockServer sendgrid;

    @BeforeAll
    static void startSendGridStub() {
        sendgrid = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        sendgrid.start();
        // Read by the SendGrid transport on every call, so the shared application context follows it.
        System.setProperty(API_BASE_PROPERTY, sendgrid.baseUrl());
        sendgrid.stubFor(get(urlEqualTo("/v3/scopes"))
                .atPriority(10)
                .willReturn(aResponse().withStatus(401).withBody("{\"errors\":[{\"message\":\"bad key\"}]}")));
        sendgrid.stubFor(post(urlEqualTo("/v3/mail/send"))
                .atPriority(10)
                .willReturn(aResponse().withStatus(401).withBody("{\"errors\":[{\"message\":\"bad key\"}]}")));
    }

    @AfterAll
    static void stopSendGridStub() {
        System.clearProperty(API_BASE_PROPERTY);
        sendgrid.stop();
    }

    private Api.Response saveSendGrid(String key) {
        return api.put("/api/v1/email/settings")
                .in(shop, owner)
                .json(Map.of(
                        "senderName",
                        "Shop",
                        "senderAddress",
                        "shop@" + shop.domain(),
                        "replyTo",
                        "help@" + shop.domain(),
                        "provider",
                        "sendgrid",
                        "sendgridApiKey",
                        key))
                .send();
    }

    private String useSendGrid() {
        String key = "SG." + shop.slug() + "-key";
        sendgrid.stubFor(get(urlEqualTo("/v3/scopes"))
                .withHeader("Authorization", equalTo("Bearer " + key))
                .willReturn(okJson("{\"scopes\":[\"alerts.read\",\"mail.send\"]}")));
        sendgrid.stubFor(post(urlEqualTo("/v3/mail/send"))
                .withHeader("Authorization", equalTo("Bearer " + key))
                .willReturn(aResponse().withStatus(202).withHeader("X-Message-Id", "sg-" + shop.slug())));
        Api.Response saved = saveSendGrid(key);
        saved.assertStatus(200);
        assertThat(saved.body()).doesNotContain(key);
        return key;
    }

    @Test
    @DisplayName("a key is checked through GET /v3/scopes and a test mail is one documented POST /v3/mail/send")
    void sendsThroughTheDocumentedApi() throws Exception {
        String key = useSendGrid();
        Api.Response verified =
                api.post("/api/v1/email/settings/verify").in(shop, owner).send();
        verified.assertStatus(200);
        assertThat(verified.json().get("provider").asText()).isEqualTo("sendgrid");
        sendgrid.verify(
                getRequestedFor(urlEqualTo("/v3/scopes")).withHeader("Authorization", equalTo("Bearer " + key)));

        Api.Response queued =
                api.post("/api/v1/email/settings/test").in(shop, owner).send();
        queued.assertStatus(202);
        String id = queued.json().get("id").asText();
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode delivery = api.get("/api/v1/email/deliveries/" + id)
                    .in(shop, owner)
                    .send()
                    .json();
            assertThat(delivery.get("status").asText()).isEqualTo("sent");
            assertThat(delivery.get("provider").asText()).isEqualTo("sendgrid");
            assertThat(delivery.get("providerMessageId").asText()).isEqualTo("sg-" + shop.slug());
        });

        List<LoggedRequest> sends = sendgrid.findAll(
                postRequestedFor(urlEqualTo("/v3/mail/send")).withHeader("Authorization", equalTo("Bearer " + key)));
        assertThat(sends).hasSize(1);
        LoggedRequest send = sends.get(0);
        assertThat(send.getHeader("Content-Type")).startsWith("application/json");
        String expected = JSON.writeValueAsString(Map.of(
                "personalizations", List.of(Map.of("to", List.of(Map.of("email", shop.ownerEmail())))),
                "from", Map.of("email", "shop@" + shop.domain(), "name", "Shop"),
                "reply_to", Map.of("email", "help@" + shop.domain()),
                "subject", "${json-unit.any-string}",
                "content",
                        List.of(
                                Map.of("type", "text/plain", "value", "${json-unit.any-string}"),
                                Map.of("type", "text/html", "value", "${json-unit.any-string}")),
                "custom_args", Map.of("delivery_id", id)));
        assertThat(equalToJson(expected, false, false)
                        .match(send.getBodyAsString())
                        .isExactMatch())
                .as(send.getBodyAsString())
                .isTrue();
        JsonNode body = JSON.readTree(send.getBodyAsString());
        assertThat(body.get("subject").asText()).startsWith("Test mail from");
        assertThat(body.at("/content/0/value").asText()).contains("This is a test mail");
        assertThat(body.at("/content/1/value").asText()).contains("<html lang=\"en\"", "This is a test mail");
    }

    @Test
    @DisplayName("a key SendGrid refuses fails verification with 422, and its mails fail at once without retries")
    void refusedKeys() {
        saveSendGrid("SG.not-a-known-key").assertStatus(200);
        api.post("/api/v1/email/settings/verify").in(shop, owner).send().assertProblem(422, "mail_verification_failed");
        String id = api.post("/api/v1/email/settings/test")
                .in(shop, owner)
                .send()
                .json()
                .get("id")
                .asText();
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode delivery = api.get("/api/v1/email/deliveries/" + id)
                    .in(shop, owner)
                    .send()
                    .json();
            assertThat(delivery.get("status").asText()).isEqualTo("failed");
            assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
            assertThat(delivery.get("error").asText()).contains("401");
        });
    }
}
