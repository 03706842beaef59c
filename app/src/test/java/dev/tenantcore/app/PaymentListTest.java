package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Orders;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ShopTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Staff's list of payments across orders, and their reference and note on a payment. */
class PaymentListTest extends ShopTest {

    /** A pending order of the customer, with the manual payment the saga opened for it: its id. */
    private String sagaPayment(String customerToken) {
        String orderId = placeOrder(customerToken, 1).get("id").asText();
        return Orders.awaitSagaPayment(api, shop, customerToken, orderId)
                .get("id")
                .asText();
    }

    private Api.Response list(Platform.Shop in, String token, String query) {
        return api.get("/api/v1/payments" + (query.isEmpty() ? "" : "?" + query))
                .in(in, token)
                .send();
    }

    private List<String> ids(Api.Response listed) {
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        return listed.json().get("items").findValuesAsText("id");
    }

    private Api.Response annotate(Platform.Shop in, String token, String paymentId, Map<String, ?> body, Long ifMatch) {
        Api.Call call = api.patch("/api/v1/payments/" + paymentId)
                .in(in, token)
                .returningRepresentation()
                .json(body);
        return (ifMatch == null ? call : call.ifMatch(ifMatch)).send();
    }

    private static String encoded(Instant at) {
        return URLEncoder.encode(at.toString(), StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("staff list the payments of every order, filtered and in pages; a customer sees only their own")
    void listsAcrossOrders() {
        String alice = customer();
        String bob = customer();
        String a1 = sagaPayment(alice);
        String a2 = sagaPayment(alice);
        String b1 = sagaPayment(bob);
        String staff = platform.staffToken(shop, owner, "staff");

        assertThat(ids(list(shop, staff, ""))).containsExactly(b1, a2, a1);
        assertThat(ids(list(shop, staff, "sort=createdAt"))).containsExactly(a1, a2, b1);
        assertThat(ids(list(shop, alice, ""))).as("a customer's own only").containsExactly(a2, a1);
        assertThat(ids(list(
                        shop,
                        bob,
                        "orderId=" + payment(owner, a1).get("orderId").asText())))
                .isEmpty();

        transition(owner, "/api/v1/payments/" + a2 + "/mark-paid").assertStatus(200);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(ids(list(shop, staff, "status=paid"))).containsExactly(a2));
        assertThat(ids(list(shop, staff, "status=pending&provider=manual"))).contains(b1, a1);
        assertThat(ids(list(shop, staff, "provider=stripe"))).isEmpty();
        assertThat(ids(list(shop, staff, "sort=-updatedAt&limit=1"))).containsExactly(a2);

        Instant created = Instant.parse(payment(owner, a2).get("createdAt").asText());
        assertThat(ids(list(shop, staff, "from=" + encoded(created) + "&to=" + encoded(created.plusNanos(1000)))))
                .as("from inclusive, to exclusive")
                .containsExactly(a2);
        assertThat(ids(list(shop, staff, "minAmount=1250&maxAmount=1250"))).hasSize(3);
        assertThat(ids(list(shop, staff, "minAmount=1251"))).isEmpty();

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            Api.Response page = list(shop, staff, "limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            paged.addAll(ids(page));
            cursor = page.json().get("nextCursor").isNull()
                    ? null
                    : page.json().get("nextCursor").asText();
        } while (cursor != null);
        assertThat(paged).containsExactly(b1, a2, a1);

        for (String bad : List.of(
                "status=lost", "provider=cheque", "from=yesterday", "minAmount=-1", "sort=amount", "cursor=bm9wZQ")) {
            Api.Response refused = list(shop, staff, bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("validation_failed");
        }
    }

    @Test
    @DisplayName("staff note a payment's reference and note against its version; customers see the reference only")
    void annotates() {
        String alice = customer();
        String id = sagaPayment(alice);
        long version = payment(owner, id).get("version").asLong();
        String staff = platform.staffToken(shop, owner, "staff");

        Api.Response noted = annotate(
                shop,
                staff,
                id,
                Map.of("reference", " TR-2026-0042 ", "note", "Paid by her sister\nIBAN …17"),
                version);
        assertThat(noted.status()).as(noted.toString()).isEqualTo(200);
        assertThat(noted.header("ETag")).isEqualTo("\"" + (version + 1) + "\"");
        assertThat(noted.json().get("reference").asText()).isEqualTo("TR-2026-0042");
        assertThat(noted.json().get("note").asText()).isEqualTo("Paid by her sister\nIBAN …17");

        Api.Response stale = annotate(shop, owner, id, Map.of("note", "overwritten"), version);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.code()).isEqualTo("version_conflict");

        JsonNode seen = payment(alice, id);
        assertThat(seen.get("reference").asText()).isEqualTo("TR-2026-0042");
        assertThat(seen.get("note").isNull()).as("customers never see the note").isTrue();
        assertThat(list(shop, alice, "").body()).doesNotContain("her sister");
        assertThat(list(shop, staff, "").body()).contains("Paid by her sister");
        assertThat(annotate(shop, alice, id, Map.of("note", "mine"), null).status())
                .isEqualTo(403);

        Map<String, String> removeNote = new HashMap<>();
        removeNote.put("note", "");
        Api.Response cleared = annotate(shop, owner, id, removeNote, null);
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(cleared.json().get("note").isNull()).isTrue();
        assertThat(cleared.json().get("reference").asText()).as("omitted: kept").isEqualTo("TR-2026-0042");
        long after = cleared.json().get("version").asLong();

        for (Map<String, String> bad : List.of(
                Map.of("reference", "TR\n42"),
                Map.of("reference", "TR\u001b[2J"),
                Map.of("reference", "x".repeat(101)),
                Map.of("note", "bell\u0007"),
                Map.of("note", "x".repeat(2001)))) {
            Api.Response refused = annotate(shop, owner, id, bad, null);
            assertThat(refused.status()).as(bad.toString()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("validation_failed");
        }
        assertThat(annotate(shop, owner, id, Map.of("note", List.of("not", "text")), null)
                        .status())
                .isEqualTo(400);
        assertThat(payment(owner, id).get("version").asLong())
                .as("nothing written")
                .isEqualTo(after);
    }

    @Test
    @DisplayName("another tenant neither lists, reads nor annotates this shop's payments, and nothing is written")
    void isolation() {
        String alice = customer();
        String id = sagaPayment(alice);
        long version = payment(owner, id).get("version").asLong();

        Platform.Shop other = platform.newShop();
        String otherOwner = platform.ownerToken(other);
        assertThat(ids(list(other, otherOwner, ""))).isEmpty();
        String missing = UUID.randomUUID().toString();
        Api.Response foreign = annotate(other, otherOwner, id, Map.of("note", "mine now"), null);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body())
                .isEqualTo(annotate(other, otherOwner, missing, Map.of("note", "mine now"), null)
                        .body()
                        .replace(missing, id));
        assertThat(annotate(shop, otherOwner, id, Map.of("note", "mine now"), null)
                        .status())
                .isIn(401, 403);
        assertThat(list(shop, otherOwner, "").status()).isIn(401, 403);
        assertThat(api.patch("/api/v1/payments/" + id)
                        .origin(shop.domain())
                        .json(Map.of("note", "anonymous"))
                        .send()
                        .status())
                .isEqualTo(401);

        JsonNode unchanged = payment(owner, id);
        assertThat(unchanged.get("version").asLong()).isEqualTo(version);
        assertThat(unchanged.get("note").isNull()).isTrue();
    }
}
