package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Orders;
import dev.tenantcore.app.support.ShopTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and broken input: each gets a 4xx problem with a stable code, nothing reaches the event
 * store, and the service answers the next request normally.
 */
class BadInputTest extends ShopTest {

    private static final String VALID = "{\"name\":\"Tea\",\"slug\":\"tea\",\"kind\":\"physical\","
            + "\"price\":{\"amountMinor\":100,\"currency\":\"EUR\"}}";

    private static final String PRODUCTS = "POST /api/v1/products";
    private static final String STRIPE_SETTINGS = "PUT /api/v1/payment-providers/stripe";
    private static final String REFUNDS = "POST /api/v1/payments/{payment}/refunds";
    private static final String AMOUNT = "\"amountMinor\":100";

    static Stream<Arguments> badBodies() {
        return Stream.of(
                refused(PRODUCTS, "malformed JSON", "{\"name\": ", "malformed_request"),
                refused(PRODUCTS, "not an object", "[1,2,3]", null),
                invalid(PRODUCTS, "wrong type", VALID.replace(AMOUNT, "\"amountMinor\":\"cheap\"")),
                invalid(PRODUCTS, "fractional minor units", VALID.replace(AMOUNT, "\"amountMinor\":1.5")),
                invalid(PRODUCTS, "unknown enum value", VALID.replace("physical", "imaginary")),
                invalid(PRODUCTS, "negative price", VALID.replace(AMOUNT, "\"amountMinor\":-1")),
                invalid(PRODUCTS, "unknown currency", VALID.replace("EUR", "XXQ")),
                invalid(PRODUCTS, "overlong name", VALID.replace("\"Tea\"", "\"" + "x".repeat(201) + "\"")),
                invalid(PRODUCTS, "slug with injection", VALID.replace("\"tea\"", "\"tea'; DROP TABLE products; --\"")),
                invalid(
                        PRODUCTS,
                        "bad category UUID",
                        VALID.replace("{\"name\"", "{\"categoryId\":\"not-a-uuid\",\"name\"")),
                invalid(
                        PRODUCTS,
                        "foreign category",
                        VALID.replace("{\"name\"", "{\"categoryId\":\"" + java.util.UUID.randomUUID() + "\",\"name\"")),
                invalid(PRODUCTS, "unknown field", VALID.replace("{\"name\"", "{\"isAdmin\":true,\"name\"")),
                invalid(PRODUCTS, "a NUL character in the name", VALID.replace("\"Tea\"", "\"T\\u0000ea\"")),
                invalid(PRODUCTS, "half of a surrogate pair in the name", VALID.replace("\"Tea\"", "\"T\\ud800ea\"")),
                invalid(PRODUCTS, "missing fields", "{}"),
                refused(PRODUCTS, "null body", "null", null),
                refused(STRIPE_SETTINGS, "malformed JSON", "{\"enabled\": ", "malformed_request"),
                refused(
                        STRIPE_SETTINGS,
                        "JSON cut off inside a list",
                        "{\"enabled\": false, \"clearSecrets\": [",
                        "malformed_request"),
                invalid(STRIPE_SETTINGS, "a switch that is not a boolean", "{\"enabled\": \"maybe\"}"),
                invalid(STRIPE_SETTINGS, "unknown field", "{\"enabled\": false, \"apiKey\": \"sk_live_guess\"}"),
                invalid(
                        STRIPE_SETTINGS,
                        "secrets to clear as one string, not a list",
                        "{\"enabled\": false, \"clearSecrets\": \"secretKey\"}"),
                invalid(
                        STRIPE_SETTINGS,
                        "more secrets to clear than a provider has",
                        "{\"enabled\": false, \"clearSecrets\": [\"secretKey\", \"webhookSecret\", \"apiKey\"]}"),
                invalid(
                        STRIPE_SETTINGS,
                        "a secret to clear that payment providers do not have",
                        "{\"enabled\": false, \"clearSecrets\": [\"password\"]}"),
                invalid(
                        STRIPE_SETTINGS,
                        "a secret to clear named by a number",
                        "{\"enabled\": false, \"clearSecrets\": [42]}"),
                refused(REFUNDS, "malformed JSON", "{\"amountMinor\": ", "malformed_request"),
                invalid(REFUNDS, "an amount that is not a number", "{\"amountMinor\": \"all of it\"}"),
                invalid(REFUNDS, "fractional minor units", "{\"amountMinor\": 1.5}"),
                invalid(REFUNDS, "a negative amount", "{\"amountMinor\": -1}"),
                invalid(REFUNDS, "a reason that is not text", "{\"reason\": {\"text\": \"why\"}}"),
                invalid(REFUNDS, "unknown field", "{\"refundTo\": \"another card\"}"));
    }

    /** A bad {@code body} sent to {@code route} ("METHOD path"), refused with 400 and {@code code}. */
    private static Arguments refused(String route, String what, String body, String code) {
        return Arguments.of(route, what, body, code);
    }

    /** A body that parses but breaks the route's rules: refused as validation_failed. */
    private static Arguments invalid(String route, String what, String body) {
        return refused(route, what, body, "validation_failed");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badBodies")
    @DisplayName("a bad body is refused with a problem and writes nothing")
    void badBodiesAreRefused(String route, String what, String body, String code) {
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1);
        if (path.contains("{payment}")) {
            String orderId = placeOrder(customer(), 1).get("id").asText();
            path = path.replace(
                    "{payment}",
                    Orders.awaitSagaPayment(api, shop, owner, orderId).get("id").asText());
        }
        long eventsBefore = events();
        Api.Response response = (method.equals("PUT") ? api.put(path) : api.post(path))
                .in(shop, owner)
                .raw(body)
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        if (code != null) {
            assertThat(response.code()).isEqualTo(code);
        }
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.tenantcore");
        assertThat(events()).isEqualTo(eventsBefore);
        stillServing();
    }

