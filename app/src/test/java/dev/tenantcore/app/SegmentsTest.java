package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Orders;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ShopTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Segments")
class SegmentsTest extends ShopTest {

    private static final Duration SETTLED = Duration.ofSeconds(15);

    private static Map<String, Object> filter(String match, Object... conditions) {
        return Map.of("match", match, "conditions", List.of(conditions));
    }

    private static Map<String, Object> condition(String type, Object... entries) {
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", type);
        for (int i = 0; i < entries.length; i += 2) {
            condition.put((String) entries[i], entries[i + 1]);
        }
        return condition;
    }

    private JsonNode segment(String name, Map<String, Object> filter) {
        Api.Response created = submit(owner, "/api/v1/segments", Map.of("name", name, "filter", filter));
        created.assertStatus(201);
        created.assertETag(0);
        return created.json();
    }

    private String segmentId(Map<String, Object> filter) {
        return segment("Segment " + UUID.randomUUID(), filter).get("id").asText();
    }

    private long count(String segment) {
        Api.Response read =
                api.get("/api/v1/segments/" + segment).in(shop, owner).send();
        read.assertStatus(200);
        return read.json().get("contacts").asLong();
    }

    private List<String> members(String segment) {
        List<String> names = new ArrayList<>();
        String cursor = null;
        do {
            Api.Response page = api.get("/api/v1/segments/" + segment + "/contacts?limit=2"
                            + (cursor == null ? "" : "&cursor=" + cursor))
                    .in(shop, owner)
                    .send();
            page.assertStatus(200);
            page.json().get("items").forEach(item -> names.add(item.get("name").asText()));
            JsonNode next = page.json().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asText();
        } while (cursor != null);
        return names;
    }

    /** Waits until the segment's members are exactly {@code names}, by its pages and by its count. */
    private void awaitMembers(String segment, String... names) {
        await().atMost(SETTLED).untilAsserted(() -> {
            assertThat(members(segment)).containsExactlyInAnyOrder(names);
            assertThat(count(segment)).isEqualTo(names.length);
        });
    }

    private String contact(String name, Map<String, Object> details) {
        Map<String, Object> body = new HashMap<>(details);
        body.put("name", name);
        body.putIfAbsent("emails", List.of(unique(name)));
        Api.Response created = submit(owner, "/api/v1/contacts", body);
        created.assertStatus(201);
        return created.json().get("id").asText();
    }

    private static String unique(String local) {
        return local.toLowerCase().replace(' ', '.') + "-"
                + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private void field(String key, String type, List<String> options) {
        Map<String, Object> body = new HashMap<>(Map.of("key", key, "label", key, "type", type));
        if (options != null) {
            body.put("options", options);
        }
        submit(owner, "/api/v1/contact-fields", body).assertStatus(201);
    }

    private long segmentEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE type = 'Segment'", Long.class);
    }

    @Nested
    @DisplayName("as a resource")
    class Resource {

        @Test
        @DisplayName("staff create, list, read with a live count, update with If-Match and delete a segment")
        void lifecycle() {
            String staff = platform.staffToken(shop, owner, "staff");
            Api.Response created = api.post("/api/v1/segments")
                    .in(shop, staff)
                    .returningRepresentation()
                    .json(Map.of(
                            "name", "Leads", "filter", filter("all", condition("stage", "stages", List.of("lead")))))
                    .send();
            created.assertStatus(201);
            String id = created.json().get("id").asText();
            assertThat(created.header("Location")).isEqualTo("/api/v1/segments/" + id);
            assertThat(created.json().get("contacts").asLong()).isZero();
            assertThat(created.json()
                            .get("filter")
                            .get("conditions")
                            .get(0)
                            .get("type")
                            .asText())
                    .isEqualTo("stage");

            JsonNode listed = api.get("/api/v1/segments").in(shop, staff).send().json();
            assertThat(listed.get("items").findValuesAsText("id")).containsExactly(id);

            Api.Response renamed = api.patch("/api/v1/segments/" + id)
                    .in(shop, staff)
                    .ifMatch(0)
                    .returningRepresentation()
                    .json(Map.of("name", "Warm leads"))
                    .send();
            renamed.assertStatus(200);
            renamed.assertETag(1);
            assertThat(renamed.json().get("name").asText()).isEqualTo("Warm leads");
            api.patch("/api/v1/segments/" + id)
                    .in(shop, staff)
                    .ifMatch(0)
                    .json(Map.of("name", "Lost update"))
                    .send()
                    .assertProblem(412, "version_conflict");
            api.get("/api/v1/segments/" + id)
                    .in(shop, staff)
                    .send()
                    .assertStatus(200)
                    .assertETag(1);

            api.delete("/api/v1/segments/" + id)
                    .in(shop, staff)
                    .ifMatch(1)
                    .send()
                    .assertStatus(204);
            await().atMost(SETTLED)
                    .untilAsserted(() -> api.get("/api/v1/segments/" + id)
                            .in(shop, owner)
                            .send()
                            .assertProblem(404, "not_found"));
            api.get("/api/v1/segments/" + id + "/contacts")
                    .in(shop, owner)
                    .send()
                    .assertProblem(404, "not_found");
        }

