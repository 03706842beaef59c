package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Orders;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ProviderTest;
import dev.tenantcore.app.support.ShopTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PaymentsTest extends ShopTest {

    private static final String SECRET_KEY = "sk_test_51NotARealKeyAbcd";
    private static final String WEBHOOK_SECRET = "whsec_NotARealSecretWxyz";

    private String customer(Platform.Shop in) {
        return platform.customerToken(in);
    }

    /**
     * A pending order of the customer for 2 × 12.50, placed and readable, with the manual payment
     * the payment saga opens for it already visible: the payments these tests open come second.
     */
    private JsonNode order(String customerToken) {
        JsonNode placed = placeOrder(customerToken, 2);
        Orders.awaitSagaPayment(api, shop, customerToken, placed.get("id").asText());
        return placed;
    }

    private Api.Response act(Platform.Shop in, String token, String paymentId, String action) {
        return api.post("/api/v1/payments/" + paymentId + "/" + action)
                .origin(in.domain())
                .bearer(token)
                .header("Prefer", "return=representation")
                .send();
    }

    private Api.Response get(Platform.Shop in, String token, String paymentId) {
        return api.get("/api/v1/payments/" + paymentId)
                .origin(in.domain())
                .bearer(token)
                .send();
    }

    /** Asks the shop to stop offering {@code provider}, as {@code token}. */
    private Api.Response switchOff(String token, String provider) {
        return api.put("/api/v1/payment-providers/" + provider)
                .in(shop, token)
                .json(Map.of("enabled", false))
                .send();
    }

    private long paymentRows(Platform.Shop in) {
        return asTenant(in, () -> jdbc.queryForObject("SELECT count(*) FROM payments", Long.class));
    }

    @Test
    @DisplayName("a customer opens a manual payment for their order's total and staff mark it paid, once")
    void manualFlow() {
        String alice = customer(shop);
        JsonNode order = order(alice);
        String orderId = order.get("id").asText();

        Api.Response created = pay(alice, orderId, "manual");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode payment = created.json();
        String id = payment.get("id").asText();
        assertThat(created.header("Location")).isEqualTo("/api/v1/payments/" + id);
        assertThat(payment.get("status").asText()).isEqualTo("pending");
        assertThat(payment.get("provider").asText()).isEqualTo("manual");
        assertThat(payment.get("orderId").asText()).isEqualTo(orderId);
        assertThat(payment.get("amount").get("amountMinor").asLong())
                .isEqualTo(order.get("totals").get("totalMinor").asLong());
        assertThat(payment.get("amount").get("currency").asText()).isEqualTo("EUR");

        assertThat(act(shop, alice, id, "mark-paid").status()).isEqualTo(403);

        Api.Response paid = act(shop, platform.staffToken(shop, owner, "staff"), id, "mark-paid");
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        assertThat(paid.json().get("status").asText()).isEqualTo("paid");
        assertThat(paid.header("ETag")).isEqualTo("\"1\"");

        Api.Response again = act(shop, owner, id, "mark-paid");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("invalid_state");
        Api.Response fail = act(shop, owner, id, "mark-failed");
        assertThat(fail.status()).isEqualTo(409);
        assertThat(fail.code()).isEqualTo("invalid_state");

        // The saga's own payment is given up once this one paid the order: asynchronously, so awaited.
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Api.Response listed = api.get("/api/v1/payments?orderId=" + orderId)
                    .origin(shop.domain())
                    .bearer(alice)
                    .send();
            assertThat(listed.status()).isEqualTo(200);
            assertThat(listed.json().get("items")).hasSize(2);
            assertThat(listed.json().get("items").findValuesAsText("status"))
                    .containsExactlyInAnyOrder("paid", "failed");
        });
    }

    @Test
    @DisplayName("staff mark a pending manual payment failed with a reason; unknown providers are refused")
    void markFailedAndBadProvider() {
        String alice = customer(shop);
        String orderId = order(alice).get("id").asText();
        assertThat(pay(alice, orderId, "bitcoin-by-mail").code()).isEqualTo("validation_failed");
        assertThat(pay(alice, UUID.randomUUID().toString(), "manual").status()).isEqualTo(404);

        String id = pay(owner, orderId, "manual").json().get("id").asText();
        Api.Response failed = api.post("/api/v1/payments/" + id + "/mark-failed")
                .origin(shop.domain())
                .bearer(owner)
                .header("Prefer", "return=representation")
                .json(Map.of("reason", "no transfer arrived"))
                .send();
        assertThat(failed.status()).as(failed.toString()).isEqualTo(200);
        assertThat(failed.json().get("status").asText()).isEqualTo("failed");
        assertThat(failed.json().get("failureReason").asText()).isEqualTo("no transfer arrived");
        assertThat(act(shop, owner, id, "mark-paid").code()).isEqualTo("invalid_state");
    }

    @Test
    @DisplayName("an Idempotency-Key replays the first payment instead of opening a second")
    void idempotentCreation() {
        String alice = customer(shop);
        String orderId = order(alice).get("id").asText();
        String key = UUID.randomUUID().toString();
        // The very same request twice, as a client retrying after a lost answer sends it.
        Supplier<Api.Response> create = () -> api.post("/api/v1/payments")
                .in(shop, alice)
                .header("Idempotency-Key", key)
                .returningRepresentation()
                .json(Map.of("orderId", orderId, "provider", "manual"))
                .send();
        Api.Response first = create.get();
        Api.Response second = create.get();
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        assertThat(paymentRows(shop)).as("the saga's payment and one more").isEqualTo(2);
    }

    @Test
    @DisplayName("another tenant and another customer cannot see, open or move a payment, and nothing is written")
    void isolation() {
        String alice = customer(shop);
        String orderId = order(alice).get("id").asText();
        String id = pay(alice, orderId, "manual").json().get("id").asText();

        Platform.Shop other = platform.newShop();
        String otherOwner = platform.ownerToken(other);
        String missingId = UUID.randomUUID().toString();
        Api.Response missing = get(other, otherOwner, missingId);
        Api.Response foreign = get(other, otherOwner, id);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body()).isEqualTo(missing.body().replace(missingId, id));
        assertThat(act(other, otherOwner, id, "mark-paid").status()).isEqualTo(404);
        assertThat(api.post("/api/v1/payments")
                        .origin(other.domain())
                        .bearer(otherOwner)
                        .json(Map.of("orderId", orderId, "provider", "manual"))
                        .send()
                        .status())
                .isEqualTo(404);
        // A token of the other tenant on this shop's domain is refused outright.
        assertThat(act(shop, otherOwner, id, "mark-paid").status()).isIn(401, 403);

        String bob = customer(shop);
        Api.Response bobReads = get(shop, bob, id);
        assertThat(bobReads.status()).isEqualTo(404);
        assertThat(bobReads.body()).isEqualTo(get(shop, bob, missingId).body().replace(missingId, id));
        assertThat(pay(bob, orderId, "manual").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/payments?orderId=" + orderId)
                        .origin(shop.domain())
                        .bearer(bob)
                        .send()
                        .json()
                        .get("items"))
                .isEmpty();

        assertThat(paymentRows(shop)).as("the saga's payment and Alice's").isEqualTo(2);
        assertThat(paymentRows(other)).isZero();
        assertThat(get(shop, owner, id).json().get("status").asText()).isEqualTo("pending");
    }

    @Test
    @DisplayName("provider secrets are write-only, shown by their last four characters and encrypted in the database")
    void providerSecrets() {
        Api.Response incomplete = api.put("/api/v1/payment-providers/stripe")
                .origin(shop.domain())
                .bearer(owner)
                .json(Map.of("enabled", true, "publishableKey", "pk_test_123"))
                .send();
        assertThat(incomplete.status()).isEqualTo(400);
        assertThat(incomplete.code()).isEqualTo("validation_failed");

        Api.Response saved = api.put("/api/v1/payment-providers/stripe")
                .origin(shop.domain())
                .bearer(owner)
                .json(ProviderTest.stripeSettings("pk_test_123", SECRET_KEY, WEBHOOK_SECRET))
                .send();
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(saved.body()).doesNotContain(SECRET_KEY).doesNotContain(WEBHOOK_SECRET);
        assertThat(saved.json().get("secretKey").get("set").asBoolean()).isTrue();
        assertThat(saved.json().get("secretKey").get("last4").asText()).isEqualTo("Abcd");
        assertThat(saved.json().get("webhookSecret").get("last4").asText()).isEqualTo("Wxyz");

        // Rotating the publishable key alone keeps the stored secrets.
        Api.Response rotated = api.put("/api/v1/payment-providers/stripe")
                .origin(shop.domain())
                .bearer(owner)
                .json(Map.of("enabled", true, "publishableKey", "pk_test_456"))
                .send();
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        assertThat(rotated.json().get("secretKey").get("last4").asText()).isEqualTo("Abcd");

        Api.Response listed = api.get("/api/v1/payment-providers")
                .origin(shop.domain())
                .bearer(owner)
                .send();
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(SECRET_KEY).doesNotContain(WEBHOOK_SECRET);
        assertThat(listed.json().get("items")).hasSize(4);

        byte[] stored = asTenant(
                shop,
                () -> jdbc.queryForObject(
                        "SELECT ciphertext FROM tenant_credentials WHERE scope = 'payments.stripe' AND name = 'secretKey'",
                        byte[].class));
        byte[] storedWebhook = asTenant(
                shop,
                () -> jdbc.queryForObject(
                        "SELECT ciphertext FROM tenant_credentials"
                                + " WHERE scope = 'payments.stripe' AND name = 'webhookSecret'",
                        byte[].class));
        assertThat(stored).isNotEmpty();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET_KEY);
        assertThat(new String(storedWebhook, StandardCharsets.ISO_8859_1)).doesNotContain(WEBHOOK_SECRET);

        String manager = platform.staffToken(shop, owner, "manager");
        assertThat(switchOff(manager, "stripe").status()).isEqualTo(403);
        assertThat(switchOff(owner, "cheques").status()).isEqualTo(404);

        Platform.Shop other = platform.newShop();
        Api.Response otherList = api.get("/api/v1/payment-providers")
                .origin(other.domain())
                .bearer(platform.ownerToken(other))
                .send();
        assertThat(otherList.body()).doesNotContain("Abcd").doesNotContain("pk_test_456");
    }

    @Test
    @DisplayName("an owner who switches manual payments off stops new manual payments")
    void disabledProvider() {
        String alice = customer(shop);
        String orderId = order(alice).get("id").asText();
        Api.Response off = switchOff(owner, "manual");
        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        long before = paymentRows(shop);
        Api.Response refused = pay(alice, orderId, "manual");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("validation_failed");
        assertThat(paymentRows(shop)).isEqualTo(before);
    }
}
