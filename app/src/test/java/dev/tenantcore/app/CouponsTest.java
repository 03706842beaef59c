package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ShopTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Coupon codes over HTTP against the real database: managed by staff, redeemed by orders, checked by storefronts. */
class CouponsTest extends ShopTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, Object> ADDRESS = Map.of(
            "name", "Alice", "line1", "1 Main St", "city", "Springfield", "postalCode", "12345", "country", "US");

    private Map<String, Object> coupon(String code, Object... more) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        body.put("kind", "percentage");
        body.put("percentBasisPoints", 1000);
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    private Api.Response create(Platform.Shop in, String token, Map<String, Object> body) {
        return api.post("/api/v1/coupons")
                .in(in, token)
                .returningRepresentation()
                .json(body)
                .send();
    }

    private String product(long priceMinor, int stock) {
        return platform.newProduct(
                        shop, owner, "p-" + UUID.randomUUID().toString().substring(0, 8), priceMinor, stock)
                .get("id")
                .asText();
    }

    private static Map<String, Object> order(String productId, int quantity, String code) {
        Map<String, Object> body = new HashMap<>();
        body.put("lines", List.of(Map.of("productId", productId, "quantity", quantity)));
        body.put("billing", ADDRESS);
        if (code != null) {
            body.put("couponCode", code);
        }
        return body;
    }

    private Api.Response place(Platform.Shop in, String token, Map<String, Object> body) {
        return api.post("/api/v1/orders")
                .in(in, token)
                .returningRepresentation()
                .json(body)
                .send();
    }

    private static List<Api.Response> allAtOnce(int threads, List<Callable<Api.Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> f : pool.invokeAll(calls)) {
                responses.add(f.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private Api.Response check(Platform.Shop in, String code, String from) {
        return api.post("/api/v1/public/coupons/check")
                .origin(in.domain())
                .header("X-Forwarded-For", from)
                .json(Map.of("code", code))
                .send();
    }

    @Test
    @DisplayName("owners and managers create, change and archive coupons with If-Match; staff read them")
    void lifecycle() {
        Api.Response created = create(
                shop,
                owner,
                coupon(
                        "Summer10",
                        "startsAt",
                        "2026-01-01T00:00:00Z",
                        "usageLimit",
                        100,
                        "perCustomerLimit",
                        1,
                        "minimumSubtotal",
                        Map.of("amountMinor", 2000, "currency", "EUR")));
        created.assertStatus(201).assertETag(0);
        String id = created.json().get("id").asText();
        assertThat(created.header("Location")).isEqualTo("/api/v1/coupons/" + id);
        assertThat(created.json().get("code").asText()).isEqualTo("SUMMER10");
        assertThat(created.json().get("status").asText()).isEqualTo("active");
        assertThat(created.json().get("percentBasisPoints").asInt()).isEqualTo(1000);

        String manager = platform.staffToken(shop, owner, "manager");
        create(shop, manager, coupon("summer10")).assertProblem(409, "coupon_code_taken");
        create(
                        shop,
                        manager,
                        coupon(
                                "FIVE",
                                "kind",
                                "fixed",
                                "percentBasisPoints",
                                null,
                                "amount",
                                Map.of("amountMinor", 500, "currency", "EUR")))
                .assertStatus(201);
        create(
                        shop,
                        manager,
                        coupon(
                                "DOLLARS",
                                "kind",
                                "fixed",
                                "percentBasisPoints",
                                null,
                                "amount",
                                Map.of("amountMinor", 500, "currency", "USD")))
                .assertProblem(400, "validation_failed");
        create(shop, manager, coupon("X")).assertProblem(400, "validation_failed");
        create(shop, manager, coupon("BAD", "kind", "bogus")).assertProblem(400, "validation_failed");

        Map<String, Object> terms = new HashMap<>(coupon("ignored", "percentBasisPoints", 1500));
        terms.remove("code");
        api.put("/api/v1/coupons/" + id)
                .in(shop, manager)
                .ifMatch(1)
                .json(terms)
                .send()
                .assertProblem(412, "version_conflict");
        Api.Response updated = api.put("/api/v1/coupons/" + id)
                .in(shop, manager)
                .ifMatch(0)
                .returningRepresentation()
                .json(terms)
                .send();
        updated.assertStatus(200).assertETag(1);
        assertThat(updated.json().get("percentBasisPoints").asInt()).isEqualTo(1500);
        assertThat(updated.json().get("usageLimit").isNull()).isTrue();

        Api.Response archived = api.post("/api/v1/coupons/" + id + "/archive")
                .in(shop, owner)
                .returningRepresentation()
                .send();
        archived.assertStatus(200).assertETag(2);
        assertThat(archived.json().get("status").asText()).isEqualTo("archived");
        api.put("/api/v1/coupons/" + id).in(shop, owner).json(terms).send().assertProblem(409, "invalid_state");

        String staff = platform.staffToken(shop, owner, "staff");
        create(shop, staff, coupon("STAFF")).assertStatus(403);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode page = api.get("/api/v1/coupons").in(shop, staff).send().json();
            assertThat(page.get("items")).hasSize(2);
            JsonNode archivedOnly = api.get("/api/v1/coupons?status=archived")
                    .in(shop, staff)
                    .send()
                    .json();
            assertThat(archivedOnly.get("items")).hasSize(1);
            assertThat(archivedOnly.get("items").get(0).get("id").asText()).isEqualTo(id);
        });
        api.get("/api/v1/coupons/" + id)
                .in(shop, staff)
                .send()
                .assertStatus(200)
                .assertETag(2);
    }

    @Test
    @DisplayName("an order placed with a code carries the discount in its lines and totals, taxed on what is left,"
            + " and so do its invoice and the invoice's PDF")
    void discountInOrderAndInvoice() throws Exception {
        api.put("/api/v1/tenant/settings")
                .in(shop, owner)
                .json(Platform.settings("Shop", 2100))
                .send()
                .assertStatus(200);
        create(shop, owner, coupon("TENOFF")).assertStatus(201);
        String mug = product(1250, 10);
        Platform.Customer alice = platform.newCustomer(shop);

        Api.Response placed = place(shop, alice.token(), order(mug, 2, "tenoff"));
        placed.assertStatus(201);
        JsonNode body = placed.json();
        JsonNode totals = body.get("totals");
        assertThat(totals.get("subtotalMinor").asLong()).isEqualTo(2500);
        assertThat(totals.get("discountMinor").asLong()).isEqualTo(250);
        assertThat(totals.get("taxMinor").asLong()).isEqualTo(473); // 21 % of 22.50, rounded half up
        assertThat(totals.get("totalMinor").asLong()).isEqualTo(2500 - 250 + 473);
        assertThat(body.get("lines").get(0).get("discountMinor").asLong()).isEqualTo(250);
        assertThat(body.get("couponCode").asText()).isEqualTo("TENOFF");
        String orderId = body.get("id").asText();
        api.get("/api/v1/orders/" + orderId).in(shop, alice.token()).send().assertStatus(200);

        api.post("/api/v1/orders/" + orderId + "/mark-paid")
                .in(shop, owner)
                .send()
                .assertStatus(200);
        JsonNode invoice = Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(
                        () -> api.get("/api/v1/invoices?kind=invoice")
                                .in(shop, owner)
                                .send()
                                .json()
                                .get("items"),
                        items -> items.size() == 1)
                .get(0);
        JsonNode detail = api.get("/api/v1/invoices/" + invoice.get("id").asText())
                .in(shop, owner)
                .send()
                .json();
        assertThat(detail.get("lines").get(0).get("discountMinor").asLong()).isEqualTo(250);
        assertThat(detail.get("lines").get(0).get("netMinor").asLong()).isEqualTo(2250);
        assertThat(detail.get("totals").get("taxMinor").asLong()).isEqualTo(473);
        assertThat(detail.get("totals").get("totalMinor").asLong())
                .isEqualTo(totals.get("totalMinor").asLong());
        String text = pdfText(invoice.get("id").asText());
        assertThat(text).contains("Discount").contains("2.50").contains("22.50");
    }

    @Test
    @DisplayName("a code an order may not use is refused with its own code, and nothing is written")
    void refusals() {
        String mug = product(1250, 10);
        String token = customer();
        Instant now = Instant.now();
        String gone = create(shop, owner, coupon("GONE")).json().get("id").asText();
        api.post("/api/v1/coupons/" + gone + "/archive").in(shop, owner).send().assertStatus(200);
        create(shop, owner, coupon("LATER", "startsAt", now.plusSeconds(3600).toString()))
                .assertStatus(201);
        create(shop, owner, coupon("OVER", "endsAt", now.minusSeconds(1).toString()))
                .assertStatus(201);
        create(shop, owner, coupon("BIG", "minimumSubtotal", Map.of("amountMinor", 100_000, "currency", "EUR")))
                .assertStatus(201);

        place(shop, token, order(mug, 1, "NOSUCH")).assertProblem(422, "coupon_unknown");
        place(shop, token, order(mug, 1, "GONE")).assertProblem(422, "coupon_inactive");
        place(shop, token, order(mug, 1, "LATER")).assertProblem(422, "coupon_not_started");
        place(shop, token, order(mug, 1, "OVER")).assertProblem(422, "coupon_expired");
        place(shop, token, order(mug, 1, "BIG")).assertProblem(422, "coupon_minimum_not_met");
        place(shop, token, order(mug, 1, "x".repeat(41))).assertProblem(400, "validation_failed");

        // Nothing was reserved: all ten mugs can still be ordered at once.
        place(shop, token, order(mug, 10, null)).assertStatus(201);
    }

    @Test
    @DisplayName("of 100 concurrent orders with a code limited to 10, exactly 10 get the discount and 90 are refused;"
            + " a cancelled order gives its use back")
    void totalLimitUnderConcurrency() throws Exception {
        create(shop, owner, coupon("TEN", "usageLimit", 10)).assertStatus(201);
        String mug = product(1000, 1000);
        List<Platform.Customer> buyers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            buyers.add(platform.newCustomer(shop));
        }
        AtomicInteger next = new AtomicInteger();
        List<Callable<Api.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            calls.add(() -> api.post("/api/v1/orders")
                    .in(shop, buyers.get(next.getAndIncrement() % buyers.size()).token())
                    .json(order(mug, 1, "TEN"))
                    .send());
        }
        List<Api.Response> responses = allAtOnce(16, calls);
        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(10);
        assertThat(responses).filteredOn(r -> r.status() != 201).hasSize(90).allSatisfy(r -> {
            r.assertProblem(422, "coupon_limit_reached");
        });
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode page =
                    api.get("/api/v1/orders?limit=100").in(shop, owner).send().json();
            assertThat(page.get("items")).hasSize(10).allSatisfy(o -> {
                assertThat(o.get("totals").get("discountMinor").asLong()).isEqualTo(100);
            });
        });

        String first = responses.stream()
                .filter(r -> r.status() == 201)
                .findFirst()
                .orElseThrow()
                .json()
                .get("id")
                .asText();
        api.post("/api/v1/orders/" + first + "/cancel").in(shop, owner).send().assertStatus(200);
        place(shop, buyers.get(0).token(), order(mug, 1, "TEN")).assertStatus(201);
        place(shop, buyers.get(0).token(), order(mug, 1, "TEN")).assertProblem(422, "coupon_limit_reached");
    }

    @Test
    @DisplayName("a customer limited to 2 uses gets exactly 2 of 20 concurrent orders; another customer still may")
    void perCustomerLimitUnderConcurrency() throws Exception {
        create(shop, owner, coupon("TWICE", "perCustomerLimit", 2)).assertStatus(201);
        String mug = product(1000, 1000);
        Platform.Customer alice = platform.newCustomer(shop);
        List<Api.Response> responses = allAtOnce(
                10,
                Collections.nCopies(
                        20,
                        () -> api.post("/api/v1/orders")
                                .in(shop, alice.token())
                                .json(order(mug, 1, "TWICE"))
                                .send()));
        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(2);
        assertThat(responses).filteredOn(r -> r.status() != 201).hasSize(18).allSatisfy(r -> {
            r.assertProblem(422, "coupon_customer_limit_reached");
        });
        place(shop, customer(), order(mug, 1, "TWICE")).assertStatus(201);
    }

    @Test
    @DisplayName("another tenant can neither use, read nor check a shop's code; customers cannot list codes;"
            + " a storefront's check answers valid or not and the discount, never the counts")
    void isolationAndPublicCheck() {
        Api.Response created = create(
                shop, owner, coupon("ACME20", "percentBasisPoints", 2000, "usageLimit", 5, "perCustomerLimit", 1));
        created.assertStatus(201);
        String id = created.json().get("id").asText();

        Platform.Shop other = platform.newShop();
        String otherOwner = platform.ownerToken(other);
        String otherMug =
                platform.newProduct(other, otherOwner, "mug", 1000, 5).get("id").asText();
        place(other, platform.customerToken(other), order(otherMug, 1, "ACME20"))
                .assertProblem(422, "coupon_unknown");
        api.get("/api/v1/coupons/" + id).in(other, otherOwner).send().assertStatus(404);
        api.put("/api/v1/coupons/" + id)
                .in(other, otherOwner)
                .json(Map.of("kind", "percentage", "percentBasisPoints", 10_000))
                .send()
                .assertStatus(404);
        api.post("/api/v1/coupons/" + id + "/archive")
                .in(other, otherOwner)
                .send()
                .assertStatus(404);
        assertThat(api.get("/api/v1/coupons")
                        .in(other, otherOwner)
                        .send()
                        .json()
                        .get("items"))
                .isEmpty();
        // The other shop's owner may claim the same code for their own shop.
        create(other, otherOwner, coupon("ACME20")).assertStatus(201);

        String customer = customer();
        api.get("/api/v1/coupons").in(shop, customer).send().assertStatus(403);
        api.get("/api/v1/coupons/" + id).in(shop, customer).send().assertStatus(403);
        create(shop, customer, coupon("MINE")).assertStatus(403);
        api.get("/api/v1/coupons").origin(shop.domain()).send().assertStatus(401);

        // The create answered with the read model's row (Prefer: return=representation): the check reads it.
        JsonNode valid = check(shop, "acme20", "198.18.210.1").assertStatus(200).json();
        assertThat(valid.get("valid").asBoolean()).isTrue();
        assertThat(valid.get("kind").asText()).isEqualTo("percentage");
        assertThat(valid.get("percentBasisPoints").asInt()).isEqualTo(2000);
        List<String> fields = new ArrayList<>();
        valid.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).doesNotContain("usageLimit", "perCustomerLimit", "used", "id", "terms");
        assertThat(check(shop, "NOSUCH", "198.18.210.1").json().get("valid").asBoolean())
                .isFalse();
        Platform.Shop third = platform.newShop();
        assertThat(check(third, "ACME20", "198.18.210.1").json().get("valid").asBoolean())
                .isFalse();
        api.post("/api/v1/public/coupons/check")
                .origin(shop.domain())
                .json(Map.of("code", ""))
                .send()
                .assertProblem(400, "validation_failed");
    }

    @Test
    @DisplayName("a storefront checks at most 20 codes a minute from one address")
    void checksAreRateLimited() {
        String from = "198.18.211." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < 20; i++) {
            check(shop, "GUESS" + i, from).assertStatus(200);
        }
        check(shop, "GUESS21", from).assertProblem(429, "rate_limited");
    }

    /** The text of the shop's invoice {@code id} as its owner downloads it as a PDF. */
    private String pdfText(String id) throws IOException, InterruptedException {
        HttpResponse<byte[]> pdf = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/invoices/" + id))
                        .header("Origin", "http://" + shop.domain() + ":3000")
                        .header("Authorization", "Bearer " + owner)
                        .header("Accept", "application/pdf")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            return new PDFTextStripper().getText(document);
        }
    }
}
