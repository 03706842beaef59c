package dev.tenantcore.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.tenantcore.app.support.ProcessorIntake.eventOf;
import static dev.tenantcore.app.support.ProcessorIntake.takes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tenantcore.api.catalog.CategoryDeletedEvent;
import dev.tenantcore.api.catalog.CategoryId;
import dev.tenantcore.api.catalog.ProductDeactivatedEvent;
import dev.tenantcore.api.catalog.ProductDeletedEvent;
import dev.tenantcore.api.catalog.ProductId;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ShopTest;
import dev.tenantcore.app.support.SilentServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Outbound webhooks end to end against WireMock receivers: registration with a secret shown once,
 * deliveries signed after the Standard Webhooks specification (checked here with the specification's
 * algorithm written out, not with the product's code), retries, the delivery log, redelivery,
 * replay of history from before the endpoint existed, secret rotation, a receiver that never answers
 * beside one that does, and another tenant and a switched-off module trying to reach any of it.
 */
@DisplayName("Outbound webhooks")
class OutboundWebhooksTest extends ShopTest {

    private static final Duration SETTLED = Duration.ofSeconds(20);
    private static final String ENDPOINTS = "/api/v1/automations/webhook-endpoints";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final WireMockExtension receiver = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    @Autowired
    private EventProcessingConfiguration processing;

    private String path;

    @BeforeEach
    void receiverPath() {
        path = "/hooks/" + UUID.randomUUID();
        receiver.stubFor(post(path).willReturn(ok("thanks")));
    }

    private record Endpoint(String id, String secret) {}

    private Endpoint register(Platform.Shop in, String token, String url, List<String> types) {
        Api.Response created = api.post(ENDPOINTS)
                .in(in, token)
                .json(Map.of("url", url, "eventTypes", types, "description", "Test receiver"))
                .send();
        created.assertStatus(201);
        JsonNode body = created.json();
        return new Endpoint(
                body.get("endpoint").get("id").asText(), body.get("secret").asText());
    }

    private Endpoint register(List<String> types) {
        return register(shop, owner, receiver.baseUrl() + path, types);
    }

    private String newProduct(Platform.Shop in, String token) {
        return platform.newProduct(
                        in, token, "mug-" + UUID.randomUUID().toString().substring(0, 8), 1250)
                .get("id")
                .asText();
    }

    private List<LoggedRequest> received(String at) {
        return receiver.findAll(postRequestedFor(urlEqualTo(at)));
    }

    private List<LoggedRequest> awaitReceived(String at, int count) {
        return await().atMost(SETTLED).until(() -> received(at), list -> list.size() >= count);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The Standard Webhooks verification, written out from the specification: the secret's bytes are
     * the base64 after {@code whsec_}; the signed content is {@code id.timestamp.body}; the header holds
     * space-separated {@code v1,<base64 HMAC-SHA256>}; the timestamp must be within five minutes.
     * Answers how many of the header's signatures {@code secret} verifies.
     */
    static int verifiedSignatures(String secret, LoggedRequest request) throws Exception {
        String id = request.getHeader("webhook-id");
        String timestamp = request.getHeader("webhook-timestamp");
        String header = request.getHeader("webhook-signature");
        assertThat(id).isNotBlank();
        assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)))
                .isLessThan(300);
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] expected =
                mac.doFinal((id + "." + timestamp + "." + request.getBodyAsString()).getBytes(StandardCharsets.UTF_8));
        int verified = 0;
        for (String versioned : header.split(" ")) {
            String[] parts = versioned.split(",", 2);
            if (parts.length == 2
                    && parts[0].equals("v1")
                    && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                verified++;
            }
        }
        return verified;
    }

    private JsonNode deliveries(Endpoint endpoint) {
        Api.Response page = api.get(ENDPOINTS + "/" + endpoint.id() + "/deliveries")
                .in(shop, owner)
                .send();
        page.assertStatus(200);
        return page.json().get("items");
    }

    @Nested
    @DisplayName("an endpoint")
    class Registration {

        @Test
        @DisplayName("shows its secret once, and a GET or list never again")
        void secretShownOnce() {
            Endpoint endpoint = register(List.of("product.created"));
            assertThat(endpoint.secret()).startsWith("whsec_");
            Api.Response one =
                    api.get(ENDPOINTS + "/" + endpoint.id()).in(shop, owner).send();
            one.assertStatus(200).assertETag(0);
            assertThat(one.json().get("eventTypes").toString()).isEqualTo("[\"product.created\"]");
            assertThat(one.body()).doesNotContain(endpoint.secret().substring(6));
            Api.Response list = api.get(ENDPOINTS).in(shop, owner).send();
            list.assertStatus(200);
            assertThat(list.body())
                    .contains(endpoint.id())
                    .doesNotContain(endpoint.secret().substring(6));
        }

        @Test
        @DisplayName("refuses an event type not in the catalogue with 422 unknown_event_type, and a non-URL")
        void refusals() {
            api.post(ENDPOINTS)
                    .in(shop, owner)
                    .json(Map.of("url", receiver.baseUrl() + path, "eventTypes", List.of("order.exploded")))
                    .send()
                    .assertProblem(422, "unknown_event_type");
            api.post(ENDPOINTS)
                    .in(shop, owner)
                    .json(Map.of("url", "ftp://files.example.com/x"))
                    .send()
                    .assertProblem(422, "webhook_url_refused");
            api.post(ENDPOINTS)
                    .in(shop, owner)
                    .json(Map.of("url", "https://does-not-resolve.invalid/x"))
                    .send()
                    .assertProblem(422, "webhook_url_refused");
            assertThat(api.get(ENDPOINTS).in(shop, owner).send().json().get("items"))
                    .isEmpty();
        }

        @Test
        @DisplayName("is changed under If-Match, and a stale version answers 412")
        void update() {
            Endpoint endpoint = register(List.of());
            api.patch(ENDPOINTS + "/" + endpoint.id())
                    .in(shop, owner)
                    .ifMatch(0)
                    .json(Map.of("description", "Renamed", "eventTypes", List.of("order.paid")))
                    .send()
                    .assertStatus(200)
                    .assertETag(1);
            api.patch(ENDPOINTS + "/" + endpoint.id())
                    .in(shop, owner)
                    .ifMatch(0)
                    .json(Map.of("description", "Again"))
                    .send()
                    .assertProblem(412, "version_conflict");
            api.delete(ENDPOINTS + "/" + endpoint.id()).in(shop, owner).send().assertStatus(204);
            api.get(ENDPOINTS + "/" + endpoint.id()).in(shop, owner).send().assertProblem(404, "not_found");
        }
    }

    @Nested
    @DisplayName("a delivery")
    class Delivery {

        @Test
        @DisplayName("posts the envelope signed after Standard Webhooks, once per event")
        void signed() throws Exception {
            Endpoint endpoint = register(List.of("product.created"));
            String product = newProduct(shop, owner);
            LoggedRequest request = awaitReceived(path, 1).get(0);
            assertThat(verifiedSignatures(endpoint.secret(), request)).isEqualTo(1);
            assertThat(request.getHeader("Content-Type")).startsWith("application/json");
            JsonNode body = parse(request.getBodyAsString());
            assertThat(body.get("id").asText()).isEqualTo(request.getHeader("webhook-id"));
            assertThat(body.get("type").asText()).isEqualTo("product.created");
            assertThat(body.get("version").asInt()).isEqualTo(1);
            assertThat(body.get("tenantId").asText()).isEqualTo(shop.id());
            assertThat(body.get("aggregateId").asText()).isEqualTo(product);
            assertThat(body.get("data").isObject()).isTrue();
            JsonNode log = await().atMost(SETTLED)
                    .until(
                            () -> deliveries(endpoint),
                            items -> items.size() == 1
                                    && items.get(0).get("status").asText().equals("delivered"));
            JsonNode attempt = log.get(0).get("attemptLog").get(0);
            assertThat(attempt.get("statusCode").asInt()).isEqualTo(200);
            assertThat(attempt.get("response").asText()).isEqualTo("thanks");
            assertThat(attempt.get("latencyMs").asLong()).isGreaterThanOrEqualTo(0);
            assertThat(log.get(0).get("eventType").asText()).isEqualTo("product.created");
            // A filtered-out event (a product's update) and the same event handled again send nothing more.
            api.patch("/api/v1/products/" + product)
                    .in(shop, owner)
                    .json(Map.of("name", "Renamed mug"))
                    .send()
                    .assertStatus(200);
            assertThat(deliveries(endpoint)).hasSize(1);
            assertThat(received(path)).hasSize(1);
        }

        @Test
        @DisplayName("is retried after a failure until the receiver answers 2xx, each attempt in the log")
        void retried() {
            receiver.stubFor(post(path)
                    .inScenario(path)
                    .whenScenarioStateIs(STARTED)
                    .willReturn(aResponse().withStatus(500).withBody("down for a moment"))
                    .willSetStateTo("second"));
            receiver.stubFor(post(path)
                    .inScenario(path)
                    .whenScenarioStateIs("second")
                    .willReturn(aResponse().withStatus(503))
                    .willSetStateTo("up"));
            receiver.stubFor(
                    post(path).inScenario(path).whenScenarioStateIs("up").willReturn(ok("ok")));
            Endpoint endpoint = register(List.of("product.created"));
            newProduct(shop, owner);
            JsonNode log = await().atMost(SETTLED)
                    .until(
                            () -> deliveries(endpoint),
                            items -> items.size() == 1
                                    && items.get(0).get("status").asText().equals("delivered"));
            JsonNode attempts = log.get(0).get("attemptLog");
            assertThat(attempts).hasSize(3);
            assertThat(attempts.get(0).get("statusCode").asInt()).isEqualTo(500);
            assertThat(attempts.get(0).get("response").asText()).isEqualTo("down for a moment");
            assertThat(attempts.get(1).get("statusCode").asInt()).isEqualTo(503);
            assertThat(attempts.get(2).get("statusCode").asInt()).isEqualTo(200);
            List<LoggedRequest> requests = received(path);
            assertThat(requests).hasSize(3);
            // The same message every time: one webhook-id, one body.
            assertThat(requests.stream().map(r -> r.getHeader("webhook-id")).distinct())
                    .hasSize(1);
            assertThat(requests.stream().map(LoggedRequest::getBodyAsString).distinct())
                    .hasSize(1);
        }

        @Test
        @DisplayName("that keeps failing is given up after the schedule, and can be sent again by hand")
        void failedThenRedelivered() throws Exception {
            receiver.stubFor(post(path).willReturn(aResponse().withStatus(410)));
            Endpoint endpoint = register(List.of("product.created"));
            newProduct(shop, owner);
            JsonNode failed = await().atMost(SETTLED)
                    .until(
                            () -> deliveries(endpoint),
                            items -> items.size() == 1
                                    && items.get(0).get("status").asText().equals("failed"));
            // The first attempt and one per wait of the schedule (three in the tests).
            assertThat(failed.get(0).get("attempts").asInt()).isEqualTo(4);
            assertThat(failed.get(0).get("nextAttemptAt").isNull()).isTrue();
            receiver.stubFor(post(path).willReturn(ok()));
            String delivery = failed.get(0).get("id").asText();
            Api.Response again = api.post(ENDPOINTS + "/" + endpoint.id() + "/deliveries/" + delivery + "/redeliver")
                    .in(shop, owner)
                    .send();
            again.assertStatus(202);
            await().atMost(SETTLED)
                    .until(
                            () -> deliveries(endpoint),
                            items -> items.get(0).get("status").asText().equals("delivered"));
            List<LoggedRequest> requests = received(path);
            assertThat(requests).hasSize(5);
            assertThat(requests.stream().map(r -> r.getHeader("webhook-id")).distinct())
                    .hasSize(1);
            assertThat(verifiedSignatures(endpoint.secret(), requests.get(4))).isEqualTo(1);
            api.post(ENDPOINTS + "/" + endpoint.id() + "/deliveries/" + UUID.randomUUID() + "/redeliver")
                    .in(shop, owner)
                    .send()
                    .assertProblem(404, "not_found");
        }

        @Test
        @DisplayName("during a secret rotation carries both signatures, each verifying with its own secret")
        void rotation() throws Exception {
            Endpoint endpoint = register(List.of("product.created"));
            Api.Response rotated = api.post(ENDPOINTS + "/" + endpoint.id() + "/rotate-secret")
                    .in(shop, owner)
                    .send();
            rotated.assertStatus(200);
            String next = rotated.json().get("secret").asText();
            assertThat(next).startsWith("whsec_").isNotEqualTo(endpoint.secret());
            assertThat(Instant.parse(
                            rotated.json().get("previousSecretValidUntil").asText()))
                    .isAfter(Instant.now().plus(Duration.ofHours(23)));
            newProduct(shop, owner);
            LoggedRequest request = awaitReceived(path, 1).get(0);
            assertThat(request.getHeader("webhook-signature").split(" ")).hasSize(2);
            assertThat(verifiedSignatures(next, request)).isEqualTo(1);
            assertThat(verifiedSignatures(endpoint.secret(), request)).isEqualTo(1);
            assertThat(verifiedSignatures(WHSEC_OF_SOMEONE_ELSE, request)).isZero();
        }
    }

    @Test
    @DisplayName("an endpoint whose attempts have all failed for five days is switched off and its owner mailed")
    void disabledAfterFailingForDays() {
        receiver.stubFor(post(path).willReturn(aResponse().withStatus(500)));
        Endpoint endpoint = register(List.of("product.created"));
        // Five days of failures, as the endpoint's failure clock would have them.
        asTenant(
                shop,
                () -> jdbc.update(
                        "UPDATE outbound_webhook_endpoints SET failing_since = now() - interval '6 days' WHERE id = ?::uuid",
                        endpoint.id()));
        newProduct(shop, owner);
        JsonNode view = await().atMost(SETTLED)
                .until(
                        () -> api.get(ENDPOINTS + "/" + endpoint.id())
                                .in(shop, owner)
                                .send()
                                .json(),
                        v -> !v.get("enabled").asBoolean());
        assertThat(view.get("disabledReason").asText()).isEqualTo("failing");
        // Switched on again at once, before the failed message's next turn (0.3 s in the tests):
        // the message ended with the switch-off, so nothing is attempted and the clock stays clear.
        api.patch(ENDPOINTS + "/" + endpoint.id())
                .in(shop, owner)
                .json(Map.of("enabled", true))
                .send()
                .assertStatus(200);
        await().during(Duration.ofSeconds(1))
                .atMost(SETTLED)
                .until(() -> received(path).size() == 1);
        JsonNode message = deliveries(endpoint).get(0);
        assertThat(message.get("status").asText()).isEqualTo("cancelled");
        assertThat(message.get("attemptLog")).hasSize(1);
        JsonNode again =
                api.get(ENDPOINTS + "/" + endpoint.id()).in(shop, owner).send().json();
        assertThat(again.get("enabled").asBoolean()).isTrue();
        assertThat(again.get("failingSince").isNull()).isTrue();
        assertThat(again.get("disabledReason").isNull()).isTrue();
        Integer mails = await().atMost(SETTLED)
                .until(
                        () -> asTenant(
                                shop,
                                () -> jdbc.queryForObject(
                                        "SELECT count(*) FROM email_deliveries WHERE template = 'webhook_endpoint_disabled'"
                                                + " AND recipient = ?",
                                        Integer.class,
                                        shop.ownerEmail())),
                        count -> count > 0);
        assertThat(mails).isEqualTo(1);
    }

    private static final String WHSEC_OF_SOMEONE_ELSE = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    @DisplayName("replay sends stored events from before the endpoint existed, between two instants")
    void replayFromHistory() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        String first = newProduct(shop, owner);
        String second = newProduct(shop, owner);
        Endpoint endpoint = register(List.of("product.created"));
        Instant after = Instant.now().plusSeconds(1);
        // Nothing is sent for events from before the endpoint until it is asked for.
        assertThat(received(path)).isEmpty();
        Api.Response replay = api.post(ENDPOINTS + "/" + endpoint.id() + "/replay")
                .in(shop, owner)
                .json(Map.of("from", before.toString(), "to", after.toString()))
                .send();
        replay.assertStatus(202);
        assertThat(replay.json().get("queued").asInt()).isEqualTo(2);
        List<LoggedRequest> requests = awaitReceived(path, 2);
        List<String> aggregates = new ArrayList<>();
        for (LoggedRequest request : requests) {
            assertThat(verifiedSignatures(endpoint.secret(), request)).isEqualTo(1);
            aggregates.add(parse(request.getBodyAsString()).get("aggregateId").asText());
        }
        assertThat(aggregates).containsExactlyInAnyOrder(first, second);
        api.post(ENDPOINTS + "/" + endpoint.id() + "/replay")
                .in(shop, owner)
                .json(Map.of("from", after.toString(), "to", before.toString()))
                .send()
                .assertProblem(400, "validation_failed");
    }

    @Test
    @DisplayName("a receiver that never answers does not hold up another tenant's deliveries")
    void slowEndpointIsolated() {
        try (SilentServer silent = SilentServer.start()) {
            Endpoint never = register(shop, owner, silent.url() + "/never", List.of("product.created"));
            for (int i = 0; i < 6; i++) {
                newProduct(shop, owner);
            }
            await().atMost(SETTLED).until(() -> silent.accepted() >= 1);
            Platform.Shop other = platform.newShop();
            String otherOwner = platform.ownerToken(other);
            register(other, otherOwner, receiver.baseUrl() + path, List.of("product.created"));
            long started = System.nanoTime();
            newProduct(other, otherOwner);
            awaitReceived(path, 1);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            // Well inside the 3 s that one silent attempt takes to time out.
            assertThat(took).isLessThan(Duration.ofMillis(2500));
            // The silent endpoint never had more than its two calls in flight.
            assertThat(silent.accepted())
                    .isLessThanOrEqualTo(2 + silent.closed().size());
            // Its pending messages are not sent once it is deleted.
            api.delete(ENDPOINTS + "/" + never.id()).in(shop, owner).send().assertStatus(204);
        }
    }

    @Test
    @DisplayName("another tenant neither reads, changes nor receives the endpoint, and sees none of its rows")
    void otherTenant() {
        Endpoint endpoint = register(List.of("product.created"));
        Platform.Shop other = platform.newShop();
        String intruder = platform.ownerToken(other);
        api.get(ENDPOINTS + "/" + endpoint.id()).in(other, intruder).send().assertProblem(404, "not_found");
        api.get(ENDPOINTS + "/" + endpoint.id() + "/deliveries")
                .in(other, intruder)
                .send()
                .assertProblem(404, "not_found");
        api.patch(ENDPOINTS + "/" + endpoint.id())
                .in(other, intruder)
                .json(Map.of("description", "Mine"))
                .send()
                .assertProblem(404, "not_found");
        api.post(ENDPOINTS + "/" + endpoint.id() + "/rotate-secret")
                .in(other, intruder)
                .send()
                .assertProblem(404, "not_found");
        api.post(ENDPOINTS + "/" + endpoint.id() + "/replay")
                .in(other, intruder)
                .json(Map.of(
                        "from", Instant.EPOCH.toString(), "to", Instant.now().toString()))
                .send()
                .assertProblem(404, "not_found");
        api.delete(ENDPOINTS + "/" + endpoint.id()).in(other, intruder).send().assertProblem(404, "not_found");
        assertThat(api.get(ENDPOINTS).in(other, intruder).send().json().get("items"))
                .isEmpty();
        // The other tenant's events never reach this tenant's endpoint; its own do.
        newProduct(other, intruder);
        newProduct(shop, owner);
        awaitReceived(path, 1);
        assertThat(parse(received(path).get(0).getBodyAsString())
                        .get("tenantId")
                        .asText())
                .isEqualTo(shop.id());
        // Row-level security: the other tenant's transactions see none of the rows.
        Integer seen = asTenant(
                other,
                () -> jdbc.queryForObject(
                        "SELECT (SELECT count(*) FROM outbound_webhook_endpoints) + (SELECT count(*) FROM outbound_webhook_messages)"
                                + " + (SELECT count(*) FROM outbound_webhook_attempts)",
                        Integer.class));
        assertThat(seen).isZero();
        Integer own = asTenant(
                shop, () -> jdbc.queryForObject("SELECT count(*) FROM outbound_webhook_endpoints", Integer.class));
        assertThat(own).isEqualTo(1);
    }

    @Test
    @DisplayName(
            "staff below owner are refused, and with automations switched off every route answers 403 module_disabled")
    void accessAndModule() {
        String manager = platform.staffToken(shop, owner, "manager");
        api.get(ENDPOINTS).in(shop, manager).send().assertProblem(403, "forbidden");
        Endpoint endpoint = register(List.of());
        api.delete("/api/v1/platform/tenants/" + shop.id() + "/modules/automations")
                .bearer(platform.adminToken())
                .send()
                .assertStatus(200);
        await().atMost(SETTLED)
                .untilAsserted(() -> api.get(ENDPOINTS).in(shop, owner).send().assertProblem(403, "module_disabled"));
        api.get(ENDPOINTS + "/" + endpoint.id() + "/deliveries")
                .in(shop, owner)
                .send()
                .assertProblem(403, "module_disabled");
        api.post(ENDPOINTS)
                .in(shop, owner)
                .json(Map.of("url", receiver.baseUrl() + path))
                .send()
                .assertProblem(403, "module_disabled");
        // Events of a tenant without automations are not sent.
        newProduct(shop, owner);
        assertThat(received(path)).isEmpty();
    }

    @Test
    @DisplayName("the fan-out's processor skips the events no endpoint of their tenant receives, and follows"
            + " an endpoint's change at once on this node and by the database's notification from another")
    void skipsWhatNobodyReceives() {
        EventMessage<?> productDeleted = eventOf(shop.id(), new ProductDeletedEvent(ProductId.random()));
        EventMessage<?> productDeactivated = eventOf(shop.id(), new ProductDeactivatedEvent(ProductId.random()));
        assertThat(takes(processing, "outbound-webhooks", productDeleted))
                .as("no endpoint yet")
                .isFalse();

        Endpoint endpoint = register(List.of("product.deleted"));
        assertThat(takes(processing, "outbound-webhooks", productDeleted))
                .as("registered on this node: the very next event")
                .isTrue();
        assertThat(takes(processing, "outbound-webhooks", productDeactivated))
                .as("a type the endpoint does not subscribe to")
                .isFalse();
        Platform.Shop other = platform.newShop();
        assertThat(takes(
                        processing,
                        "outbound-webhooks",
                        eventOf(other.id(), new ProductDeletedEvent(ProductId.random()))))
                .as("another tenant's event of the same type")
                .isFalse();

        // Another node switches the endpoint off and on again: straight in the table, no word to this one.
        UUID id = UUID.fromString(endpoint.id());
        asTenant(shop, () -> jdbc.update("UPDATE outbound_webhook_endpoints SET enabled = false WHERE id = ?", id));
        await().atMost(SETTLED).until(() -> !takes(processing, "outbound-webhooks", productDeleted));
        asTenant(shop, () -> jdbc.update("UPDATE outbound_webhook_endpoints SET enabled = true WHERE id = ?", id));
        await().atMost(SETTLED).until(() -> takes(processing, "outbound-webhooks", productDeleted));

        // An endpoint of every type takes every published type, and still none of an unpublished one.
        register(List.of());
        assertThat(takes(processing, "outbound-webhooks", productDeactivated)).isTrue();
        assertThat(takes(
                        processing,
                        "outbound-webhooks",
                        eventOf(shop.id(), new CategoryDeletedEvent(CategoryId.random()))))
                .as("a type the catalogue does not publish")
                .isFalse();
    }
}