    @org.junit.jupiter.api.Test
    @DisplayName("validation errors list each offending field")
    void fieldErrorsAreListed() {
        Api.Response response = api.post("/api/v1/products")
                .in(shop, owner)
                .json(Map.of("name", "", "slug", "Not A Slug", "kind", "digital"))
                .send();
        response.assertStatus(400);
        assertThat(response.json().get("errors").toString())
                .contains("name")
                .contains("slug")
                .contains("price");
    }

    @org.junit.jupiter.api.Test
    @DisplayName("a body over 1 MB is refused with 413")
    void oversizedBody() {
        long eventsBefore = events();
        String huge = VALID.replace("\"Tea\"", "\"" + "x".repeat(1_100_000) + "\"");
        Api.Response response =
                api.post("/api/v1/products").in(shop, owner).raw(huge).send();
        response.assertProblem(413, "payload_too_large");
        assertThat(events()).isEqualTo(eventsBefore);
        stillServing();
    }

    @org.junit.jupiter.api.Test
    @DisplayName("bytes that are not UTF-8 are refused with 400")
    void badUtf8() {
        byte[] body = VALID.replace("Tea", "T\u00ffa").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Api.Response response =
                api.post("/api/v1/products").in(shop, owner).bytes(body).send();
        response.assertStatus(400);
        stillServing();
    }

    @org.junit.jupiter.api.Test
    @DisplayName("bad path ids, bad If-Match, wrong media type and wrong method are 4xx problems")
    void badRequestShapes() {
        assertThat(api.get("/api/v1/products/not-a-uuid").in(shop, owner).send().code())
                .isEqualTo("validation_failed");
        String id = platform.newProduct(shop, owner, "shape", 100).get("id").asText();
        assertThat(api.patch("/api/v1/products/" + id)
                        .in(shop, owner)
                        .header("If-Match", "yesterday")
                        .json(Map.of("name", "x"))
                        .send()
                        .code())
                .isEqualTo("validation_failed");
        api.post("/api/v1/products")
                .in(shop, owner)
                .header("Content-Type", "text/plain")
                .raw(VALID)
                .send()
                .assertStatus(415);
        api.put("/api/v1/products").in(shop, owner).raw(VALID).send().assertStatus(405);
        api.get("/api/v1/products?limit=100000").in(shop, owner).send().assertStatus(400);
        stillServing();
    }

    @org.junit.jupiter.api.Test
    @DisplayName("a header field larger than the server takes is refused with a problem, not an HTML page")
    void oversizedHeader() {
        Api.Response response = api.get("/api/v1/public/products")
                .origin(shop.domain())
                .header("X-Padding", "a".repeat(20_000))
                .send();
        response.assertProblem(400, "malformed_request");
        stillServing();
    }

    @org.junit.jupiter.api.Test
    @DisplayName("a Content-Type with wildcards is refused as malformed, not answered with a 500")
    void wildcardContentType() {
        String id = platform.newProduct(shop, owner, "wildcard", 100).get("id").asText();
        long eventsBefore = events();
        api.post("/api/v1/products/" + id + "/deactivate")
                .in(shop, owner)
                .header("Content-Type", "*/*")
                .raw("{}")
                .send()
                .assertProblem(400, "malformed_request");
        assertThat(events()).isEqualTo(eventsBefore);
        stillServing();
    }

    @org.junit.jupiter.api.Test
    @DisplayName("a query parameter with a NUL character is refused as malformed, not answered with a 500")
    void nulInQuery() {
        api.get("/api/v1/public/products?q=%00").origin(shop.domain()).send().assertProblem(400, "malformed_request");
        stillServing();
    }

    @org.junit.jupiter.api.Test
    @DisplayName("a command whose Accept excludes JSON is refused before it runs, so nothing is written")
    void commandThatCannotBeAnswered() {
        String mug =
                platform.newProduct(shop, owner, "unanswerable", 1250).get("id").asText();
        String customer = customer();
        // The CRM captures a registering customer as a contact in the background: count after it did.
        await().until(() -> jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE type = 'Contact'"
                                + " AND event_tenant(meta_data) = CAST(? AS uuid)",
                        Long.class,
                        shop.id())
                > 0);
        long eventsBefore = events();
        api.post("/api/v1/orders")
                .in(shop, customer)
                .header("Accept", "application/pdf")
                .json(Orders.body(mug, 1, Orders.BILLING, null))
                .send()
                .assertProblem(400, "malformed_request");
        assertThat(events()).isEqualTo(eventsBefore);
        stillServing();
    }

    @org.junit.jupiter.api.Test
    @DisplayName("a read whose Accept excludes JSON is 406 not_acceptable, as a problem the caller can read")
    void readThatCannotBeAnswered() {
        for (String accept : List.of("text/html", "application/xml", "image/png, text/csv")) {
            Api.Response refused = api.get("/api/v1/public/products")
                    .origin(shop.domain())
                    .header("Accept", accept)
                    .send();
            refused.assertProblem(406, "not_acceptable");
            assertThat(refused.header("Content-Type")).as(accept).startsWith("application/problem+json");
            assertThat(refused.json().get("detail").asText()).contains("application/json");
        }
        stillServing();
    }

    /** The shop's events: other tests' background work (deadlines, polls) appends to other tenants meanwhile. */
    private long events() {
        Long count = jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE event_tenant(meta_data) = CAST(? AS uuid)",
                Long.class,
                shop.id());
        return count == null ? 0 : count;
    }

    private void stillServing() {
        api.get("/actuator/health").send().assertStatus(200);
        api.get("/api/v1/public/products").origin(shop.domain()).send().assertStatus(200);
    }
}
