package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.crm.conversation.ChannelId;
import dev.tenantcore.api.crm.conversation.ChannelKind;
import dev.tenantcore.api.crm.conversation.ConversationId;
import dev.tenantcore.api.crm.conversation.ReceiveInboundMessageCommand;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Orders;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ShopTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Erasure by crypto-shredding: personal data is stored encrypted, and once an owner erases its
 * subject it reads as "[erased]" in the history, the event stream, the read models and the search,
 * while the rest (totals, statuses, ids) still works; another tenant can neither erase nor see it.
 */
@DisplayName("Erasure")
class ErasureTest extends ShopTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    CommandGateway commands;

    private final ChannelId channel = ChannelId.random();

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
        try (Connection connection = ownerConnection();
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

    /** The stored metadata of an aggregate's events, read as the database's owner. */
    private List<String> storedMetadata(String aggregateId) throws SQLException {
        List<String> metadata = new ArrayList<>();
        try (Connection connection = ownerConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number")) {
            select.setString(1, aggregateId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    metadata.add(new String(rs.getBytes(1), StandardCharsets.UTF_8));
                }
            }
        }
        return metadata;
    }

    /** A customer's Telegram message to the shop, as the channel's webhook records it; answers the conversation. */
    private JsonNode customerWrites(String channelUser, String text) {
        ConversationId conversation = ConversationId.of(TenantId.of(shop.id()), channel, channelUser);
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new ReceiveInboundMessageCommand(
                        conversation,
                        channel,
                        ChannelKind.TELEGRAM,
                        channelUser,
                        "Erin on Telegram",
                        "tg-" + UUID.randomUUID(),
                        text,
                        null,
                        null,
                        Instant.now()))
                .withMetaData(Map.of(MetadataKeys.TENANT_ID, shop.id())));
        return await().atMost(PATIENCE)
                .until(
                        () -> api.get("/api/v1/conversations/" + conversation.value())
                                .in(shop, owner)
                                .send(),
                        r -> r.status() == 200)
                .json();
    }

    private JsonNode conversationMessages(String conversation) {
        return api.get("/api/v1/conversations/" + conversation + "/messages")
                .in(shop, owner)
                .send()
                .assertStatus(200)
                .json()
                .get("items");
    }

    @Test
    @DisplayName(
            "a conversation's messages and notes are personal data of its contact: erased, they read [erased] everywhere")
    void messageTexts() throws Exception {
        String secret = "my card ends " + suffix;
        JsonNode conversation = customerWrites("777" + suffix.hashCode(), secret);
        String conversationId = conversation.get("id").asText();
        String contactId = conversation.get("contactId").asText();
        api.post("/api/v1/conversations/" + conversationId + "/notes")
                .in(shop, owner)
                .json(Map.of("text", "Erin is upset about " + suffix))
                .send()
                .assertStatus(202);
        await().atMost(PATIENCE)
                .untilAsserted(
                        () -> assertThat(conversationMessages(conversationId).toString())
                                .contains(secret)
                                .contains("Erin is upset about " + suffix));
        assertThat(storedPayloads(conversationId))
                .isNotEmpty()
                .allSatisfy(payload -> assertThat(payload).doesNotContain(suffix));
        assertThat(api.get("/api/v1/audit/conversation/" + conversationId + "/history")
                        .in(shop, owner)
                        .send()
                        .body())
                .contains(secret);

        erase(owner, "contact", contactId).assertStatus(200);

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode messages = conversationMessages(conversationId);
            assertThat(messages).hasSize(2);
            assertThat(messages.findValuesAsText("text")).containsOnly("[erased]");
        });
        assertThat(api.get("/api/v1/audit/conversation/" + conversationId + "/history")
                        .in(shop, owner)
                        .send()
                        .body())
                .doesNotContain(suffix)
                .contains("[erased]");
        assertThat(api.get("/api/v1/audit/events").in(shop, owner).send().body())
                .doesNotContain(secret)
                .doesNotContain("upset about " + suffix);
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(api.get("/api/v1/contacts/" + contactId + "/timeline")
                                .in(shop, owner)
                                .send()
                                .assertStatus(200)
                                .body())
                        .doesNotContain(suffix));
        // The conversation still works: a new message is recorded (under a new key of the contact).
        customerWrites("777" + suffix.hashCode(), "back again");
        await().atMost(PATIENCE)
                .untilAsserted(
                        () -> assertThat(conversationMessages(conversationId)).hasSize(3));
    }

    @Test
    @DisplayName(
            "a user's request address and user agent are stored sealed under their key, read [erased] once erased, and the chain still verifies")
    void requestOrigin() throws Exception {
        String manager = platform.staffToken(shop, owner, "manager");
        String managerId = api.get("/api/v1/auth/me")
                .in(shop, manager)
                .send()
                .json()
                .get("id")
                .asText();
        String agent = "Browser/" + suffix;
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Made by the manager " + suffix);
        String contactId = api.post("/api/v1/contacts")
                .in(shop, manager)
                .header("User-Agent", agent)
                .returningRepresentation()
                .json(body)
                .send()
                .assertStatus(201)
                .json()
                .get("id")
                .asText();
        assertThat(storedMetadata(contactId))
                .singleElement()
                .satisfies(meta -> assertThat(meta)
                        .doesNotContain(agent)
                        .doesNotContain("127.0.0.1")
                        .contains("pd1:user:" + managerId)
                        .contains(managerId));
        JsonNode before = api.get("/api/v1/audit/contact/" + contactId + "/history")
                .in(shop, owner)
                .send()
                .json()
                .get("items")
                .get(0);
        assertThat(before.get("userAgent").asText()).isEqualTo(agent);
        assertThat(before.get("clientIp").asText()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");

        erase(owner, "user", managerId).assertStatus(200);

        JsonNode after = api.get("/api/v1/audit/contact/" + contactId + "/history")
                .in(shop, owner)
                .send()
                .json()
                .get("items")
                .get(0);
        assertThat(after.get("userAgent").asText()).isEqualTo("[erased]");
        assertThat(after.get("clientIp").asText()).isEqualTo("[erased]");
        assertThat(after.get("actor").get("id").asText()).isEqualTo(managerId);
        assertThat(after.get("payload").get("name").asText()).isEqualTo("Made by the manager " + suffix);
        assertThat(api.get("/api/v1/audit/events").in(shop, owner).send().body())
                .doesNotContain(agent);

        // The chain covers the stored bytes, which the erasure did not touch.
        JsonNode verified = await().atMost(PATIENCE)
                .until(
                        () -> api.get("/api/v1/audit/chain/verify")
                                .in(shop, owner)
                                .send()
                                .assertStatus(200)
                                .json(),
                        v -> v.get("pending").asLong() == 0 && v.get("verified").asLong() > 0);
        assertThat(verified.get("firstBrokenAt").isNull())
                .as(verified.toString())
                .isTrue();
    }

    @Test
    @DisplayName("an anonymous request's address and user agent are not stored at all; an API key's are kept in clear")
    void anonymousAndApiKeys() throws Exception {
        String ownerId = api.get("/api/v1/auth/me")
                .in(shop, owner)
                .send()
                .json()
                .get("id")
                .asText();
        String anonymous = "Anonymous/" + suffix;
        api.post("/api/v1/auth/password-reset")
                .origin(shop.domain())
                .header("User-Agent", anonymous)
                .json(Map.of("email", shop.ownerEmail()))
                .send()
                .assertStatus(202);
        JsonNode reset = await().atMost(PATIENCE)
                .until(
                        () -> api.get("/api/v1/audit/user-account/" + ownerId + "/history")
                                .in(shop, owner)
                                .send()
                                .json()
                                .get("items"),
                        items -> items.findValuesAsText("type").contains("PasswordResetRequestedEvent"));
        for (JsonNode item : reset) {
            if (item.get("type").asText().equals("PasswordResetRequestedEvent")) {
                assertThat(item.get("clientIp").isNull()).as(item.toString()).isTrue();
                assertThat(item.get("userAgent").isNull()).as(item.toString()).isTrue();
            }
        }
        assertThat(storedMetadata(ownerId)).allSatisfy(meta -> assertThat(meta).doesNotContain(anonymous));

        String key = api.post("/api/v1/api-keys")
                .in(shop, owner)
                .json(Map.of("name", "import " + suffix, "roles", List.of("manager")))
                .send()
                .assertStatus(201)
                .json()
                .get("secret")
                .asText();
        String machine = "Importer/" + suffix;
        String contactId = api.post("/api/v1/contacts")
                .in(shop, key)
                .header("User-Agent", machine)
                .returningRepresentation()
                .json(Map.of("name", "Imported " + suffix))
                .send()
                .assertStatus(201)
                .json()
                .get("id")
                .asText();
        assertThat(storedMetadata(contactId))
                .singleElement()
                .satisfies(meta -> assertThat(meta).contains(machine));
        JsonNode imported = api.get("/api/v1/audit/contact/" + contactId + "/history")
                .in(shop, owner)
                .send()
                .json()
                .get("items")
                .get(0);
        assertThat(imported.get("actor").get("kind").asText()).isEqualTo("api_key");
        assertThat(imported.get("userAgent").asText()).isEqualTo(machine);
    }
}
