package dev.tenantcore.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;

/**
 * An end-to-end test of a payment provider against a local stub of its documented API: the shop's
 * payments as its owner reads them, and the provider's webhooks as the provider delivers them.
 */
public abstract class ProviderTest extends ShopTest {

    protected Webhooks webhooks;

    @BeforeEach
    final void deliverWebhooks() {
        webhooks = new Webhooks(api);
    }

    /** Stripe's settings as an owner enables them: the publishable key, the secret key and the webhook secret. */
    public static Map<String, Object> stripeSettings(String publishableKey, String secretKey, String webhookSecret) {
        return Map.of(
                "enabled",
                true,
                "publishableKey",
                publishableKey,
                "secretKey",
                secretKey,
                "webhookSecret",
                webhookSecret);
    }

    /**
     * Saves the tenant {@code in}'s settings for {@code provider} as {@code token}, which must succeed,
     * and answers the webhook path the provider is to deliver to: an opaque endpoint id that names no tenant.
     */
    protected String saveSettings(Platform.Shop in, String token, String provider, Map<String, Object> settings) {
        Api.Response saved = api.put("/api/v1/payment-providers/" + provider)
                .in(in, token)
                .json(settings)
                .send();
        saved.assertStatus(200);
        String path = saved.json().get("webhookPath").asText();
        assertThat(path).startsWith("/api/v1/webhooks/" + provider + "/").doesNotContain(in.id());
        return path;
    }

    /** Waits until the payment reads {@code status}, as the provider's webhook moves it asynchronously. */
    protected void awaitPaymentStatus(String paymentId, String status) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> payment(paymentId).get("status").asText().equals(status));
    }

    /**
     * A delivery replayed with the same event id is acknowledged as a duplicate, kept once and moves
     * nothing: the inbox handles each provider event once however often it arrives.
     */
    protected void assertReplayIgnored(Api.Response replayed, String eventId, String paymentId, long version) {
        replayed.assertStatus(200);
        assertThat(replayed.json().get("result").asText()).isEqualTo("duplicate");
        assertThat(recordedEvents(shop, eventId)).isEqualTo(1);
        assertThat(payment(paymentId).get("version").asLong()).isEqualTo(version);
    }

    /** Nothing the application sent to the provider carries {@code secret}, in its body or its headers. */
    protected static void assertNeverSent(List<LoggedRequest> sent, String secret) {
        assertThat(sent).isNotEmpty().allSatisfy(request -> {
            assertThat(request.getBodyAsString()).doesNotContain(secret);
            assertThat(request.getHeaders().all().toString()).doesNotContain(secret);
        });
    }

    /** A payment of the shop as its owner reads it. */
    protected JsonNode payment(String id) {
        return payment(owner, id);
    }

    /** How many deliveries of the provider's event {@code eventId} the tenant {@code in} has kept. */
    protected long recordedEvents(Platform.Shop in, String eventId) {
        return asTenant(
                in,
                () -> jdbc.queryForObject(
                        "SELECT count(*) FROM webhook_deliveries WHERE event_id = ?", Long.class, eventId));
    }
}