        @Test
        @DisplayName(
                "invalid filters are refused with 422 invalid_segment_filter, an unknown kind of condition with 400, and record nothing")
        void invalidFilters() {
            field("budget", "number", null);
            long before = segmentEvents();
            List<Map<String, Object>> invalid = List.of(
                    filter("all", condition("stage", "stages", List.of("astronaut"))),
                    filter("all", condition("field_equals", "key", "shoe_size", "value", "42")),
                    filter("all", condition("field_equals", "key", "budget", "value", "lots")),
                    filter("all", condition("field_contains", "key", "budget", "text", "4")),
                    filter("any", condition("total_spent", "currency", "EURO", "atLeastMinor", 1)),
                    filter("any"),
                    Map.of(
                            "match",
                            "any",
                            "conditions",
                            java.util.Collections.nCopies(21, condition("has_ordered", "ordered", true))));
            for (Map<String, Object> bad : invalid) {
                submit(owner, "/api/v1/segments", Map.of("name", "Bad", "filter", bad))
                        .assertProblem(422, "invalid_segment_filter");
            }
            submit(
                            owner,
                            "/api/v1/segments",
                            Map.of(
                                    "name",
                                    "Bad",
                                    "filter",
                                    Map.of(
                                            "match",
                                            "any",
                                            "conditions",
                                            List.of(Map.of("type", "sql", "where", "1=1")))))
                    .assertProblem(400, "validation_failed");
            String id = segmentId(filter("all", condition("has_ordered", "ordered", true)));
            api.patch("/api/v1/segments/" + id)
                    .in(shop, owner)
                    .json(Map.of("filter", filter("all", condition("stage", "stages", List.of("astronaut")))))
                    .send()
                    .assertProblem(422, "invalid_segment_filter");
            assertThat(segmentEvents()).as("only the valid segment's creation").isEqualTo(before + 1);
            assertThat(api.get("/api/v1/segments").in(shop, owner).send().json().get("items"))
                    .hasSize(1);
        }
    }

    @Nested
    @DisplayName("members")
    class Members {

        @Test
        @DisplayName("the count follows contacts being tagged and staged, and archived or merged contacts leave")
        void followsContacts() {
            String segment = segmentId(filter(
                    "all",
                    condition("stage", "stages", List.of("customer")),
                    condition("tags", "match", "any", "tags", List.of("vip", "gold"))));
            String ann = contact("Ann", Map.of("stage", "customer"));
            String bob = contact("Bob", Map.of("tags", List.of("vip")));
            contact("Cid", Map.of());
            awaitMembers(segment);

            submit(owner, "/api/v1/contacts/" + ann + "/tags", Map.of("tag", "VIP"))
                    .assertStatus(200);
            awaitMembers(segment, "Ann");
            api.patch("/api/v1/contacts/" + bob)
                    .in(shop, owner)
                    .returningRepresentation()
                    .json(Map.of("stage", "customer"))
                    .send()
                    .assertStatus(200);
            awaitMembers(segment, "Ann", "Bob");

            transition(owner, "/api/v1/contacts/" + bob + "/archive").assertStatus(200);
            awaitMembers(segment, "Ann");
            String survivor = contact("Ann Lee", Map.of("stage", "customer", "tags", List.of("gold")));
            submit(owner, "/api/v1/contacts/" + survivor + "/merge", Map.of("duplicateId", ann))
                    .assertStatus(200);
            awaitMembers(segment, "Ann Lee");
        }

        @Test
        @DisplayName("members are paged with the contact list's shape and cursors")
        void pages() {
            String segment = segmentId(filter("all", condition("tags", "match", "all", "tags", List.of("paged"))));
            for (String name : List.of("P1", "P2", "P3", "P4", "P5")) {
                contact(name, Map.of("tags", List.of("paged")));
            }
            awaitMembers(segment, "P1", "P2", "P3", "P4", "P5");
            JsonNode first = api.get("/api/v1/segments/" + segment + "/contacts?limit=2")
                    .in(shop, owner)
                    .send()
                    .json();
            JsonNode listed = api.get("/api/v1/contacts?tag=paged&limit=2")
                    .in(shop, owner)
                    .send()
                    .json();
            assertThat(first.get("items")).isEqualTo(listed.get("items"));
            assertThat(first.get("nextCursor").asText())
                    .isEqualTo(listed.get("nextCursor").asText());
        }

