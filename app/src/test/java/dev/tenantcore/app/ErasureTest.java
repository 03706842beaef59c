package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Orders;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ShopTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * Erasure by crypto-shredding: personal data is stored encrypted, and once an owner erases its
 * subject it reads as "[erased]" in the history, the event stream, the read models and the search,
 * while the rest (totals, statuses, ids) still works; another tenant can neither erase nor see it.
 */
@DisplayName("Erasure")
class ErasureTest extends ShopTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    Environment env;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String email = "erin-" + suffix + "@example.com";
    private final String street = "7 Hidden Lane " + suffix;

    private JsonNode contact() {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Erin Erasable " + suffix);
        body.put("emails", List.of(email));
        body.put("phones", List.of("+34612345678"));
        Api.Response created = submit(owner, "/api/v1/contacts", body);
        created.assertStatus(201);
        String id = created.json().get("id").asText();
        api.post("/api/v1/contacts/" + id + "/notes")
                .in(shop, owner)
                .returningRepresentation()
                .json(Map.of("text", "Erin asked about " + suffix))
                .send()
                .assertStatus(200);
        return created.json();
    }

    private JsonNode order(String customer) {
        String mug = platform.newProduct(shop, owner, "mug-" + suffix, 1250)
                .get("id")
                .asText();
        Map<String, Object> billing = new HashMap<>(Orders.BILLING);
        billing.put("name", "Erin Buyer " + suffix);
        billing.put("email", email);
        billing.put("line1", street);
        Api.Response placed = Orders.place(api, shop, customer, Orders.body(mug, 2, billing, null));
        placed.assertStatus(201);
        return placed.json();
    }

    private Api.Response erase(String token, String type, String id) {
        return api.post("/api/v1/audit/subjects/" + type + "/" + id + "/erase")
                .in(shop, token)
                .send();
    }

    /** The stored payloads of an aggregate's events, read as the database's owner (no policy, no decryption). */
    private List<String> storedPayloads(String aggregateId) throws SQLException {
        List<String> payloads = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(
                        env.getProperty("spring.flyway.url"),
                        env.getProperty("spring.flyway.user"),
                        env.getProperty("spring.flyway.password", ""));
                PreparedStatement select = connection.prepareStatement(
                        "SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number")) {
            select.setString(1, aggregateId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    payloads.add(new String(rs.getBytes(1), StandardCharsets.UTF_8));
                }
            }
        }
        return payloads;
    }

    @Test
    @DisplayName("personal data is stored encrypted and read in clear until its subject is erased")
    void encryptedAtRest() throws Exception {
        String contactId = contact().get("id").asText();
        JsonNode order = order(customer());
        String orderId = order.get("id").asText();

        assertThat(storedPayloads(contactId))
                .hasSize(2)
                .allSatisfy(payload -> assertThat(payload)
                        .doesNotContain(email)
                        .doesNotContain("Erin")
                        .contains("pd1:contact:" + contactId));
        assertThat(storedPayloads(orderId).get(0))
                .doesNotContain(email)
                .doesNotContain(street)
                .contains("\"totalMinor\":2500");

        String history = api.get("/api/v1/audit/contact/" + contactId + "/history")
                .in(shop, owner)
                .send()
                .assertStatus(200)
                .body();
        assertThat(history).contains(email).contains("Erin asked about " + suffix);
        assertThat(api.get("/api/v1/orders/" + orderId)
                        .in(shop, owner)
                        .send()
                        .json()
                        .get("billing")
                        .get("line1")
                        .asText())
                .isEqualTo(street);
    }

    @Test
    @DisplayName(
            "after erasure the history, the stream, the state, the read models and the search show [erased]; totals and statuses stay")
    void erasesEverywhere() {
        String contactId = contact().get("id").asText();
        String customer = customer();
        JsonNode order = order(customer);
        String orderId = order.get("id").asText();
        String customerId = order.get("customerId").asText();
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(api.get("/api/v1/contacts?q=" + email)
                                .in(shop, owner)
                                .send()
                                .json()
                                .get("items"))
                        .isNotEmpty());

        Api.Response erased = erase(owner, "contact", contactId);
        erased.assertStatus(200);
        assertThat(erased.json().get("subjectType").asText()).isEqualTo("contact");
        assertThat(erased.json().get("keyShredded").asBoolean()).isTrue();
        Api.Response again = erase(owner, "contact", contactId);
        again.assertStatus(200);
        assertThat(again.json().get("erasedAt")).isEqualTo(erased.json().get("erasedAt"));
        erase(owner, "customer", customerId).assertStatus(200);

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode read = api.get("/api/v1/contacts/" + contactId)
                    .in(shop, owner)
                    .send()
                    .json();
            assertThat(read.get("name").asText()).isEqualTo("[erased]");
            assertThat(read.get("emails")).isEmpty();
            assertThat(read.get("phones")).isEmpty();
            assertThat(read.toString()).doesNotContain("Erin");
        });
        assertThat(api.get("/api/v1/contacts?q=" + email)
                        .in(shop, owner)
                        .send()
                        .json()
                        .get("items"))
                .isEmpty();
        assertThat(api.get("/api/v1/contacts?q=Erasable")
                        .in(shop, owner)
                        .send()
                        .json()
                        .get("items"))
                .isEmpty();

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode read =
                    api.get("/api/v1/orders/" + orderId).in(shop, owner).send().json();
            assertThat(read.get("billing").get("name").asText()).isEqualTo("[erased]");
            assertThat(read.get("billing").get("line1").asText()).isEqualTo("[erased]");
            assertThat(read.get("totals").get("totalMinor").asLong()).isEqualTo(2500);
            assertThat(read.get("status").asText())
                    .isEqualTo(order.get("status").asText());
            assertThat(read.get("lines")).hasSize(1);
        });
        api.get("/api/v1/orders").in(shop, owner).send().assertStatus(200);

        String history = api.get("/api/v1/audit/contact/" + contactId + "/history")
                .in(shop, owner)
                .send()
                .assertStatus(200)
                .body();
        assertThat(history).doesNotContain(email).doesNotContain("Erin").contains("[erased]");
        assertThat(api.get("/api/v1/audit/order/" + orderId + "/history")
                        .in(shop, owner)
                        .send()
                        .body())
                .doesNotContain(street)
                .contains("[erased]")
                .contains("2500");
        String stream = api.get("/api/v1/audit/events")
                .in(shop, owner)
                .send()
                .assertStatus(200)
                .body();
        assertThat(stream)
                .doesNotContain(email)
                .doesNotContain(street)
                .contains("DataSubjectErasedEvent")
                .contains(contactId);
        String state = api.get("/api/v1/audit/contact/" + contactId)
                .in(shop, owner)
                .send()
                .assertStatus(200)
                .body();
        assertThat(state).doesNotContain(email).doesNotContain("Erin");

        // The contact still takes commands: its state rebuilt from events that read erased
        api.post("/api/v1/contacts/" + contactId + "/tags")
                .in(shop, owner)
                .returningRepresentation()
                .json(Map.of("tag", "after-erasure"))
                .send()
                .assertStatus(200);
    }

    @Test
    @DisplayName("another tenant's owner cannot erase the subject: 404 as for a missing one, and the key stays")
    void otherTenant() throws Exception {
        String contactId = contact().get("id").asText();
        Platform.Shop other = platform.newShop();
        String otherOwner = platform.ownerToken(other);
        Api.Response foreign = api.post("/api/v1/audit/subjects/contact/" + contactId + "/erase")
                .in(other, otherOwner)
                .send();
        foreign.assertProblem(404, "not_found");
        Api.Response missing = api.post("/api/v1/audit/subjects/contact/" + UUID.randomUUID() + "/erase")
                .in(other, otherOwner)
                .send();
        assertThat(foreign.json().get("detail")).isEqualTo(missing.json().get("detail"));
        api.get("/api/v1/audit/contact/" + contactId + "/history")
                .in(other, otherOwner)
                .send()
                .assertProblem(404, "not_found");
        assertThat(api.get("/api/v1/audit/contact/" + contactId + "/history")
                        .in(shop, owner)
                        .send()
                        .body())
                .contains(email);
        erase(owner, "robot", contactId).assertProblem(404, "not_found");
        erase(owner, "contact", "not-a-uuid").assertProblem(404, "not_found");
    }

    @Test
    @DisplayName("only owners erase: auditors, managers, staff and customers are refused with 403")
    void onlyOwners() {
        String contactId = contact().get("id").asText();
        for (String role : List.of("auditor", "manager", "staff")) {
            erase(platform.staffToken(shop, owner, role), "contact", contactId).assertProblem(403, "forbidden");
        }
        erase(customer(), "contact", contactId).assertProblem(403, "forbidden");
        assertThat(api.get("/api/v1/audit/contact/" + contactId + "/history")
                        .in(shop, owner)
                        .send()
                        .body())
                .contains(email)
                .doesNotContain("DataSubjectErased");
    }
}
