package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Orders;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ShopTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contact timeline end to end: a visitor's form submission, the lead worked and converted by
 * staff, the contact staged and noted, an order placed, paid, invoiced and refunded, all on the
 * one contact's feed, newest first, each entry with who did it.
 */
@DisplayName("The contact timeline")
class ContactTimelineTest extends ShopTest {

    private static String unique(String local) {
        return local + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static String address() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.19." + random.nextInt(0, 255) + "." + random.nextInt(1, 255);
    }

    private static Map<String, Object> field(String key, String type, boolean required) {
        return Map.of("key", key, "label", key.toUpperCase(), "type", type, "required", required);
    }

    /** A form at {@code at}, a lead submitted on it from {@code email}, and the lead's id. */
    private String submittedLead(Platform.Shop at, String token, String email) {
        String key = "contact-" + UUID.randomUUID().toString().substring(0, 8);
        api.post("/api/v1/lead-forms")
                .in(at, token)
                .json(Map.of(
                        "formKey",
                        key,
                        "name",
                        "Contact us",
                        "fields",
                        List.of(
                                field("name", "text", true),
                                field("email", "email", true),
                                field("message", "text", false))))
                .send()
                .assertStatus(201);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> api.post("/api/v1/public/forms/" + key)
                        .origin(at.domain())
                        .header("X-Forwarded-For", address())
                        .json(Map.of(
                                "fields", Map.of("name", "Ann", "email", email, "message", "Call me about bulk tea")))
                        .send()
                        .assertStatus(202));
        return await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> api.get("/api/v1/leads")
                                .in(at, token)
                                .send()
                                .json()
                                .get("items"),
                        items -> items.size() == 1)
                .get(0)
                .get("id")
                .asText();
    }

    private Api.Response leadAction(Platform.Shop at, String token, String lead, String action) {
        return api.post("/api/v1/leads/" + lead + "/" + action)
                .in(at, token)
                .returningRepresentation()
                .send();
    }

    /** The lead, contacted, qualified and converted: the contact it became. */
    private String convertedContact(Platform.Shop at, String token, String contactedBy, String lead) {
        leadAction(at, contactedBy, lead, "mark-contacted").assertStatus(200);
        leadAction(at, token, lead, "qualify").assertStatus(200);
        Api.Response converted = leadAction(at, token, lead, "convert");
        converted.assertStatus(200);
        return converted.json().get("contactId").asText();
    }

    private Api.Response timeline(Platform.Shop at, String token, String contact, String query) {
        return api.get("/api/v1/contacts/" + contact + "/timeline" + query)
                .in(at, token)
                .send();
    }

    /** The contact's whole timeline once it holds an entry of {@code type}. */
    private JsonNode awaitEntry(String contact, String type) {
        return await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> timeline(shop, owner, contact, "?limit=100"),
                        r -> r.status() == 200 && types(r.json()).contains(type))
                .json();
    }

    private static List<String> types(JsonNode page) {
        List<String> types = new ArrayList<>();
        page.get("items").forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    private static JsonNode newest(JsonNode page, String type) {
        for (JsonNode entry : page.get("items")) {
            if (entry.get("type").asText().equals(type)) {
                return entry;
            }
        }
        throw new AssertionError("no " + type + " in " + page);
    }

    private Map<String, Object> billedTo(String email) {
        Map<String, Object> billing = new HashMap<>(Orders.BILLING);
        billing.put("email", email);
        return billing;
    }

    @Test
    @DisplayName("a lead's form, its conversion, the contact's stage and note, and an order paid, invoiced and refunded"
            + " are one feed, newest first, each with who did it")
    void oneFeedAcrossContexts() {
        String email = unique("ann");
        String staff = platform.staffToken(shop, owner, "staff");
        String lead = submittedLead(shop, owner, email);
        String contact = convertedContact(shop, owner, staff, lead);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> api.patch("/api/v1/contacts/" + contact)
                        .in(shop, owner)
                        .json(Map.of("stage", "customer"))
                        .send()
                        .assertStatus(200));
        api.post("/api/v1/contacts/" + contact + "/notes")
                .in(shop, staff)
                .json(Map.of("text", "Wants a quote for 40 kg"))
                .send()
                .assertStatus(200);
        String customer = customer();
        String mug = platform.newProduct(
                        shop, owner, "mug-" + UUID.randomUUID().toString().substring(0, 8), 1250)
                .get("id")
                .asText();
        Api.Response placed = Orders.place(api, shop, customer, Orders.body(mug, 1, billedTo(email), null));
        placed.assertStatus(201);
        String order = placed.json().get("id").asText();
        String payment =
                Orders.awaitSagaPayment(api, shop, owner, order).get("id").asText();
        api.post("/api/v1/payments/" + payment + "/mark-paid")
                .in(shop, owner)
                .send()
                .assertStatus(200);
        Orders.awaitStatus(api, shop, owner, order, "paid");
        awaitEntry(contact, "invoice_issued");
        api.post("/api/v1/payments/" + payment + "/refunds")
                .in(shop, owner)
                .json(Map.of("reason", "broken on arrival"))
                .send()
                .assertStatus(200);

        JsonNode page = awaitEntry(contact, "payment_refunded");

        List<String> oldestFirst = new ArrayList<>(types(page));
        java.util.Collections.reverse(oldestFirst);
        assertThat(oldestFirst)
                .containsSubsequence(
                        "lead_submitted",
                        "lead_status_changed",
                        "lead_status_changed",
                        "contact_created",
                        "lead_converted",
                        "contact_stage_changed",
                        "contact_note_added",
                        "order_placed",
                        "payment_succeeded",
                        "order_paid",
                        "invoice_issued",
                        "payment_refunded");
        assertThat(newest(page, "lead_submitted").get("actor").get("kind").asText())
                .isEqualTo("visitor");
        assertThat(newest(page, "lead_submitted").get("payload").get("email").asText())
                .isEqualTo(email);
        JsonNode contacted = page.get("items").get(types(page).lastIndexOf("lead_status_changed"));
        assertThat(contacted.get("payload").get("status").asText()).isEqualTo("contacted");
        assertThat(contacted.get("actor").get("role").asText()).isEqualTo("staff");
        assertThat(contacted.get("actor").get("name").asText()).isEqualTo("staff");
        JsonNode staged = newest(page, "contact_stage_changed");
        assertThat(staged.get("payload").get("to").asText()).isEqualTo("customer");
        assertThat(staged.get("actor").get("role").asText()).isEqualTo("owner");
        assertThat(staged.get("actor").get("name").asText()).isEqualTo("Owner");
        assertThat(newest(page, "contact_note_added").get("payload").get("text").asText())
                .isEqualTo("Wants a quote for 40 kg");
        JsonNode ordered = newest(page, "order_placed");
        assertThat(ordered.get("payload").get("orderId").asText()).isEqualTo(order);
        assertThat(ordered.get("payload").get("totalMinor").asLong()).isPositive();
        assertThat(ordered.get("actor").get("role").asText()).isEqualTo("customer");
        assertThat(newest(page, "invoice_issued").get("payload").get("number").asText())
                .isNotBlank();
        assertThat(newest(page, "payment_refunded").get("payload").get("reason").asText())
                .isEqualTo("broken on arrival");
        JsonNode first = page.get("items").get(0);
        assertThat(first.get("occurredAt").asText()).isNotBlank();
        assertThat(first.get("id").asText()).isNotBlank();

        Api.Response onlyOrders = timeline(shop, owner, contact, "?types=order_placed,lead_submitted");
        onlyOrders.assertStatus(200);
        assertThat(types(onlyOrders.json())).containsExactly("order_placed", "lead_submitted");
        timeline(shop, owner, contact, "?types=nothing").assertProblem(400, "validation_failed");
    }

    @Test
    @DisplayName("pages through the feed across a page boundary without skipping or repeating an entry")
    void pagesAcrossTheBoundary() {
        String contact = contactWithNotes(unique("paged"), 7);
        JsonNode all = timeline(shop, owner, contact, "?limit=100").json();
        assertThat(all.get("items")).hasSize(8);

        List<String> paged = new ArrayList<>();
        String cursor = "";
        do {
            Api.Response page = timeline(shop, owner, contact, "?limit=3" + cursor);
            page.assertStatus(200);
            assertThat(page.json().get("items").size()).isLessThanOrEqualTo(3);
            page.json().get("items").forEach(e -> paged.add(e.get("id").asText()));
            JsonNode next = page.json().get("nextCursor");
            cursor = next == null || next.isNull() ? null : "&cursor=" + next.asText();
        } while (cursor != null);

        List<String> ids = new ArrayList<>();
        all.get("items").forEach(e -> ids.add(e.get("id").asText()));
        assertThat(paged).containsExactlyElementsOf(ids);
        timeline(shop, owner, contact, "?cursor=forged").assertProblem(400, "validation_failed");
    }

    /** A contact created by the owner with {@code notes} notes, once its timeline shows them all. */
    private String contactWithNotes(String email, int notes) {
        Api.Response created = api.post("/api/v1/contacts")
                .in(shop, owner)
                .json(Map.of("name", "Paged", "emails", List.of(email)))
                .send();
        created.assertStatus(201);
        String contact = created.json().get("id").asText();
        for (int i = 1; i <= notes; i++) {
            api.post("/api/v1/contacts/" + contact + "/notes")
                    .in(shop, owner)
                    .json(Map.of("text", "Note " + i))
                    .send()
                    .assertStatus(200);
        }
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> timeline(shop, owner, contact, "?limit=100"),
                        r -> r.status() == 200 && r.json().get("items").size() == notes + 1);
        return contact;
    }

    @Test
    @DisplayName("a contact merged into another brings its history along: the survivor shows both")
    void mergedContactShowsBothHistories() {
        String survivor = contactWithNotes(unique("keep"), 1);
        String duplicate = contactWithNotes(unique("gone"), 2);

        api.post("/api/v1/contacts/" + survivor + "/merge")
                .in(shop, owner)
                .json(Map.of("duplicateId", duplicate))
                .send()
                .assertStatus(200);

        JsonNode page = awaitEntry(survivor, "contact_merged");
        assertThat(newest(page, "contact_merged")
                        .get("payload")
                        .get("duplicateId")
                        .asText())
                .isEqualTo(duplicate);
        List<String> notes = new ArrayList<>();
        page.get("items").forEach(e -> {
            if (e.get("type").asText().equals("contact_note_added")) {
                notes.add(e.get("payload").get("text").asText());
            }
        });
        assertThat(notes).containsExactlyInAnyOrder("Note 1", "Note 1", "Note 2");
        assertThat(types(page)).filteredOn("contact_created"::equals).hasSize(2);
    }

    @Test
    @DisplayName(
            "another tenant's lead with the same e-mail never appears, its owner gets 404 for this contact, customers 403")
    void anotherTenantNeverSeesIt() {
        String email = unique("shared");
        String contact = convertedContact(shop, owner, owner, submittedLead(shop, owner, email));
        Platform.Shop other = platform.newShop();
        String otherOwner = platform.ownerToken(other);
        String theirs = convertedContact(other, otherOwner, otherOwner, submittedLead(other, otherOwner, email));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> timeline(other, otherOwner, theirs, "").status() == 200);
        JsonNode page = awaitEntry(contact, "lead_converted");

        assertThat(types(page)).filteredOn("lead_submitted"::equals).hasSize(1);
        assertThat(types(timeline(other, otherOwner, theirs, "?limit=100").json()))
                .filteredOn("lead_submitted"::equals)
                .hasSize(1);
        timeline(other, otherOwner, contact, "").assertProblem(404, "not_found");
        timeline(shop, owner, UUID.randomUUID().toString(), "").assertProblem(404, "not_found");
        assertThat(timeline(shop, customer(), contact, "").status()).isEqualTo(403);
    }
}