        @Test
        @DisplayName("has ordered, total spent and last activity follow the orders of a customer's contact")
        void followsOrders() {
            Platform.Customer alice = platform.newCustomer(shop);
            String ordered = segmentId(filter("all", condition("has_ordered", "ordered", true)));
            String spent = segmentId(filter("all", condition("total_spent", "currency", "EUR", "atLeastMinor", 1000)));
            String notOrdered = segmentId(filter("all", condition("has_ordered", "ordered", false)));
            await().atMost(SETTLED).until(() -> count(notOrdered) == 1);
            Instant beforeOrder = Instant.now();
            String recent = segmentId(filter("all", condition("last_activity", "after", beforeOrder.toString())));

            JsonNode order = placeOrder(alice.token(), 1);
            String orderId = order.get("id").asText();
            await().atMost(SETTLED).untilAsserted(() -> {
                assertThat(count(ordered)).isEqualTo(1);
                assertThat(count(notOrdered)).isZero();
                assertThat(count(recent)).isEqualTo(1);
            });
            assertThat(count(spent)).isZero();

            JsonNode payment = Orders.awaitSagaPayment(api, shop, alice.token(), orderId);
            api.post("/api/v1/payments/" + payment.get("id").asText() + "/mark-paid")
                    .in(shop, owner)
                    .send()
                    .assertStatus(200);
            await().atMost(SETTLED).until(() -> count(spent) == 1);
            assertThat(members(spent)).hasSize(1);
        }

        @Test
        @DisplayName("an order with only a billing e-mail counts for the contact with that e-mail, whenever it arrived")
        void ordersMatchByEmail() {
            String spent = segmentId(filter("all", condition("total_spent", "currency", "EUR", "atLeastMinor", 500)));
            String email = unique("guest");
            asTenant(shop, () -> jdbc.update("""
                    INSERT INTO crm_buyer_orders (tenant_id, id, customer_id, buyer_email, currency, total_minor,
                                                  paid_minor, standing, version, created_at, updated_at)
                    VALUES (app_current_tenant(), ?, NULL, ?, 'EUR', 900, 900, TRUE, 1, now(), now())
                    """, UUID.randomUUID(), email));
            assertThat(count(spent)).isZero();
            contact("Guest", Map.of("emails", List.of(email.toUpperCase())));
            awaitMembers(spent, "Guest");
        }

