package dev.tenantcore.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/** A customer's orders and the payments opened for them, placed and read through the API. */
public final class Orders {

    /** Where most tests' customers are billed. */
    public static final Map<String, Object> BILLING = billingAddress("US");

    private Orders() {}

    /** A billing address in {@code country} (ISO 3166 alpha-2). */
    public static Map<String, Object> billingAddress(String country) {
        return Map.of(
                "name",
                "Alice",
                "line1",
                "1 Main St",
                "city",
                "Springfield",
                "postalCode",
                "12345",
                "country",
                country);
    }

    /**
     * The body of an order for {@code quantity} of one product billed to {@code billing}, paid with
     * {@code provider}, or with the shop's default provider when that is null.
     */
    public static Map<String, Object> body(
            String productId, int quantity, Map<String, Object> billing, String provider) {
        Map<String, Object> body = new HashMap<>();
        body.put("lines", List.of(Map.of("productId", productId, "quantity", quantity)));
        body.put("billing", billing);
        if (provider != null) {
            body.put("paymentProvider", provider);
        }
        return body;
    }

    /** Places {@code order} at the shop as {@code customer}, asking for the order back. */
    public static Api.Response place(Api api, Platform.Shop shop, String customer, Map<String, Object> order) {
        return api.post("/api/v1/orders")
                .in(shop, customer)
                .returningRepresentation()
                .json(order)
                .send();
    }

    /**
     * The payment the saga opened for the order, once the read model lists it and its provider
     * answered (opened it, or did not).
     */
    public static JsonNode awaitSagaPayment(Api api, Platform.Shop shop, String token, String orderId) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> api.get("/api/v1/payments?orderId=" + orderId)
                                .in(shop, token)
                                .send(),
                        r -> r.status() == 200
                                && r.json().get("items").size() == 1
                                && openingSettled(r.json().get("items").get(0)))
                .json()
                .get("items")
                .get(0);
    }

    private static boolean openingSettled(JsonNode payment) {
        return payment.get("provider").asText().equals("manual")
                || payment.hasNonNull("providerPaymentId")
                || payment.get("status").asText().equals("failed");
    }

    /** Waits until the order reads {@code status} to {@code token}, within 15 seconds. */
    public static void awaitStatus(Api api, Platform.Shop shop, String token, String orderId, String status) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Api.Response order =
                    api.get("/api/v1/orders/" + orderId).in(shop, token).send();
            assertThat(order.status()).as(order.toString()).isEqualTo(200);
            assertThat(order.json().get("status").asText()).isEqualTo(status);
        });
    }

    /** A payment as {@code token} reads it at the shop; the read must succeed. */
    public static JsonNode payment(Api api, Platform.Shop shop, String token, String paymentId) {
        Api.Response read =
                api.get("/api/v1/payments/" + paymentId).in(shop, token).send();
        read.assertStatus(200);
        return read.json();
    }
}