        @Test
        @DisplayName("each kind of condition selects its contacts, combined with all or any")
        void eachCondition() {
            field("budget", "number", null);
            field("vat_id", "text", null);
            field("renewal", "date", null);
            field("interests", "multi_select", List.of("shoes", "hats"));
            String manager = api.get("/api/v1/auth/me")
                    .in(shop, owner)
                    .send()
                    .json()
                    .get("id")
                    .asText();
            Instant start = Instant.now();
            contact(
                    "Ana",
                    Map.of(
                            "customFields",
                                    Map.of(
                                            "budget",
                                            150,
                                            "vat_id",
                                            "ESB123",
                                            "renewal",
                                            "2026-03-01",
                                            "interests",
                                            List.of("shoes")),
                            "consents", List.of(Map.of("purpose", "email_marketing", "granted", true)),
                            "ownerId", manager));
            contact(
                    "Ben",
                    Map.of(
                            "customFields",
                                    Map.of(
                                            "budget",
                                            50,
                                            "vat_id",
                                            "FR999",
                                            "renewal",
                                            "2027-01-01",
                                            "interests",
                                            List.of("hats")),
                            "consents", List.of(Map.of("purpose", "email_marketing", "granted", false))));
            Map<String, List<String>> expected = new LinkedHashMap<>();
            expected.put(
                    segmentId(filter("all", condition("field_equals", "key", "budget", "value", "150.0"))),
                    List.of("Ana"));
            expected.put(
                    segmentId(filter("all", condition("field_equals", "key", "interests", "value", "hats"))),
                    List.of("Ben"));
            expected.put(
                    segmentId(filter("all", condition("field_contains", "key", "vat_id", "text", "esb"))),
                    List.of("Ana"));
            expected.put(
                    segmentId(filter("all", condition("field_range", "key", "budget", "from", "40", "to", "100"))),
                    List.of("Ben"));
            expected.put(
                    segmentId(filter("all", condition("field_range", "key", "renewal", "from", "2026-12-01"))),
                    List.of("Ben"));
            expected.put(segmentId(filter("all", condition("consent", "purpose", "email_marketing"))), List.of("Ana"));
            expected.put(segmentId(filter("all", condition("owner", "ownerId", manager))), List.of("Ana"));
            expected.put(
                    segmentId(filter("all", condition("created", "from", start.toString()))), List.of("Ana", "Ben"));
            expected.put(segmentId(filter("all", condition("created", "to", start.toString()))), List.of());
            expected.put(segmentId(filter("all", condition("last_activity", "before", start.toString()))), List.of());
            expected.put(
                    segmentId(filter("all", condition("tags", "match", "none", "tags", List.of("vip")))),
                    List.of("Ana", "Ben"));
            expected.put(
                    segmentId(filter("all", condition("stage", "stages", List.of("subscriber")))),
                    List.of("Ana", "Ben"));
            expected.put(segmentId(filter("all", condition("has_ordered", "ordered", false))), List.of("Ana", "Ben"));
            expected.put(
                    segmentId(filter("all", condition("total_spent", "currency", "EUR", "atMostMinor", 0))),
                    List.of("Ana", "Ben"));
            expected.put(
                    segmentId(filter(
                            "any",
                            condition("field_equals", "key", "vat_id", "value", "FR999"),
                            condition("consent", "purpose", "email_marketing"))),
                    List.of("Ana", "Ben"));
            expected.put(
                    segmentId(filter(
                            "all",
                            condition("field_equals", "key", "vat_id", "value", "FR999"),
                            condition("consent", "purpose", "email_marketing"))),
                    List.of());
            expected.forEach((segment, names) -> awaitMembers(segment, names.toArray(String[]::new)));
        }
    }

    @Nested
    @DisplayName("access")
    class Access {

        @Test
        @DisplayName("customers get 403, another tenant's owner gets what a missing id gets, 404")
        void isolation() {
            String id = segmentId(filter("all", condition("has_ordered", "ordered", true)));
            String customer = customer();
            api.get("/api/v1/segments").in(shop, customer).send().assertProblem(403, "forbidden");
            api.get("/api/v1/segments/" + id).in(shop, customer).send().assertProblem(403, "forbidden");
            Platform.Shop other = platform.newShop();
            String attacker = platform.ownerToken(other);
            for (String target : List.of(id, UUID.randomUUID().toString())) {
                assertThat(List.of(
                                api.get("/api/v1/segments/" + target)
                                        .in(other, attacker)
                                        .send()
                                        .status(),
                                api.get("/api/v1/segments/" + target + "/contacts")
                                        .in(other, attacker)
                                        .send()
                                        .status(),
                                api.patch("/api/v1/segments/" + target)
                                        .in(other, attacker)
                                        .json(Map.of("name", "pwned"))
                                        .send()
                                        .status(),
                                api.delete("/api/v1/segments/" + target)
                                        .in(other, attacker)
                                        .send()
                                        .status()))
                        .containsOnly(404);
            }
            assertThat(api.get("/api/v1/segments")
                            .in(other, attacker)
                            .send()
                            .json()
                            .get("items"))
                    .isEmpty();
            api.get("/api/v1/segments/" + id)
                    .in(shop, owner)
                    .send()
                    .assertStatus(200)
                    .assertETag(0);
        }

        @Test
        @DisplayName("with the CRM switched off the segment routes are refused with 403 module_disabled")
        void moduleOff() {
            String id = segmentId(filter("all", condition("has_ordered", "ordered", true)));
            api.delete("/api/v1/platform/tenants/" + shop.id() + "/modules/crm")
                    .bearer(platform.adminToken())
                    .send()
                    .assertStatus(200);
            await().atMost(SETTLED)
                    .untilAsserted(() ->
                            api.get("/api/v1/segments").in(shop, owner).send().assertProblem(403, "module_disabled"));
            api.get("/api/v1/segments/" + id).in(shop, owner).send().assertProblem(403, "module_disabled");
            api.get("/api/v1/segments/" + id + "/contacts")
                    .in(shop, owner)
                    .send()
                    .assertProblem(403, "module_disabled");
            submit(
                            owner,
                            "/api/v1/segments",
                            Map.of("name", "X", "filter", filter("all", condition("has_ordered", "ordered", true))))
                    .assertProblem(403, "module_disabled");
        }
    }
}
